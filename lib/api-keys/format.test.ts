import { createHash } from 'node:crypto';

import { describe, expect, it } from 'vitest';

import { generateApiKey, hashApiKey, isWellFormedApiKey, maskApiKey } from './format';

describe('generateApiKey', () => {
  it('produces sk_live_ and 32 lowercase hex characters', () => {
    const key = generateApiKey();
    expect(key.plaintext).toMatch(/^sk_live_[0-9a-f]{32}$/);
    expect(key.lastFour).toBe(key.plaintext.slice(-4));
  });

  it('stores the SHA-256 of the whole key', () => {
    const key = generateApiKey();
    expect(key.hash).toBe(createHash('sha256').update(key.plaintext).digest('hex'));
    expect(key.hash).not.toContain(key.plaintext.slice(8));
  });

  it('never repeats a key across many draws', () => {
    const seen = new Set(Array.from({ length: 5_000 }, () => generateApiKey().plaintext));
    expect(seen.size).toBe(5_000);
  });
});

describe('isWellFormedApiKey', () => {
  it.each([
    ['sk_live_0123456789abcdef0123456789abcdef', true],
    ['sk_live_0123456789ABCDEF0123456789abcdef', false],
    ['sk_live_0123456789abcdef0123456789abcde', false],
    ['sk_live_0123456789abcdef0123456789abcdef0', false],
    ['sk_test_0123456789abcdef0123456789abcdef', false],
    [' sk_live_0123456789abcdef0123456789abcdef', false],
    ['sk_live_0123456789abcdef0123456789abcdeg', false],
    ['', false],
  ])('%j is %s', (value, expected) => {
    expect(isWellFormedApiKey(value)).toBe(expected);
  });
});

describe('hashApiKey and maskApiKey', () => {
  it('hashes deterministically to 64 hex characters', () => {
    expect(hashApiKey('sk_live_x')).toBe(hashApiKey('sk_live_x'));
    expect(hashApiKey('sk_live_x')).toMatch(/^[0-9a-f]{64}$/);
  });

  it('masks all but the last four characters', () => {
    expect(maskApiKey('beef')).toBe('sk_live_…beef');
  });
});
