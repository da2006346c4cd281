import { z } from 'zod';

import type { Database } from '@/db/client';
import { revokeApiKey } from '@/db/queries/api-keys';
import { insertAuditEvent } from '@/db/queries/audit-events';
import { latestKeyChange } from '@/db/queries/key-cache';
import { ApiError } from '@/lib/api/errors';
import { auditActions } from '@/lib/audit/actions';
import type { ClientInfo } from '@/lib/auth/client-info';
import { logger } from '@/lib/logger';

import { waitForCachesToApply } from './cache-acks';

/**
 * Revokes an active key of the organisation. It returns only once every app instance that
 * caches keys has dropped this one (or lost its cache lease), so the very next request with the
 * key is refused wherever it lands. An unknown, foreign or already revoked key is a 404: there
 * is no active key with that id here.
 */
export async function revokeKey(
  db: Database,
  input: { organisationId: string; keyId: string; actorUserId: string; client: ClientInfo },
) {
  const notFound = new ApiError(
    'not_found',
    'No active API key with that id in this organisation.',
  );
  if (!z.uuid().safeParse(input.keyId).success) throw notFound;

  const revoked = await db.transaction(async (tx) => {
    const row = await revokeApiKey(tx, input.organisationId, input.keyId, input.actorUserId);
    if (!row) return null;

    await insertAuditEvent(tx, {
      organisationId: input.organisationId,
      actorUserId: input.actorUserId,
      action: auditActions.apiKeyRevoked,
      details: { key_id: row.id, key_name: row.name },
      ...input.client,
    });
    // The trigger numbered this change; inside the transaction the counter shows our number.
    return { ...row, change: await latestKeyChange(tx) };
  });
  if (!revoked) throw notFound;

  await waitForCachesToApply(db, revoked.change);

  logger.info(
    { event: 'api_key.revoked', organisation_id: input.organisationId, key_id: revoked.id },
    'api key revoked',
  );
  return revoked;
}
