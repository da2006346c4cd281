import { getConnection, type Database } from '@/db/client';
import { findActiveKeyByHash, type ActiveKey } from '@/db/queries/api-keys';
import { env } from '@/lib/config/env';

import { KeyCache } from './key-cache';
import { listenOnPglite, listenOnPostgres, type InvalidationFeed } from './key-invalidation';

/** Resolves key hashes to active keys for one app instance: its database and its cache. */
export class KeyLookup {
  constructor(
    private readonly db: Database,
    readonly cache: KeyCache,
    private readonly feed: InvalidationFeed,
  ) {}

  async find(hash: string): Promise<ActiveKey | null> {
    const cached = this.cache.get(hash);
    if (cached) return cached;

    const token = this.cache.begin();
    const key = await findActiveKeyByHash(this.db, hash);
    // Unknown and revoked keys are not cached: a key created a moment later must work at once.
    if (key) this.cache.set(hash, key, token);
    return key;
  }

  close(): Promise<void> {
    return this.feed.close();
  }
}

export interface LookupSource {
  db: Database;
  kind: 'postgres' | 'pglite';
  /** The server's URL, for the notification connection; required for `postgres`. */
  url?: string;
  /** Overrides API_KEY_CACHE_TTL_MS; 0 turns the cache off. */
  cacheTtlMs?: number;
}

export async function createKeyLookup(source: LookupSource): Promise<KeyLookup> {
  const ttlMs = source.cacheTtlMs ?? env().API_KEY_CACHE_TTL_MS;
  const cache = new KeyCache({ ttlMs, maxEntries: env().API_KEY_CACHE_MAX_ENTRIES });

  let feed: InvalidationFeed = { close: async () => cache.disconnected() };
  if (ttlMs > 0 && source.kind === 'postgres' && source.url) {
    feed = listenOnPostgres(source.url, cache);
  } else if (ttlMs > 0 && source.kind === 'pglite') {
    // drizzle exposes the driver's client as $client; for PGlite that is the PGlite instance.
    feed = await listenOnPglite((source.db as unknown as { $client?: unknown }).$client, cache);
  }
  return new KeyLookup(source.db, cache, feed);
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
