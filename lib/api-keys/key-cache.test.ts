import { describe, expect, it } from 'vitest';

import { KeyCache } from './key-cache';

const key = { id: 'key-1', organisationId: 'org-1' };

function liveCache(options: { ttlMs?: number; maxEntries?: number } = {}) {
  let now = 1_000;
  const cache = new KeyCache({
    ttlMs: options.ttlMs ?? 10_000,
    maxEntries: options.maxEntries ?? 100,
    now: () => now,
  });
  cache.trustUntil(now + 60_000);
  return { cache, advance: (ms: number) => (now += ms) };
}

describe('KeyCache', () => {
  it('serves a stored key until its TTL runs out', () => {
    const { cache, advance } = liveCache({ ttlMs: 500 });
    cache.set('hash-1', key, cache.begin());

    expect(cache.get('hash-1')).toEqual(key);
    advance(499);
    expect(cache.get('hash-1')).toEqual(key);
    advance(1);
    expect(cache.get('hash-1')).toBeUndefined();
  });

  it('forgets a key the moment it is invalidated', () => {
    const { cache } = liveCache();
    cache.set('hash-1', key, cache.begin());

    cache.invalidate('key-1');
    expect(cache.get('hash-1')).toBeUndefined();
  });

  it('does not store a lookup that raced with an invalidation', () => {
    const { cache } = liveCache();
    const token = cache.begin();
    cache.invalidate('key-1');

    cache.set('hash-1', key, token);
    expect(cache.get('hash-1')).toBeUndefined();
  });

  it('caches nothing before it is trusted and after it is distrusted', () => {
    const cache = new KeyCache({ ttlMs: 10_000, maxEntries: 100 });
    cache.set('hash-1', key, cache.begin());
    expect(cache.get('hash-1')).toBeUndefined();

    cache.trustUntil(cache.now() + 60_000);
    cache.set('hash-1', key, cache.begin());
    expect(cache.get('hash-1')).toEqual(key);

    cache.distrust();
    expect(cache.get('hash-1')).toBeUndefined();
    cache.set('hash-1', key, cache.begin());
    expect(cache.size).toBe(0);
  });

  it('stops serving past its trust deadline, and drops old entries on a late renewal', () => {
    const { cache, advance } = liveCache({ ttlMs: 600_000 });
    cache.set('hash-1', key, cache.begin());

    advance(60_000);
    expect(cache.enabled).toBe(false);
    expect(cache.get('hash-1')).toBeUndefined();
    cache.set('hash-2', { id: 'key-2', organisationId: 'org-1' }, cache.begin());
    expect(cache.size).toBe(0);

    cache.trustUntil(cache.now() + 1_000);
    expect(cache.enabled).toBe(true);
    expect(cache.get('hash-1')).toBeUndefined();
  });

  it('keeps its entries when trust is renewed in time', () => {
    const { cache, advance } = liveCache({ ttlMs: 600_000 });
    cache.set('hash-1', key, cache.begin());

    advance(59_999);
    cache.trustUntil(cache.now() + 60_000);
    advance(30_000);
    expect(cache.get('hash-1')).toEqual(key);
  });

  it('does not store a lookup that raced with a clear', () => {
    const { cache } = liveCache();
    const token = cache.begin();
    cache.clear();

    cache.set('hash-1', key, token);
    expect(cache.get('hash-1')).toBeUndefined();
  });

  it('is off when the TTL is 0', () => {
    const { cache } = liveCache({ ttlMs: 0 });
    cache.set('hash-1', key, cache.begin());
    expect(cache.enabled).toBe(false);
    expect(cache.get('hash-1')).toBeUndefined();
  });

  it('evicts the oldest entry when full', () => {
    const { cache } = liveCache({ maxEntries: 2 });
    for (const n of [1, 2, 3]) {
      cache.set(`hash-${n}`, { id: `key-${n}`, organisationId: 'org-1' }, cache.begin());
    }

    expect(cache.size).toBe(2);
    expect(cache.get('hash-1')).toBeUndefined();
    expect(cache.get('hash-3')).toEqual({ id: 'key-3', organisationId: 'org-1' });
  });
});
