import type { Database } from '@/db/client';
import { deleteSignInChallengesOf } from '@/db/queries/sign-in-challenges';
import {
  deactivateTwoFactor,
  deleteRecoveryCodes,
  insertTwoFactorAuditEvent,
  replaceRecoveryCodes,
} from '@/db/queries/two-factor';
import { logger } from '@/lib/logger';

import { accountWithPassword, type RequestMeta } from './account';
import { TwoFactorError } from './errors';
import { generateRecoveryCodes, hashGeneratedCodes } from './recovery-codes';
import { verifySecondFactor, type SecondFactorInput } from './second-factor';

const notEnabled = () =>
  new TwoFactorError('not_enabled', 'Two-factor authentication is not enabled.');

/**
 * Turns 2FA off. Needs the password and a second factor (a current code or a recovery code),
 * which count against the same attempt limits as a sign-in. Ends the other sessions.
 */
export async function disableTwoFactor(
  db: Database,
  input: {
    userId: string;
    password: string;
    factor: SecondFactorInput;
    now?: Date;
    meta?: RequestMeta;
  },
): Promise<{ sessionVersion: number }> {
  const now = input.now ?? new Date();
  const account = await accountWithPassword(db, input.userId, input.password, input.meta);
  if (!account.enabledAt) throw notEnabled();

  const { method } = await verifySecondFactor(db, account.id, input.factor, now);

  const result = await db.transaction(async (tx) => {
    const deactivated = await deactivateTwoFactor(tx, account.id, now);
    if (!deactivated) return null;

    await deleteRecoveryCodes(tx, account.id);
    await deleteSignInChallengesOf(tx, account.id);
    await insertTwoFactorAuditEvent(tx, {
      userId: account.id,
      action: 'two_factor.disabled',
      details: { method },
      ...input.meta,
    });
    return deactivated;
  });
  if (!result) throw notEnabled();

  logger.info({ event: 'two_factor.disabled', user_id: account.id, method }, 'two-factor off');
  return { sessionVersion: result.sessionVersion };
}

/**
 * Replaces the recovery codes with a new set, which is returned in plain text once. Needs the
 * password and a current code from the app (a recovery code cannot mint new ones).
 */
export async function regenerateRecoveryCodes(
  db: Database,
  input: { userId: string; password: string; code: string; now?: Date; meta?: RequestMeta },
): Promise<{ recoveryCodes: string[] }> {
  const now = input.now ?? new Date();
  const account = await accountWithPassword(db, input.userId, input.password, input.meta);
  if (!account.enabledAt) throw notEnabled();

  await verifySecondFactor(db, account.id, { kind: 'totp', code: input.code }, now);

  const recoveryCodes = generateRecoveryCodes();
  await db.transaction(async (tx) => {
    await replaceRecoveryCodes(tx, account.id, hashGeneratedCodes(account.id, recoveryCodes));
    await insertTwoFactorAuditEvent(tx, {
      userId: account.id,
      action: 'two_factor.recovery_codes_regenerated',
      ...input.meta,
    });
  });

  logger.info({ event: 'two_factor.recovery_codes_regenerated', user_id: account.id }, 'new codes');
  return { recoveryCodes };
}
