import { sql } from 'drizzle-orm';
import { index, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

import { createdAt, primaryId, timestampMs } from './columns';
import { organisations } from './organisations';
import { users } from './users';

export const apiKeys = pgTable(
  'api_keys',
  {
    id: primaryId(),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    // SHA-256 of the whole key as lowercase hex. `text`, not `char(64)`: a char column compared
    // with a text parameter can lose the index and fall back to a sequential scan.
    keyHash: text('key_hash').notNull(),
    lastFour: text('last_four').notNull(),
    createdByUserId: uuid('created_by_user_id').references(() => users.id, {
      onDelete: 'set null',
    }),
    createdAt: createdAt(),
    lastUsedAt: timestampMs('last_used_at'),
    revokedAt: timestampMs('revoked_at'),
    revokedByUserId: uuid('revoked_by_user_id').references(() => users.id, {
      onDelete: 'set null',
    }),
  },
  (table) => [
    uniqueIndex('api_keys_key_hash_unique').on(table.keyHash),
    index('api_keys_organisation_created_idx').on(table.organisationId, table.createdAt),
    uniqueIndex('api_keys_active_name_unique')
      .on(table.organisationId, table.name)
      .where(sql`${table.revokedAt} is null`),
  ],
);

export type ApiKey = typeof apiKeys.$inferSelect;
