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

function keysOf(attempt: SignInAttempt): [Limiter, string][] {
  const { account, address } = signInCounters();
  return [
    [account, accountKey(attempt.email)],
    [address, attempt.address],
  ];
}

/**
 * Seconds until this attempt may be tried, or 0 when it may be tried now. Locked when either the
 * account or the address has SIGN_IN_MAX_FAILURES consecutive failures; the lock lasts
 * SIGN_IN_LOCK_SECONDS and expires by itself. A limiter that cannot be read does not lock.
 */
export async function signInLockedFor(attempt: SignInAttempt): Promise<number> {
  const { max } = signInCounters();
  let wait = 0;
  for (const [limiter, key] of keysOf(attempt)) {
    try {
      const state = await limiter.get(key);
      if (state && state.consumedPoints >= max) wait = Math.max(wait, secondsUntil(state));
    } catch (error) {
      logger.warn({ event: 'sign_in_throttle.read_failed', err: error }, 'throttle unavailable');
    }
  }
  return wait;
}

/** Counts a failure for the account and the address; the tenth in a row starts a lock. */
export async function recordSignInFailure(attempt: SignInAttempt): Promise<void> {
  const { max, lockSeconds } = signInCounters();
  for (const [limiter, key] of keysOf(attempt)) {
    try {
      const state = await limiter.penalty(key);
      if (state.consumedPoints >= max) await limiter.block(key, lockSeconds);
    } catch (error) {
      logger.warn({ event: 'sign_in_throttle.write_failed', err: error }, 'throttle unavailable');
    }
  }
}

/** A successful sign-in clears the failures of its account and of its address. */
export async function recordSignInSuccess(attempt: SignInAttempt): Promise<void> {
  for (const [limiter, key] of keysOf(attempt)) {
    try {
      await limiter.delete(key);
    } catch (error) {
      logger.warn({ event: 'sign_in_throttle.write_failed', err: error }, 'throttle unavailable');
    }
  }
}

export function resetSignInThrottleForTests(): void {
  counters = undefined;
}
