import { createHmac, hkdfSync, randomInt } from 'node:crypto';

import { encryptionKeyFromEnv } from './secret-box';

export const RECOVERY_CODE_COUNT = 10;

// Crockford-style base32 without i, l, o and u: nothing to confuse when copied by hand.
// Ten characters carry 50 random bits; with the attempt limits that is far beyond guessing.
const ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz';
const GROUP_LENGTH = 5;
const CODE_LENGTH = GROUP_LENGTH * 2;

function randomCode(): string {
  let raw = '';
  for (let i = 0; i < CODE_LENGTH; i += 1) raw += ALPHABET[randomInt(ALPHABET.length)];
  return `${raw.slice(0, GROUP_LENGTH)}-${raw.slice(GROUP_LENGTH)}`;
}

export function generateRecoveryCodes(count = RECOVERY_CODE_COUNT): string[] {
  const codes = new Set<string>();
  while (codes.size < count) codes.add(randomCode());
  return [...codes];
}

/** Accepts any case, spaces and dashes, as people retype codes; returns null when malformed. */
export function normaliseRecoveryCode(input: string): string | null {
  const compact = input.toLowerCase().replace(/[\s-]+/g, '');
  if (compact.length !== CODE_LENGTH) return null;
  if (![...compact].every((char) => ALPHABET.includes(char))) return null;
  return compact;
}

// A keyed hash rather than a plain one: 50 bits would fall to an offline search of a stolen
// table, but without the server's key a dump of recovery_codes yields nothing to search.
let hashKey: { source: Buffer; derived: Buffer } | undefined;

function recoveryHashKey(): Buffer {
  const source = encryptionKeyFromEnv();
  if (!hashKey || !hashKey.source.equals(source)) {
    const derived = Buffer.from(hkdfSync('sha256', source, '', 'servicebay recovery codes v1', 32));
    hashKey = { source, derived };
  }
  return hashKey.derived;
}

/** The stored form of a normalised code, bound to its owner so rows cannot be moved. */
export function hashRecoveryCode(userId: string, normalisedCode: string): string {
  return createHmac('sha256', recoveryHashKey())
    .update(`${userId}:${normalisedCode}`)
    .digest('hex');
}

/** The stored hashes of freshly generated (display-form) codes. */
export function hashGeneratedCodes(userId: string, codes: string[]): string[] {
  return codes.map((code) => hashRecoveryCode(userId, normaliseRecoveryCode(code) ?? code));
}
