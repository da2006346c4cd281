import type { Database } from '@/db/client';
import { findTwoFactorAccount } from '@/db/queries/two-factor';
import { recheckPassword } from '@/lib/auth/recheck-password';

import { TwoFactorError, tooManyPasswords, wrongPassword } from './errors';

/** Where a change came from, for the audit trail. */
export interface RequestMeta {
  clientAddress?: string | null;
  userAgent?: string | null;
}

/**
 * Loads the account and re-checks its password: every 2FA change asks for it again. Wrong
 * passwords count against the account's sign-in limit, so a stolen session cannot guess it.
 */
export async function accountWithPassword(
  db: Database,
  userId: string,
  password: string,
  meta?: RequestMeta,
) {
  const account = await findTwoFactorAccount(db, userId);
  if (!account) throw new TwoFactorError('not_enabled', 'This account no longer exists.');

  const client = { clientAddress: meta?.clientAddress ?? null, userAgent: meta?.userAgent ?? null };
  const check = await recheckPassword(db, account, password, client);
  if (check.ok) return account;
  throw check.reason === 'locked' ? tooManyPasswords(check.message) : wrongPassword();
}
