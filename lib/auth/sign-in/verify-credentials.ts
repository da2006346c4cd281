import type { Database } from '@/db/client';
import { findUserByEmail } from '@/db/queries/users';
import { auditActions } from '@/lib/audit/actions';
import { recordAuditEvent } from '@/lib/audit/record';
import type { ClientInfo } from '@/lib/auth/client-info';
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
  /** Address and user agent for the audit trail. */
  client?: ClientInfo;
}

type FailureReason = 'locked' | 'wrong_password' | 'unknown_account';

/**
 * A failed attempt goes into the audit trail, attributed to the account when the email names
 * one (so its owner sees it in their activity). Written for unknown emails too, so the database
 * work, like the argon2 work, does not tell a guesser whether the account exists.
 */
async function recordFailure(
  db: Database,
  userId: string | null,
  reason: FailureReason,
  client: ClientInfo | undefined,
) {
  await recordAuditEvent(db, {
    action: auditActions.signInFailed,
    actorUserId: userId,
    details: { reason },
    client,
  });
}

/**
 * The password check with its brute-force limit: after SIGN_IN_MAX_FAILURES failures in a row
 * for the account or the address, attempts are refused until the lock expires, even with the
 * right password. A locked account, an unknown email and a wrong password all return null
 * after the same argon2 work, so the caller cannot tell them apart and neither can a guesser.
 */
export async function verifyCredentials(db: Database, credentials: Credentials) {
  const attempt = { email: credentials.email, address: credentials.address };
  const locked = (await signInLockedFor(attempt)) > 0;
  const user = await findUserByEmail(db, credentials.email);

  if (locked) {
    await verifyPassword(null, credentials.password);
    await recordFailure(db, user?.id ?? null, 'locked', credentials.client);
    logger.info({ event: 'auth.sign_in_throttled' }, 'sign-in refused while locked');
    return null;
  }

  const matches = await verifyPassword(user?.passwordHash ?? null, credentials.password);
  if (!user || !matches) {
    await recordSignInFailure(attempt);
    const reason = user ? 'wrong_password' : 'unknown_account';
    await recordFailure(db, user?.id ?? null, reason, credentials.client);
    return null;
  }

  await recordSignInSuccess(attempt);
  return user;
}
