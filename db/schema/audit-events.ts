import { index, jsonb, pgTable, text, uuid } from 'drizzle-orm/pg-core';

import { createdAt, primaryId } from './columns';
import { organisations } from './organisations';
import { users } from './users';

// Append-only: the app inserts and reads these rows and has no code path that edits them.
export const auditEvents = pgTable(
  'audit_events',
  {
    id: primaryId(),
    organisationId: uuid('organisation_id').references(() => organisations.id, {
      onDelete: 'cascade',
    }),
    actorUserId: uuid('actor_user_id').references(() => users.id, { onDelete: 'set null' }),
    action: text('action').notNull(),
    details: jsonb('details').$type<Record<string, string>>().notNull().default({}),
    clientAddress: text('client_address'),
    userAgent: text('user_agent'),
    createdAt: createdAt(),
  },
  (table) => [
    index('audit_events_organisation_idx').on(table.organisationId, table.createdAt.desc()),
    index('audit_events_actor_idx').on(table.actorUserId, table.createdAt.desc()),
  ],
);

export type AuditEvent = typeof auditEvents.$inferSelect;
