import type { Database } from '@/db/client';
import { activeKeyNameExists, insertApiKey } from '@/db/queries/api-keys';
import { insertAuditEvent } from '@/db/queries/audit-events';
import { isUniqueViolation } from '@/lib/api/database-errors';
import { ApiError } from '@/lib/api/errors';
import { auditActions } from '@/lib/audit/actions';
import type { ClientInfo } from '@/lib/auth/client-info';
import { logger } from '@/lib/logger';

import { generateApiKey } from './format';

export interface CreatedKey {
  id: string;
  name: string;
  lastFour: string;
  createdAt: Date;
  /** The whole key: returned to the creator once and never stored or logged. */
  plaintext: string;
}

function nameTaken(name: string): ApiError {
  return new ApiError('conflict', 'An active key with this name already exists.', {
    errors: [{ path: 'name', message: `An active key named "${name}" already exists.` }],
  });
}

/** Creates a key for the organisation and records who did it; the key and its audit row commit together. */
export async function createApiKey(
  db: Database,
  input: { organisationId: string; name: string; actorUserId: string; client: ClientInfo },
): Promise<CreatedKey> {
  if (await activeKeyNameExists(db, input.organisationId, input.name)) throw nameTaken(input.name);

  const key = generateApiKey();
  try {
    const row = await db.transaction(async (tx) => {
      const inserted = await insertApiKey(tx, {
        organisationId: input.organisationId,
        name: input.name,
        keyHash: key.hash,
        lastFour: key.lastFour,
        createdByUserId: input.actorUserId,
      });
      await insertAuditEvent(tx, {
        organisationId: input.organisationId,
        actorUserId: input.actorUserId,
        action: auditActions.apiKeyCreated,
        details: { key_id: inserted.id, key_name: inserted.name },
        ...input.client,
      });
      return inserted;
    });

    logger.info(
      { event: 'api_key.created', organisation_id: input.organisationId, key_id: row.id },
      'api key created',
    );
    return { ...row, plaintext: key.plaintext };
  } catch (error) {
    // Two admins creating the same name at once: the partial unique index decides.
    if (isUniqueViolation(error, 'api_keys_active_name_unique')) throw nameTaken(input.name);
    throw error;
  }
}
