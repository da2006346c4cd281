import { randomBytes, randomUUID } from 'node:crypto';

import { describe, expect, it } from 'vitest';

import { SecretBoxError, openSecret, sealSecret } from './secret-box';
import { createTotpSecret } from './totp';

const userId = randomUUID();

// Flips one bit in one base64url part of a sealed value.
function tamper(sealed: string, partIndex: number): string {
  const parts = sealed.split('.');
  const bytes = Buffer.from(parts[partIndex] ?? '', 'base64url');
  bytes[0] = (bytes[0] ?? 0) ^ 0x01;
  parts[partIndex] = bytes.toString('base64url');
  return parts.join('.');
}

describe('secret box', () => {
  it('opens what it sealed, with the key from the environment', () => {
    const secret = createTotpSecret();
    expect(openSecret(sealSecret(secret, userId), userId)).toBe(secret);
  });

  it('stores nothing from which the secret can be read without the key', () => {
    const secret = createTotpSecret();
    const sealed = sealSecret(secret, userId);

    expect(sealed).toMatch(/^v1\.[\w-]+\.[\w-]+\.[\w-]+$/);
    for (const form of [secret, Buffer.from(secret).toString('base64'), secret.toLowerCase()]) {
      expect(sealed).not.toContain(form);
    }
    const decoded = sealed
      .split('.')
      .slice(1)
      .map((part) => Buffer.from(part, 'base64url').toString('latin1'))
      .join('');
    expect(decoded).not.toContain(secret);
  });

  it('uses a fresh IV each time, so equal secrets do not look equal', () => {
    const secret = createTotpSecret();
    const first = sealSecret(secret, userId);
    const second = sealSecret(secret, userId);

    expect(first).not.toBe(second);
    expect(first.split('.')[1]).not.toBe(second.split('.')[1]);
  });

  it.each([
    ['the IV', 1],
    ['the ciphertext', 2],
    ['the authentication tag', 3],
  ])('detects tampering with %s', (_label, partIndex) => {
    const sealed = sealSecret(createTotpSecret(), userId);
    expect(() => openSecret(tamper(sealed, partIndex), userId)).toThrow(SecretBoxError);
  });

  it('refuses to open with a different key', () => {
    const sealed = sealSecret(createTotpSecret(), userId);
    expect(() => openSecret(sealed, userId, randomBytes(32))).toThrow(
      'The sealed secret failed authentication.',
    );
  });

  it('refuses a sealed secret moved onto another account', () => {
    const sealed = sealSecret(createTotpSecret(), userId);
    expect(() => openSecret(sealed, randomUUID())).toThrow(SecretBoxError);
  });

  it.each([
    ['an unknown version', (sealed: string) => sealed.replace(/^v1\./, 'v9.')],
    ['a missing part', (sealed: string) => sealed.split('.').slice(0, 3).join('.')],
    ['an extra part', (sealed: string) => `${sealed}.AAAA`],
    ['a short IV', (sealed: string) => sealed.replace(/^v1\.[\w-]+\./, 'v1.AAAA.')],
    ['plain text', () => 'JBSWY3DPEHPK3PXP'],
  ])('rejects %s', (_label, mangle) => {
    const sealed = sealSecret(createTotpSecret(), userId);
    expect(() => openSecret(mangle(sealed), userId)).toThrow(SecretBoxError);
  });

  it('rejects a key that is not 32 bytes', () => {
    expect(() => sealSecret('ABC', userId, randomBytes(16))).toThrow('must be 32 bytes');
  });
});
