import { and, desc, eq } from 'drizzle-orm';

import type { Database } from '../client';
import { auditEvents } from '../schema';

export interface NewAuditEvent {
  organisationId: string | null;
  actorUserId: string | null;
  action: string;
  details: Record<string, string>;
  clientAddress: string | null;
  userAgent: string | null;
}

export async function insertAuditEvent(db: Database, event: NewAuditEvent) {
  await db.insert(auditEvents).values(event);
}

/** The organisation's most recent events of one kind, newest first. */
export async function listAuditEvents(db: Database, organisationId: string, action: string) {
  return db
    .select()
    .from(auditEvents)
    .where(and(eq(auditEvents.organisationId, organisationId), eq(auditEvents.action, action)))
    .orderBy(desc(auditEvents.createdAt))
    .limit(100);
}
