import type { Database } from '@/db/client';
import { countUnusedRecoveryCodes, findTwoFactorAccount } from '@/db/queries/two-factor';

import { isLocked } from './second-factor';

export interface TwoFactorStatus {
  enabled: boolean;
  enabledAt: Date | null;
  recoveryCodesLeft: number;
  /** A set-up was started and not yet confirmed. */
  pending: boolean;
  lockedUntil: Date | null;
}

/** What the security page shows; nothing secret. */
export async function twoFactorStatus(
  db: Database,
  userId: string,
  now = new Date(),
): Promise<TwoFactorStatus> {
  const account = await findTwoFactorAccount(db, userId);
  const enabled = Boolean(account?.enabledAt && account.secretSealed);

  return {
    enabled,
    enabledAt: enabled ? (account?.enabledAt ?? null) : null,
    recoveryCodesLeft: enabled ? await countUnusedRecoveryCodes(db, userId) : 0,
    pending: !enabled && Boolean(account?.pendingSealed),
    lockedUntil: account && isLocked(account, now) ? account.lockedUntil : null,
  };
}
