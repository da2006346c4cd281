import type { Database } from '@/db/client';
import { insertAuditEvent } from '@/db/queries/audit-events';
import type { ClientInfo } from '@/lib/auth/client-info';

/** Appends one entry to the audit trail. Details name what happened, never a secret. */
export async function recordAuditEvent(
  db: Database,
  event: {
    action: string;
    actorUserId: string | null;
    organisationId?: string | null;
    details?: Record<string, string>;
    client?: ClientInfo;
  },
) {
  await insertAuditEvent(db, {
    action: event.action,
    actorUserId: event.actorUserId,
    organisationId: event.organisationId ?? null,
    details: event.details ?? {},
    clientAddress: event.client?.clientAddress ?? null,
    userAgent: event.client?.userAgent ?? null,
  });
}
