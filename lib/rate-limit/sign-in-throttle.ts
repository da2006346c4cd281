import { createHash } from 'node:crypto';

import { env } from '@/lib/config/env';
import { logger } from '@/lib/logger';

import { createLimiter, secondsUntil, type Limiter } from './limiter';

/** Who is signing in from where. The account is the email as typed; it is normalised here. */
export interface SignInAttempt {
  email: string;
  address: string;
}

interface Counters {
  max: number;
  lockSeconds: number;
  account: Limiter;
  address: Limiter;
}

let counters: Counters | undefined;

// Failures count as consecutive for a day; a success or the end of a lock clears them.
const FAILURE_MEMORY_SECONDS = 24 * 60 * 60;

function signInCounters(): Counters {
  if (counters) return counters;
  const { SIGN_IN_MAX_FAILURES: max, SIGN_IN_LOCK_SECONDS: lockSeconds } = env();
  const policy = (name: string) => ({ name, points: max, durationSeconds: FAILURE_MEMORY_SECONDS });
  counters = {
    max,
    lockSeconds,
    account: createLimiter(policy('sign-in-account')),
    address: createLimiter(policy('sign-in-address')),
  };
  return counters;
}

// Stored keys never hold an email in clear: Redis is not where account names should leak from.
function accountKey(email: string): string {
  return createHash('sha256').update(email.trim().toLowerCase()).digest('hex');
}

type Keys = [Limiter, string][];

function keysOf(attempt: SignInAttempt): Keys {
  const { account, address } = signInCounters();
  return [
    [account, accountKey(attempt.email)],
    [address, attempt.address],
  ];
}

// Password re-checks on signed-in pages use the sign-in account counter itself, not a key space
// of their own: both guess the same password, so separate counters would give a guesser twice
// the attempts per lock. The cost, that a thief of a session can lock its owner's sign-in for a
// while, is one anybody who knows the email already has through the sign-in form.
function accountKeys(email: string): Keys {
  return [[signInCounters().account, accountKey(email)]];
}

async function lockedFor(keys: Keys): Promise<number> {
  const { max } = signInCounters();
  let wait = 0;
  for (const [limiter, key] of keys) {
    try {
      const state = await limiter.get(key);
      if (state && state.consumedPoints >= max) wait = Math.max(wait, secondsUntil(state));
    } catch (error) {
      logger.warn({ event: 'sign_in_throttle.read_failed', err: error }, 'throttle unavailable');
    }
  }
  return wait;
}

async function countFailure(keys: Keys): Promise<void> {
  const { max, lockSeconds } = signInCounters();
  for (const [limiter, key] of keys) {
    try {
      const state = await limiter.penalty(key);
      if (state.consumedPoints >= max) await limiter.block(key, lockSeconds);
    } catch (error) {
      logger.warn({ event: 'sign_in_throttle.write_failed', err: error }, 'throttle unavailable');
    }
  }
}

async function clearFailures(keys: Keys): Promise<void> {
  for (const [limiter, key] of keys) {
    try {
      await limiter.delete(key);
    } catch (error) {
      logger.warn({ event: 'sign_in_throttle.write_failed', err: error }, 'throttle unavailable');
    }
  }
}

/**
 * Seconds until this attempt may be tried, or 0 when it may be tried now. Locked when either the
 * account or the address has SIGN_IN_MAX_FAILURES consecutive failures; the lock lasts
 * SIGN_IN_LOCK_SECONDS and expires by itself. A limiter that cannot be read does not lock.
 */
export async function signInLockedFor(attempt: SignInAttempt): Promise<number> {
  return lockedFor(keysOf(attempt));
}

/** Counts a failure for the account and the address; the tenth in a row starts a lock. */
export async function recordSignInFailure(attempt: SignInAttempt): Promise<void> {
  await countFailure(keysOf(attempt));
}

/**
 * A successful sign-in clears its account's failures, not its address's: otherwise a guesser
 * who owns one real account could sign into it after every nine guesses at other accounts and
 * never meet the address limit. The address count ends with its lock, or after a day.
 */
export async function recordSignInSuccess(attempt: SignInAttempt): Promise<void> {
  await clearFailures(accountKeys(attempt.email));
}

/** The account's side alone, for a password re-check by a signed-in user. */
export const accountLockedFor = (email: string) => lockedFor(accountKeys(email));
export const recordAccountFailure = (email: string) => countFailure(accountKeys(email));
export const recordAccountSuccess = (email: string) => clearFailures(accountKeys(email));

export function resetSignInThrottleForTests(): void {
  counters = undefined;
}
