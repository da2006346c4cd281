import { createHash } from 'node:crypto';

import { API_KEY_PREFIX } from '@/lib/api-keys/format';

// Bench keys are real keys: key number n is `sk_live_` and md5('bench-key-' || n), computed the
// same way here and in SQL (seed.ts), so the stored SHA-256 matches what the load sends.
export const keyPlaintextSql = (n: string) => `'${API_KEY_PREFIX}' || md5('bench-key-' || ${n})`;

export function benchKey(n: number): string {
  return API_KEY_PREFIX + createHash('md5').update(`bench-key-${n}`).digest('hex');
}

/** Deterministic organisation ids, so the load knows the small organisation's id up front. */
export function benchOrgId(n: number): string {
  return `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;
}

export const orgIdSql = (n: string) =>
  `('00000000-0000-4000-8000-' || lpad(to_hex(${n}), 12, '0'))::uuid`;

export const KEYS_PER_ORG = 1_000;
export const CUSTOMERS_PER_ORG = 1_000;

// Organisation 1 is the one under load; its last key is revoked, keys 1..100 are rotated.
export const LOAD_ORG = 1;
export const REVOKED_KEY = KEYS_PER_ORG;
export const VALID_KEYS = Array.from({ length: 100 }, (_, i) => benchKey(i + 1));
export const UNKNOWN_KEY = `${API_KEY_PREFIX}${'0'.repeat(31)}1`;
/** Well-formed keys that were never issued, all different, so no two lookups can be shared. */
export const UNKNOWN_KEYS = Array.from(
  { length: 1_000 },
  (_, i) => API_KEY_PREFIX + createHash('md5').update(`never-issued-${i}`).digest('hex'),
);
