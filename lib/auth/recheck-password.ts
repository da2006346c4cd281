import { verifyPassword } from '@/lib/auth/password';
import { logger } from '@/lib/logger';
import {
  accountLockedFor,
  recordAccountFailure,
  recordAccountSuccess,
} from '@/lib/rate-limit/sign-in-throttle';

export type RecheckOutcome =
  | { ok: true }
  | { ok: false; reason: 'wrong_password' }
  | { ok: false; reason: 'locked'; message: string };

export function tooManyWrongPasswords(seconds: number): string {
  const minutes = Math.max(1, Math.ceil(seconds / 60));
  return `Too many wrong passwords. Try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`;
}

/**
 * The password asked again of a signed-in user before a sensitive change. It counts against the
 * account's sign-in limit (lib/rate-limit/sign-in-throttle.ts), so a stolen session cannot be
 * used to guess the password without limit. While the account is locked the password is not
 * even checked: the right one is refused like a wrong one, so the answer tells a guesser nothing.
 */
export async function recheckPassword(
  account: { id: string; email: string; passwordHash: string | null },
  password: string,
): Promise<RecheckOutcome> {
  const wait = await accountLockedFor(account.email);
  if (wait > 0) {
    logger.info({ event: 'auth.recheck_throttled', user_id: account.id }, 're-check refused');
    return { ok: false, reason: 'locked', message: tooManyWrongPasswords(wait) };
  }

  if (!(await verifyPassword(account.passwordHash, password))) {
    await recordAccountFailure(account.email);
    return { ok: false, reason: 'wrong_password' };
  }

  await recordAccountSuccess(account.email);
  return { ok: true };
}
