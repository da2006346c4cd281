import { and, eq, isNull, lt, or, type SQL } from 'drizzle-orm';

import type { Database } from '../client';
import { auditEvents, users } from '../schema';

import { newestFirst } from './newest-first';

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
    .orderBy(newestFirst(auditEvents.createdAt))
    .limit(100);
}

/** Whose trail: one organisation's, or one account's own events outside any organisation. */
export type AuditScope = { organisationId: string } | { accountUserId: string };

export interface AuditQuery {
  scope: AuditScope;
  action?: string;
  actorUserId?: string;
  /** Keyset position: entries strictly older than this one. */
  before?: { createdAt: Date; id: string };
  limit: number;
}

function scopeCondition(scope: AuditScope): SQL | undefined {
  if ('organisationId' in scope) return eq(auditEvents.organisationId, scope.organisationId);
  return and(eq(auditEvents.actorUserId, scope.accountUserId), isNull(auditEvents.organisationId));
}

/** One page of the trail, newest first, with the actor's email (null once deleted). */
export async function listAuditPage(db: Database, query: AuditQuery) {
  const conditions = [scopeCondition(query.scope)];
  if (query.action) conditions.push(eq(auditEvents.action, query.action));
  if (query.actorUserId) conditions.push(eq(auditEvents.actorUserId, query.actorUserId));
  if (query.before) {
    const { createdAt, id } = query.before;
    conditions.push(
      or(
        lt(auditEvents.createdAt, createdAt),
        and(eq(auditEvents.createdAt, createdAt), lt(auditEvents.id, id)),
      ),
    );
  }

  return db
    .select({
      id: auditEvents.id,
      action: auditEvents.action,
      details: auditEvents.details,
      clientAddress: auditEvents.clientAddress,
      userAgent: auditEvents.userAgent,
      createdAt: auditEvents.createdAt,
      actorUserId: auditEvents.actorUserId,
      actorEmail: users.email,
    })
    .from(auditEvents)
    .leftJoin(users, eq(users.id, auditEvents.actorUserId))
    .where(and(...conditions))
    .orderBy(newestFirst(auditEvents.createdAt), newestFirst(auditEvents.id))
    .limit(query.limit);
}

export type AuditEntry = Awaited<ReturnType<typeof listAuditPage>>[number];

/** The actions and actors that occur in the trail, for the filter menus. */
export async function auditFilterOptions(db: Database, scope: AuditScope) {
  const where = scopeCondition(scope);
  const [actions, actors] = await Promise.all([
    db
      .selectDistinct({ action: auditEvents.action })
      .from(auditEvents)
      .where(where)
      .orderBy(auditEvents.action),
    db
      .selectDistinct({ id: users.id, email: users.email })
      .from(auditEvents)
      .innerJoin(users, eq(users.id, auditEvents.actorUserId))
      .where(where)
      .orderBy(users.email),
  ]);
  return { actions: actions.map((row) => row.action), actors };
}
