import { getConnection, type Database } from '@/db/client';
import { findActiveKeyByHash, type ActiveKey } from '@/db/queries/api-keys';
import { SharedReads } from '@/lib/async/shared-reads';
import { env } from '@/lib/config/env';

import { CacheMembership, defaultCacheTiming, type CacheTiming } from './cache-membership';
import { KeyCache } from './key-cache';
import {
  isListenable,
  pgliteChannel,
  postgresChannel,
  type NoticeHandlers,
} from './notice-channels';

/** Resolves key hashes to active keys for one app instance: its database and its cache. */
export class KeyLookup {
  // Requests carrying the same uncached key at once (a client's burst, or a client retrying a
  // revoked key) share one database read; SharedReads never hands out a read that began before
  // the request, so a key created or revoked before it arrived is seen as such.
  private readonly reads = new SharedReads<ActiveKey | null>();

  constructor(
    private readonly db: Database,
    readonly cache: KeyCache,
    readonly membership: CacheMembership | null,
  ) {}

  async find(hash: string): Promise<ActiveKey | null> {
    const cached = this.cache.get(hash);
    if (cached) return cached;

    return this.reads.read(hash, () => this.read(hash));
  }

  private async read(hash: string): Promise<ActiveKey | null> {
    const token = this.cache.begin();
    const key = await findActiveKeyByHash(this.db, hash);
    // Unknown keys are not cached: a key created a moment later must work at once. Nor are
    // revoked ones: clients retrying one share a lookup and are answered together, which the
    // bench measured cheaper per refusal than a cache hit answering each alone (BASELINE.md).
    if (key) this.cache.set(hash, key, token);
    return key;
  }

  async close(): Promise<void> {
    this.cache.distrust();
    await this.membership?.close();
  }
}

export interface LookupSource {
  db: Database;
  kind: 'postgres' | 'pglite';
  /** The server's URL, for the listening connection; required for `postgres`. */
  url?: string;
  /** Overrides API_KEY_CACHE_TTL_MS; 0 turns the cache off. */
  cacheTtlMs?: number;
  /** Overrides the lease timing (tests use short leases). */
  timing?: CacheTiming;
}

export async function createKeyLookup(source: LookupSource): Promise<KeyLookup> {
  const ttlMs = source.cacheTtlMs ?? env().API_KEY_CACHE_TTL_MS;
  const cache = new KeyCache({ ttlMs, maxEntries: env().API_KEY_CACHE_MAX_ENTRIES });
  if (ttlMs <= 0) return new KeyLookup(source.db, cache, null);

  // The membership and its channel refer to each other: the channel is built first.
  const wired: { membership?: CacheMembership } = {};
  const handlers: NoticeHandlers = {
    onNotice: (payload) => wired.membership?.onNotice(payload),
    onLost: () => wired.membership?.onLost(),
  };

  // drizzle exposes the driver's client as $client; for PGlite that is the PGlite instance.
  const client = (source.db as unknown as { $client?: unknown }).$client;
  let channel;
  if (source.kind === 'postgres' && source.url) {
    channel = await postgresChannel(source.url, handlers);
  } else if (source.kind === 'pglite' && isListenable(client)) {
    channel = pgliteChannel(source.db, client, handlers);
  } else {
    return new KeyLookup(source.db, cache, null);
  }

  const membership = new CacheMembership(channel, cache, source.timing ?? defaultCacheTiming);
  wired.membership = membership;
  membership.start();
  return new KeyLookup(source.db, cache, membership);
}

// One lookup per server process, next to the cached connection it uses (see db/client.ts).
const globalForLookup = globalThis as unknown as { servicebayKeyLookup?: Promise<KeyLookup> };

export function getKeyLookup(): Promise<KeyLookup> {
  globalForLookup.servicebayKeyLookup ??= getConnection()
    .then(({ db, kind }) => createKeyLookup({ db, kind, url: env().DATABASE_URL }))
    .catch((error: unknown) => {
      globalForLookup.servicebayKeyLookup = undefined;
      throw error;
    });
  return globalForLookup.servicebayKeyLookup;
}

/** Leaves the cache (so revocations stop waiting for this instance) and closes its channel. */
export async function closeKeyLookup(): Promise<void> {
  const pending = globalForLookup.servicebayKeyLookup;
  globalForLookup.servicebayKeyLookup = undefined;
  if (pending) await (await pending.catch(() => null))?.close();
}
