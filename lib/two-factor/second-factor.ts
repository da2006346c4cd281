import type { Database } from '@/db/client';
import {
  claimTotpStep,
  consumeRecoveryCode,
  findTwoFactorAccount,
  insertTwoFactorAuditEvent,
  reserveSecondFactorAttempt,
  resetSecondFactorFailures,
  type TwoFactorAccount,
} from '@/db/queries/two-factor';
import { logger } from '@/lib/logger';

import { attemptLimits } from './attempt-limits';
import { TwoFactorError, lockedError, malformedCode } from './errors';
import { hashRecoveryCode, normaliseRecoveryCode } from './recovery-codes';
import { openSecret } from './secret-box';
import { checkTotpCode, normaliseTotpCode } from './totp';

/** What the user typed: a code from the app, or one of their recovery codes. */
export type SecondFactorInput = { kind: 'totp'; code: string } | { kind: 'recovery'; code: string };

/** Rejects a malformed entry before anything is counted: a typo is not a guess. */
export function parseSecondFactorInput(input: SecondFactorInput): SecondFactorInput {
  const code =
    input.kind === 'totp' ? normaliseTotpCode(input.code) : normaliseRecoveryCode(input.code);
  if (code === null) throw malformedCode(input.kind);
  return { kind: input.kind, code };
}

export function isLocked(account: Pick<TwoFactorAccount, 'lockedUntil'>, now: Date): boolean {
  return account.lockedUntil !== null && account.lockedUntil > now;
}

async function checkInput(
  db: Database,
  account: TwoFactorAccount & { secretSealed: string },
  input: SecondFactorInput,
  now: Date,
): Promise<TwoFactorFailureReason | null> {
  if (input.kind === 'recovery') {
    const used = await consumeRecoveryCode(
      db,
      account.id,
      hashRecoveryCode(account.id, input.code),
      now,
    );
    if (!used) return 'wrong_code';
    await resetSecondFactorFailures(db, account.id);
    return null;
  }

  const secret = openSecret(account.secretSealed, account.id);
  const check = await checkTotpCode(secret, input.code, now, account.lastUsedStep);
  if (!check.valid) return check.reason === 'replayed' ? 'replayed_code' : 'wrong_code';

  // Another request may have spent this step since the row was read; only one claim wins.
  return (await claimTotpStep(db, account.id, check.step)) ? null : 'replayed_code';
}

type TwoFactorFailureReason = 'wrong_code' | 'replayed_code';

const failureMessages: Record<TwoFactorFailureReason, Record<SecondFactorInput['kind'], string>> = {
  wrong_code: {
    totp: 'That code is not correct. Check your authenticator app and try again.',
    recovery: 'That recovery code is not valid or has already been used.',
  },
  replayed_code: {
    totp: 'That code has already been used. Wait for the next code in your app.',
    recovery: 'That recovery code is not valid or has already been used.',
  },
};

/**
 * Verifies a second factor for an account with 2FA on, under the account-wide attempt limit:
 * the attempt is counted first (atomically), then the code is checked, and success clears the
 * count. Throws TwoFactorError for every refusal.
 */
export async function verifySecondFactor(
  db: Database,
  userId: string,
  rawInput: SecondFactorInput,
  now = new Date(),
): Promise<{ method: SecondFactorInput['kind'] }> {
  const input = parseSecondFactorInput(rawInput);

  const account = await findTwoFactorAccount(db, userId);
  if (!account?.enabledAt || !account.secretSealed) {
    throw new TwoFactorError('not_enabled', 'Two-factor authentication is not enabled.');
  }
  if (account.lockedUntil && isLocked(account, now)) throw lockedError(account.lockedUntil);

  const limits = attemptLimits();
  const reserved = await reserveSecondFactorAttempt(db, userId, now, limits);
  if (!reserved) {
    const fresh = await findTwoFactorAccount(db, userId);
    throw lockedError(fresh?.lockedUntil ?? now);
  }

  const failure = await checkInput(
    db,
    { ...account, secretSealed: account.secretSealed },
    input,
    now,
  );
  if (failure === null) return { method: input.kind };

  if (reserved.lockedUntil) {
    logger.warn(
      { event: 'two_factor.locked', user_id: userId, failed_attempts: reserved.failedAttempts },
      'second factor locked after repeated wrong codes',
    );
    await insertTwoFactorAuditEvent(db, {
      userId,
      action: 'two_factor.locked',
      details: { failedAttempts: String(reserved.failedAttempts) },
    });
    throw lockedError(reserved.lockedUntil);
  }
  throw new TwoFactorError(failure, failureMessages[failure][input.kind]);
}
