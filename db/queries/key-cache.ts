import { and, eq, gt, lt, sql } from 'drizzle-orm';

import type { Database } from '../client';
import { keyCacheInstances, keyChangeCounter } from '../schema';

// Intervals are computed by the server from its own clock, so app instances' clocks never meet.
const leaseEnd = sql`${keyCacheInstances.heartbeatAt}
  + ${keyCacheInstances.leaseMs} * interval '1 millisecond'`;
const currentSeq = sql<number>`(select ${keyChangeCounter.seq} from ${keyChangeCounter})`;

/**
 * Joins (or rejoins) the cache: the instance has applied every change up to now, because it
 * starts from an empty cache. Returns that change number.
 */
export async function registerCacheInstance(
  db: Database,
  id: string,
  leaseMs: number,
): Promise<number> {
  const [row] = await db
    .insert(keyCacheInstances)
    .values({ id, leaseMs, ackedSeq: currentSeq })
    .onConflictDoUpdate({
      target: keyCacheInstances.id,
      set: { ackedSeq: sql`excluded.acked_seq`, heartbeatAt: sql`now()`, leaseMs },
    })
    .returning({ ackedSeq: keyCacheInstances.ackedSeq });
  if (!row) throw new Error('registering the key cache instance returned no row');
  return Number(row.ackedSeq);
}

/**
 * Renews the instance's lease and records how far it has applied changes. Returns the newest
 * change number, or null when the row is gone (pruned as stale: the instance must rejoin).
 */
export async function renewCacheLease(
  db: Database,
  id: string,
  ackedSeq: number,
): Promise<number | null> {
  const [row] = await db
    .update(keyCacheInstances)
    .set({
      heartbeatAt: sql`now()`,
      ackedSeq: sql`greatest(${keyCacheInstances.ackedSeq}, ${ackedSeq})`,
    })
    .where(eq(keyCacheInstances.id, id))
    .returning({ current: currentSeq });
  return row ? Number(row.current) : null;
}

export async function leaveCache(db: Database, id: string): Promise<void> {
  await db.delete(keyCacheInstances).where(eq(keyCacheInstances.id, id));
}

/** Rows of instances that stopped long ago without leaving (killed, crashed). */
export async function pruneStaleCacheInstances(db: Database, olderThanMs: number): Promise<void> {
  await db
    .delete(keyCacheInstances)
    .where(lt(leaseEnd, sql`now() - ${olderThanMs} * interval '1 millisecond'`));
}

/** The number of the newest key change; inside a transaction, includes its own changes. */
export async function latestKeyChange(db: Database): Promise<number> {
  const [row] = await db.select({ seq: keyChangeCounter.seq }).from(keyChangeCounter);
  return Number(row?.seq ?? 0);
}

/** Instances that may still serve a key from before change `seq` from their cache. */
export async function countInstancesBehind(db: Database, seq: number): Promise<number> {
  const [row] = await db
    .select({ count: sql<number>`count(*)::int` })
    .from(keyCacheInstances)
    .where(and(lt(keyCacheInstances.ackedSeq, seq), gt(leaseEnd, sql`now()`)));
  return row?.count ?? 0;
}
