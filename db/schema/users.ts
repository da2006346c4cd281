import { sql } from 'drizzle-orm';
import { bigint, integer, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';

import { createdAt, primaryId, timestampMs } from './columns';

export const users = pgTable(
  'users',
  {
    id: primaryId(),
    email: text('email').notNull(),
    name: text('name'),
    passwordHash: text('password_hash').notNull(),
    // Bumped to end every session of the account (sign out everywhere, password or 2FA change).
    sessionVersion: integer('session_version').notNull().default(0),
    // TOTP secrets are stored encrypted (AES-256-GCM); see lib/two-factor/secret-box.ts.
    totpSecretEncrypted: text('totp_secret_encrypted'),
    totpPendingSecretEncrypted: text('totp_pending_secret_encrypted'),
    totpEnabledAt: timestampMs('totp_enabled_at'),
    // The highest 30-second step accepted so far: a code from it or an earlier step is a replay.
    totpLastUsedStep: bigint('totp_last_used_step', { mode: 'number' }),
    totpFailedAttempts: integer('totp_failed_attempts').notNull().default(0),
    totpLockedUntil: timestampMs('totp_locked_until'),
    createdAt: createdAt(),
    updatedAt: timestampMs('updated_at').notNull().defaultNow(),
  },
  (table) => [uniqueIndex('users_email_lower_unique').on(sql`lower(${table.email})`)],
);

export type User = typeof users.$inferSelect;
