import type { ActiveKey } from '@/db/queries/api-keys';

export interface KeyCacheOptions {
  /** Upper bound on how long an entry is trusted even if an invalidation were missed. */
  ttlMs: number;
  maxEntries: number;
  now?: () => number;
}

interface Entry {
  key: ActiveKey;
  expiresAt: number;
}

/**
 * Active keys by hash, trusted only while this instance receives revocation notices. Until
 * `connected()` is called, and again after `disconnected()`, it caches nothing, so a lost
 * notification channel costs a database lookup per request, never a revoked key let through.
 */
export class KeyCache {
  private readonly entries = new Map<string, Entry>();
  private readonly hashById = new Map<string, string>();
  private generation = 0;
  private live = false;
  private readonly now: () => number;

  constructor(private readonly options: KeyCacheOptions) {
    this.now = options.now ?? Date.now;
  }

  get enabled(): boolean {
    return this.live && this.options.ttlMs > 0;
  }

  get size(): number {
    return this.entries.size;
  }

  get(hash: string): ActiveKey | undefined {
    const entry = this.entries.get(hash);
    if (!entry) return undefined;

    if (!this.live || entry.expiresAt <= this.now()) {
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
   * Stores a lookup unless an invalidation arrived while it was in flight: the row may have been
   * read before a revocation committed, and the notice for it has already been handled.
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

  /** Notices flow: start caching from a clean slate (anything may have changed meanwhile). */
  connected(): void {
    this.clear();
    this.live = true;
  }

  /** Notices may be lost from now on: stop trusting and stop filling the cache. */
  disconnected(): void {
    this.live = false;
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
