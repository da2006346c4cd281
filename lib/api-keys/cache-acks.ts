import { setTimeout as sleep } from 'node:timers/promises';

import type { Database } from '@/db/client';
import { countInstancesBehind } from '@/db/queries/key-cache';
import { logger } from '@/lib/logger';

// Every instance either applies a change within one heartbeat (its renewal catches up even when
// the notice was lost) or lets its lease run out; both take seconds at most. Past this, the
// database's clock or the instances are broken, and waiting longer would not help the caller.
const GIVE_UP_MS = 15_000;

/**
 * Waits until no app instance can still serve a key from its cache that change `seq` (a
 * revocation) made invalid: each instance holding a cache lease has applied it, or lost its
 * lease. Returns false if that did not happen in time; the change itself is committed anyway.
 */
export async function waitForCachesToApply(db: Database, seq: number): Promise<boolean> {
  const startedAt = performance.now();

  for (let pauseMs = 2; ; pauseMs = Math.min(pauseMs * 2, 50)) {
    const behind = await countInstancesBehind(db, seq);
    if (behind === 0) return true;

    if (performance.now() - startedAt > GIVE_UP_MS) {
      logger.error(
        { event: 'api_key_cache.apply_timeout', change: seq, instances_behind: behind },
        'key change not confirmed by every instance',
      );
      return false;
    }
    await sleep(pauseMs);
  }
}
