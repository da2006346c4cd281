import { createHash, randomBytes } from 'node:crypto';

export const API_KEY_PREFIX = 'sk_live_';

// Exactly the documented shape: the prefix and 128 random bits as 32 lowercase hex characters.
const API_KEY_PATTERN = /^sk_live_[0-9a-f]{32}$/;

export interface GeneratedApiKey {
  plaintext: string;
  hash: string;
  lastFour: string;
}

export function isWellFormedApiKey(value: string): boolean {
  return API_KEY_PATTERN.test(value);
}

/** SHA-256 as lowercase hex. A fast hash is enough: the input already has 128 random bits. */
export function hashApiKey(plaintext: string): string {
  return createHash('sha256').update(plaintext).digest('hex');
}

export function generateApiKey(): GeneratedApiKey {
  const plaintext = API_KEY_PREFIX + randomBytes(16).toString('hex');
  return { plaintext, hash: hashApiKey(plaintext), lastFour: plaintext.slice(-4) };
}

/** What the portal shows instead of a key: `sk_live_…` and the last four characters. */
export function maskApiKey(lastFour: string): string {
  return `${API_KEY_PREFIX}…${lastFour}`;
}
