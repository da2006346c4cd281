import { randomUUID } from 'node:crypto';

import {
  leaveCache,
  pruneStaleCacheInstances,
  registerCacheInstance,
  renewCacheLease,
} from '@/db/queries/key-cache';
import { withTimeout } from '@/lib/async/with-timeout';
import { logger } from '@/lib/logger';

import type { KeyCache } from './key-cache';
import type { NoticeChannel } from './notice-channels';

export interface CacheTiming {
  /** How often the lease is renewed. */
  heartbeatMs: number;
  /** How long a renewal counts: revocations skip an instance whose lease ran out. */
  leaseMs: number;
}

export const defaultCacheTiming: CacheTiming = { heartbeatMs: 1_000, leaseMs: 5_000 };

// Rows of instances gone this long are deleted by whoever joins next.
const STALE_ROW_MS = 60 * 60 * 1_000;

/**
 * Makes one instance's key cache safe to use with revocation "on the very next request", on
 * every instance. The instance holds a lease in key_cache_instances, renewed every heartbeat,
 * and records there how far it has applied key changes (numbered by the api_keys triggers). A
 * revocation waits until every instance holding a lease has applied it (lib/api-keys/
 * cache-acks.ts). Notices make that fast; the renewals make it certain: each renewal compares
 * the newest change number with the applied one and empties the cache if any was missed.
 *
 * The instance trusts its cache only until its last successful renewal's start plus the lease,
 * less a fifth of it, which is before the database's view of the lease (heartbeat_at +
 * lease_ms) ends; a revocation that skips it after that finds a cache already distrusted.
 */
export class CacheMembership {
  readonly id = randomUUID();
  private appliedSeq = 0;
  private joined = false;
  private closed = false;
  private renewing = false;
  private renewAgain = false;
  private failing = false;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly channel: NoticeChannel,
    private readonly cache: KeyCache,
    private readonly timing: CacheTiming = defaultCacheTiming,
  ) {}

  start(): void {
    this.schedule(0);
  }

  /** A notice from the triggers: "<change number>:<key id>". */
  onNotice(payload: string): void {
    const at = payload.indexOf(':');
    const seq = Number(payload.slice(0, at));
    if (at < 1 || !Number.isSafeInteger(seq)) {
      this.cache.clear();
      return;
    }

    this.cache.invalidate(payload.slice(at + 1));
    if (!this.joined || seq <= this.appliedSeq) return;

    // Changes commit in number order and notices arrive in commit order: a gap is a lost notice.
    if (seq > this.appliedSeq + 1) this.cache.clear();
    this.appliedSeq = seq;
    void this.renew();
  }

  /** The listening connection closed: notices may be lost until the next join. */
  onLost(): void {
    this.joined = false;
    this.cache.distrust();
    if (!this.closed) this.schedule(this.retryMs());
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.timer);
    this.cache.distrust();
    try {
      if (this.joined) await leaveCache(this.channel.db, this.id);
    } catch (error) {
      logger.warn({ event: 'api_key_cache.leave_failed', err: error }, 'cache lease not released');
    }
    await this.channel.close();
  }

  private schedule(delayMs: number): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.beat(), delayMs);
    this.timer.unref();
  }

  private async beat(): Promise<void> {
    if (this.closed) return;
    await (this.joined ? this.renew() : this.join());
    if (!this.closed) this.schedule(this.joined ? this.timing.heartbeatMs : this.retryMs());
  }

  private async join(): Promise<void> {
    const startedAt = this.cache.now();
    try {
      await this.bounded(this.channel.listen());
      await this.bounded(pruneStaleCacheInstances(this.channel.db, STALE_ROW_MS));
      const seq = await this.bounded(
        registerCacheInstance(this.channel.db, this.id, this.timing.leaseMs),
      );

      // Empty from here on: anything looked up before may predate a change numbered <= seq.
      this.cache.distrust();
      this.appliedSeq = seq;
      this.joined = true;
      this.cache.trustUntil(this.deadlineFrom(startedAt));
      this.recovered('api_key_cache.joined');
    } catch (error) {
      this.failed('api_key_cache.join_failed', error);
    }
  }

  /** Renews the lease and reports the applied change number; one statement at a time. */
  private async renew(): Promise<void> {
    if (this.renewing) {
      this.renewAgain = true;
      return;
    }
    this.renewing = true;

    try {
      do {
        this.renewAgain = false;
        const startedAt = this.cache.now();
        const newest = await this.bounded(
          renewCacheLease(this.channel.db, this.id, this.appliedSeq),
        );
        if (newest === null) {
          this.onLost();
          return;
        }
        if (newest > this.appliedSeq) {
          // Committed changes the notices have not (yet) brought: start over from empty.
          this.cache.clear();
          this.appliedSeq = newest;
          this.renewAgain = true;
        }
        this.cache.trustUntil(this.deadlineFrom(startedAt));
      } while (this.renewAgain && !this.closed);
      this.recovered('api_key_cache.lease_renewed');
    } catch (error) {
      this.failed('api_key_cache.renewal_failed', error);
    } finally {
      this.renewing = false;
    }
  }

  private retryMs(): number {
    return Math.min(250, this.timing.heartbeatMs);
  }

  private deadlineFrom(startedAt: number): number {
    return startedAt + this.timing.leaseMs - this.timing.leaseMs / 5;
  }

  /** A statement that outlives the lease is stalled: drop the connection and start over. */
  private bounded<T>(work: Promise<T>): Promise<T> {
    return withTimeout(work, this.timing.leaseMs, () => {
      void this.channel.reset();
      return new Error('cache lease statement stalled');
    });
  }

  private failed(event: string, error: unknown): void {
    // Once per failure streak: a database outage must not log a line per heartbeat.
    if (!this.failing) logger.warn({ event, err: error }, 'key cache paused: lease not renewed');
    this.failing = true;
  }

  private recovered(event: string): void {
    if (this.failing) logger.info({ event }, 'key cache lease renewed again');
    this.failing = false;
  }
}
