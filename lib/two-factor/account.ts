import type { Database } from '@/db/client';
import { findTwoFactorAccount } from '@/db/queries/two-factor';
import { verifyPassword } from '@/lib/auth/password';

import { TwoFactorError, wrongPassword } from './errors';

/** Where a change came from, for the audit trail. */
export interface RequestMeta {
  clientAddress?: string | null;
  userAgent?: string | null;
}

/** Loads the account and re-checks its password: every 2FA change asks for it again. */
export async function accountWithPassword(db: Database, userId: string, password: string) {
  const account = await findTwoFactorAccount(db, userId);
  if (!account) throw new TwoFactorError('not_enabled', 'This account no longer exists.');

  if (!(await verifyPassword(account.passwordHash, password))) throw wrongPassword();
  return account;
}
