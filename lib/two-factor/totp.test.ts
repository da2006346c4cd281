import { describe, expect, it } from 'vitest';

import {
  checkTotpCode,
  createTotpSecret,
  groupSecret,
  normaliseTotpCode,
  timeStepAt,
  totpCodeAt,
  totpUri,
} from './totp';

// RFC 6238 appendix B: the ASCII secret "12345678901234567890" in base32.
const RFC_SECRET = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';

// The start of a 30-second step, so offsets below land exactly on step edges.
const STEP_START = new Date(Date.UTC(2030, 0, 1, 0, 0, 0));
const at = (offsetMs: number) => new Date(STEP_START.getTime() + offsetMs);

function base32Bytes(secret: string): number {
  return Math.floor((secret.replace(/=+$/, '').length * 5) / 8);
}

describe('secrets and URIs', () => {
  it('makes base32 secrets of at least 160 bits, different every time', () => {
    const secrets = new Set(Array.from({ length: 20 }, () => createTotpSecret()));

    expect(secrets.size).toBe(20);
    for (const secret of secrets) {
      expect(secret).toMatch(/^[A-Z2-7]+=*$/);
      expect(base32Bytes(secret)).toBeGreaterThanOrEqual(20);
    }
  });

  it('builds an otpauth URI naming Servicebay and the account email', () => {
    const uri = new URL(totpUri(RFC_SECRET, 'ada@example.test'));

    expect(uri.protocol).toBe('otpauth:');
    expect(uri.host).toBe('totp');
    expect(decodeURIComponent(uri.pathname)).toBe('/Servicebay:ada@example.test');
    expect(uri.searchParams.get('secret')).toBe(RFC_SECRET);
    expect(uri.searchParams.get('issuer')).toBe('Servicebay');
    expect(uri.searchParams.get('algorithm') ?? 'SHA1').toBe('SHA1');
    expect(uri.searchParams.get('digits') ?? '6').toBe('6');
    expect(uri.searchParams.get('period') ?? '30').toBe('30');
  });

  it('groups the secret in fours for typing', () => {
    expect(groupSecret('ABCDEFGHIJ')).toBe('ABCD EFGH IJ');
  });

  it.each([
    ['123456', '123456'],
    [' 123 456 ', '123456'],
    ['12345', null],
    ['1234567', null],
    ['12345a', null],
    ['', null],
  ])('normalises %j to %j', (input, expected) => {
    expect(normaliseTotpCode(input)).toBe(expected);
  });
});

describe('RFC 6238 codes', () => {
  // The SHA-1 vectors of appendix B, truncated to the 6 digits we use.
  it.each([
    [59, '287082'],
    [1111111109, '081804'],
    [1111111111, '050471'],
    [1234567890, '005924'],
    [2000000000, '279037'],
  ])('at %i seconds the code is %s', async (seconds, code) => {
    const now = new Date(seconds * 1000);

    expect(await totpCodeAt(RFC_SECRET, now)).toBe(code);
    expect(await checkTotpCode(RFC_SECRET, code, now, null)).toEqual({
      valid: true,
      step: Math.floor(seconds / 30),
    });
  });
});

describe('the verification window', () => {
  const secret = createTotpSecret();
  const step = timeStepAt(STEP_START);

  it.each([
    ['at the start of its own step', 0],
    ['at the end of its own step', 29_999],
    ['at the start of the next step (drift)', 30_000],
    ['at the very end of the next step', 59_999],
    ['at the start of the previous step (drift)', -30_000],
  ])('accepts a code %s', async (_label, offset) => {
    const code = await totpCodeAt(secret, STEP_START);
    expect(await checkTotpCode(secret, code, at(offset), null)).toEqual({ valid: true, step });
  });

  it.each([
    ['two steps later', 60_000],
    ['the last moment two steps before', -30_001],
    ['far in the future', 3_600_000],
  ])('rejects a code %s', async (_label, offset) => {
    const code = await totpCodeAt(secret, STEP_START);
    expect(await checkTotpCode(secret, code, at(offset), null)).toEqual({
      valid: false,
      reason: 'wrong',
    });
  });

  it('rejects a code that belongs to no nearby step', async () => {
    const nearby = await Promise.all([-30_000, 0, 30_000].map((ms) => totpCodeAt(secret, at(ms))));
    const wrong = ['000000', '111111', '222222', '333333'].find((c) => !nearby.includes(c)) ?? '';
    expect(await checkTotpCode(secret, wrong, STEP_START, null)).toEqual({
      valid: false,
      reason: 'wrong',
    });
  });
});

describe('replay', () => {
  const secret = createTotpSecret();
  const step = timeStepAt(STEP_START);

  it('rejects a code whose step was already used, even inside its window', async () => {
    const code = await totpCodeAt(secret, STEP_START);
    expect(await checkTotpCode(secret, code, at(10_000), step)).toEqual({
      valid: false,
      reason: 'replayed',
    });
  });

  it('rejects a code from a step earlier than the last used one', async () => {
    const previous = await totpCodeAt(secret, at(-30_000));
    expect(await checkTotpCode(secret, previous, STEP_START, step)).toEqual({
      valid: false,
      reason: 'replayed',
    });
  });

  it('still accepts the next step after the last used one', async () => {
    const next = await totpCodeAt(secret, at(30_000));
    expect(await checkTotpCode(secret, next, STEP_START, step)).toEqual({
      valid: true,
      step: step + 1,
    });
  });

  it('rejects the current code once a drifted future step was used', async () => {
    const current = await totpCodeAt(secret, STEP_START);
    expect(await checkTotpCode(secret, current, STEP_START, step + 1)).toEqual({
      valid: false,
      reason: 'replayed',
    });
  });

  it('calls a wrong code wrong, not replayed, when a step was used', async () => {
    const nearby = await Promise.all([-30_000, 0, 30_000].map((ms) => totpCodeAt(secret, at(ms))));
    const wrong = ['000000', '111111', '222222', '333333'].find((c) => !nearby.includes(c)) ?? '';

    expect(await checkTotpCode(secret, wrong, STEP_START, step + 5)).toEqual({
      valid: false,
      reason: 'wrong',
    });
    expect(await checkTotpCode(secret, wrong, STEP_START, step - 5)).toEqual({
      valid: false,
      reason: 'wrong',
    });
  });
});
