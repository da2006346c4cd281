import type { Database } from '@/db/client';
import { findUserByEmail } from '@/db/queries/users';
import { verifyPassword } from '@/lib/auth/password';
import { logger } from '@/lib/logger';
import {
  recordSignInFailure,
  recordSignInSuccess,
  signInLockedFor,
} from '@/lib/rate-limit/sign-in-throttle';

export interface Credentials {
  email: string;
  password: string;
  /** The client address as the limits see it (lib/rate-limit/client-address.ts). */
  address: string;
}

/**
 * The password check with its brute-force limit: after SIGN_IN_MAX_FAILURES failures in a row
 * for the account or the address, attempts are refused until the lock expires, even with the
 * right password. A locked account, an unknown email and a wrong password all return null
 * after the same argon2 work, so the caller cannot tell them apart and neither can a guesser.
 */
export async function verifyCredentials(db: Database, credentials: Credentials) {
  const attempt = { email: credentials.email, address: credentials.address };

  if ((await signInLockedFor(attempt)) > 0) {
    await verifyPassword(null, credentials.password);
    logger.info({ event: 'auth.sign_in_throttled' }, 'sign-in refused while locked');
    return null;
  }

  const user = await findUserByEmail(db, credentials.email);
  const matches = await verifyPassword(user?.passwordHash ?? null, credentials.password);
  if (!user || !matches) {
    await recordSignInFailure(attempt);
    return null;
  }

  await recordSignInSuccess(attempt);
  return user;
}
