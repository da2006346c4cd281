import { sql } from 'drizzle-orm';
import { bigint, boolean, check, integer, pgTable, uuid } from 'drizzle-orm/pg-core';

import { timestampMs } from './columns';

// The API key cache's bookkeeping (lib/api-keys/cache-membership.ts). Every change that can make
// a cached key wrong bumps `seq` in the same transaction (the api_keys triggers), so changes are
// numbered in commit order: the row lock makes a second change wait for the first to commit.
export const keyChangeCounter = pgTable(
  'key_change_counter',
  {
    singleton: boolean('singleton').primaryKey().default(true),
    seq: bigint('seq', { mode: 'number' }).notNull().default(0),
  },
  (table) => [check('key_change_counter_singleton', sql`${table.singleton}`)],
);

// One row per app instance that caches keys: how far it has applied key changes, and when it
// last proved it is alive. A revocation waits until every instance whose lease has not run out
// (heartbeat_at + lease_ms) has acknowledged it; an instance stops trusting its cache before its
// own lease runs out, so one that cannot renew it is safe to skip.
export const keyCacheInstances = pgTable('key_cache_instances', {
  id: uuid('id').primaryKey(),
  ackedSeq: bigint('acked_seq', { mode: 'number' }).notNull(),
  heartbeatAt: timestampMs('heartbeat_at').notNull().defaultNow(),
  leaseMs: integer('lease_ms').notNull(),
});
