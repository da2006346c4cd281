import type { ActiveKey } from '@/db/queries/api-keys';

export interface KeyCacheOptions {
  /** Upper bound on how long one entry is kept, whatever else happens. */
  ttlMs: number;
  maxEntries: number;
  /** A monotonic clock in ms; the trust deadlines passed in are read on it. */
  now?: () => number;
}

interface Entry {
  key: ActiveKey;
  expiresAt: number;
}

/**
 * Active keys by hash, trusted only until a deadline that the instance's cache membership keeps
 * pushing forward (lib/api-keys/cache-membership.ts). Before the first deadline is set, and
 * whenever one passes without renewal, it serves and stores nothing, so a lost connection costs
 * a database lookup per request, never a revoked key let through.
 */
export class KeyCache {
  private readonly entries = new Map<string, Entry>();
  private readonly hashById = new Map<string, string>();
  private generation = 0;
  private trustedUntil = Number.NEGATIVE_INFINITY;
  readonly now: () => number;

  constructor(private readonly options: KeyCacheOptions) {
    this.now = options.now ?? (() => performance.now());
  }

  get enabled(): boolean {
    return this.options.ttlMs > 0 && this.now() < this.trustedUntil;
  }

  get size(): number {
    return this.entries.size;
  }

  get(hash: string): ActiveKey | undefined {
    const entry = this.entries.get(hash);
    if (!entry) return undefined;

    const now = this.now();
    if (now >= this.trustedUntil || entry.expiresAt <= now) {
      this.remove(hash, entry.key.id);
      return undefined;
    }
    return entry.key;
  }

  /** Call before reading the database; pass the token to `set`. */
  begin(): number {
    return this.generation;
  }

  /**
   * Stores a lookup unless the cache was invalidated or cleared while it was in flight: the row
   * may have been read before a revocation committed, and the notice for it is already handled.
   */
  set(hash: string, key: ActiveKey, token: number): void {
    if (!this.enabled || token !== this.generation) return;

    if (!this.entries.has(hash) && this.entries.size >= this.options.maxEntries) {
      const [oldestHash, oldest] = this.entries.entries().next().value ?? [];
      if (oldestHash !== undefined && oldest) this.remove(oldestHash, oldest.key.id);
    }
    this.entries.set(hash, { key, expiresAt: this.now() + this.options.ttlMs });
    this.hashById.set(key.id, hash);
  }

  /** A key changed (revoked, deleted, moved): forget it, and any lookup racing with the change. */
  invalidate(keyId: string): void {
    this.generation += 1;
    const hash = this.hashById.get(keyId);
    if (hash !== undefined) this.remove(hash, keyId);
  }

  /**
   * Trusts the cache until `deadline` (on this cache's clock). If trust had lapsed, revocations
   * may have gone ahead without this instance, so everything cached before is dropped first.
   */
  trustUntil(deadline: number): void {
    if (this.now() >= this.trustedUntil) this.clear();
    this.trustedUntil = Math.max(this.trustedUntil, deadline);
  }

  /** Changes may be missed from now on: stop trusting and stop filling the cache. */
  distrust(): void {
    this.trustedUntil = Number.NEGATIVE_INFINITY;
    this.clear();
  }

  clear(): void {
    this.generation += 1;
    this.entries.clear();
    this.hashById.clear();
  }

  private remove(hash: string, keyId: string): void {
    this.entries.delete(hash);
    if (this.hashById.get(keyId) === hash) this.hashById.delete(keyId);
  }
}
