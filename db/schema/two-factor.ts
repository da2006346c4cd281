import { boolean, index, integer, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

import { createdAt, primaryId, timestampMs } from './columns';
import { users } from './users';

export const recoveryCodes = pgTable(
  'recovery_codes',
  {
    id: primaryId(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    codeHash: text('code_hash').notNull(),
    usedAt: timestampMs('used_at'),
    createdAt: createdAt(),
  },
  (table) => [index('recovery_codes_user_idx').on(table.userId)],
);

// A sign-in that passed the password step. The browser holds the token in an HttpOnly cookie;
// only its hash is stored, so the row alone cannot finish a sign-in.
export const signInChallenges = pgTable(
  'sign_in_challenges',
  {
    id: primaryId(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    tokenHash: text('token_hash').notNull(),
    needsSecondFactor: boolean('needs_second_factor').notNull(),
    failedAttempts: integer('failed_attempts').notNull().default(0),
    expiresAt: timestampMs('expires_at').notNull(),
    createdAt: createdAt(),
  },
  (table) => [uniqueIndex('sign_in_challenges_token_unique').on(table.tokenHash)],
);
