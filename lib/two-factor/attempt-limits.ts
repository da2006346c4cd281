import { env } from '@/lib/config/env';

export interface AttemptLimits {
  /** Wrong codes allowed in one pending sign-in before it is abandoned. */
  perSignIn: number;
  /** Consecutive wrong codes, across sign-ins, that lock the account's second factor. */
  lockAfter: number;
  /** The first lock; each further wrong code after a lock doubles it, up to lockMaxMinutes. */
  lockMinutes: number;
  lockMaxMinutes: number;
}

export function attemptLimits(): AttemptLimits {
  const config = env();
  return {
    perSignIn: config.TWO_FACTOR_MAX_ATTEMPTS_PER_SIGN_IN,
    lockAfter: config.TWO_FACTOR_LOCK_AFTER_FAILURES,
    lockMinutes: config.TWO_FACTOR_LOCK_MINUTES,
    lockMaxMinutes: Math.max(config.TWO_FACTOR_LOCK_MAX_MINUTES, config.TWO_FACTOR_LOCK_MINUTES),
  };
}
