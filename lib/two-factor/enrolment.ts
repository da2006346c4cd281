import QRCode from 'qrcode';

import type { Database } from '@/db/client';
import { deleteSignInChallengesOf } from '@/db/queries/sign-in-challenges';
import {
  activateTwoFactor,
  findTwoFactorAccount,
  insertTwoFactorAuditEvent,
  replaceRecoveryCodes,
  savePendingSecret,
} from '@/db/queries/two-factor';
import { logger } from '@/lib/logger';

import { accountWithPassword, type RequestMeta } from './account';
import { TwoFactorError, malformedCode } from './errors';
import { generateRecoveryCodes, hashGeneratedCodes } from './recovery-codes';
import { openSecret, sealSecret } from './secret-box';
import { checkTotpCode, createTotpSecret, groupSecret, normaliseTotpCode, totpUri } from './totp';

const alreadyEnabled = () =>
  new TwoFactorError('already_enabled', 'Two-factor authentication is already enabled.');

export interface PendingEnrolment {
  /** The base32 secret, for authenticator apps that cannot scan. */
  secret: string;
  /** The same secret in groups of four characters, for typing. */
  groupedSecret: string;
  otpauthUri: string;
  /** A PNG data URL of the otpauth URI as a QR code. */
  qrDataUrl: string;
}

async function describePending(secret: string, email: string): Promise<PendingEnrolment> {
  const otpauthUri = totpUri(secret, email);
  const qrDataUrl = await QRCode.toDataURL(otpauthUri, { errorCorrectionLevel: 'M', margin: 2 });
  return { secret, groupedSecret: groupSecret(secret), otpauthUri, qrDataUrl };
}

/**
 * Step one: after the password is confirmed again, makes a fresh secret and keeps it, sealed,
 * as the pending secret. 2FA stays off until confirmEnrolment accepts a code from it.
 */
export async function startEnrolment(
  db: Database,
  input: { userId: string; password: string; meta?: RequestMeta },
): Promise<PendingEnrolment> {
  const account = await accountWithPassword(db, input.userId, input.password, input.meta);
  if (account.enabledAt) throw alreadyEnabled();

  const secret = createTotpSecret();
  if (!(await savePendingSecret(db, account.id, sealSecret(secret, account.id)))) {
    throw alreadyEnabled();
  }
  return describePending(secret, account.email);
}

/** The pending enrolment again (after a wrong code or a reload), or null if there is none. */
export async function pendingEnrolment(
  db: Database,
  userId: string,
): Promise<PendingEnrolment | null> {
  const account = await findTwoFactorAccount(db, userId);
  if (!account?.pendingSealed || account.enabledAt) return null;
  return describePending(openSecret(account.pendingSealed, account.id), account.email);
}

/**
 * Step two: a valid code from the pending secret switches 2FA on, ends the account's other
 * sessions and returns the recovery codes, in plain text for the only time. A wrong code
 * leaves the pending secret in place so the user can try again.
 */
export async function confirmEnrolment(
  db: Database,
  input: { userId: string; code: string; now?: Date; meta?: RequestMeta },
): Promise<{ recoveryCodes: string[]; sessionVersion: number }> {
  const now = input.now ?? new Date();
  const code = normaliseTotpCode(input.code);
  if (code === null) throw malformedCode('totp');

  const account = await findTwoFactorAccount(db, input.userId);
  if (!account) throw new TwoFactorError('no_pending_secret', 'This account no longer exists.');
  if (account.enabledAt) throw alreadyEnabled();
  if (!account.pendingSealed) {
    throw new TwoFactorError('no_pending_secret', 'Start again: no set-up is in progress.');
  }

  const secret = openSecret(account.pendingSealed, account.id);
  const check = await checkTotpCode(secret, code, now, account.lastUsedStep);
  if (!check.valid) {
    throw new TwoFactorError(
      'wrong_code',
      'That code is not correct. Check the time on your device and enter the newest code.',
    );
  }

  const recoveryCodes = generateRecoveryCodes();
  const result = await db.transaction(async (tx) => {
    const activated = await activateTwoFactor(tx, {
      userId: account.id,
      checkedPending: account.pendingSealed ?? '',
      step: check.step,
      now,
    });
    if (!activated) return null;

    await replaceRecoveryCodes(tx, account.id, hashGeneratedCodes(account.id, recoveryCodes));
    await deleteSignInChallengesOf(tx, account.id);
    await insertTwoFactorAuditEvent(tx, {
      userId: account.id,
      action: 'two_factor.enabled',
      ...input.meta,
    });
    return activated;
  });

  // Lost a race with another tab that restarted or finished the set-up.
  if (!result) {
    throw new TwoFactorError(
      'no_pending_secret',
      'The set-up changed in another window. Start again.',
    );
  }

  logger.info({ event: 'two_factor.enabled', user_id: account.id }, 'two-factor enabled');
  return { recoveryCodes, sessionVersion: result.sessionVersion };
}
