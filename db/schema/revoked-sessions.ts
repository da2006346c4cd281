import { index, pgTable, uuid } from 'drizzle-orm/pg-core';

import { createdAt, timestampMs } from './columns';
import { users } from './users';

// Sessions ended one by one (sign-out). A signed session token stays valid cryptographically
// until it expires, so the server keeps its id here until then: `expires_at` is the latest the
// token could still be accepted (its sign-in time plus the absolute lifetime).
export const revokedSessions = pgTable(
  'revoked_sessions',
  {
    sessionId: uuid('session_id').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    expiresAt: timestampMs('expires_at').notNull(),
    createdAt: createdAt(),
  },
  (table) => [index('revoked_sessions_expires_idx').on(table.expiresAt)],
);
