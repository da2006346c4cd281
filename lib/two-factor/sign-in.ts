import type { Database } from '@/db/client';
import {
  deleteSignInChallenge,
  findSignInChallenge,
  reserveChallengeAttempt,
} from '@/db/queries/two-factor';

import { attemptLimits } from './attempt-limits';
import { TwoFactorError, isTwoFactorError } from './errors';
import {
  parseSecondFactorInput,
  verifySecondFactor,
  type SecondFactorInput,
} from './second-factor';

const expired = () =>
  new TwoFactorError('challenge_expired', 'Your sign-in has expired. Sign in again.');

/**
 * The second step of a sign-in: checks the code against the pending challenge's user, counting
 * the attempt both on the challenge (a few per sign-in, then it is abandoned) and on the
 * account (see verifySecondFactor). On success the caller finishes the sign-in and deletes
 * the challenge; this function only deletes it when the sign-in has to start over.
 */
export async function verifyChallengeSecondFactor(
  db: Database,
  challenge: { id: string; userId: string },
  rawInput: SecondFactorInput,
  now = new Date(),
): Promise<{ method: SecondFactorInput['kind'] }> {
  const input = parseSecondFactorInput(rawInput);
  const { perSignIn } = attemptLimits();

  const row = await findSignInChallenge(db, challenge.id);
  if (!row || row.userId !== challenge.userId || !row.needsSecondFactor) throw expired();

  if (row.expiresAt <= now || row.failedAttempts >= perSignIn) {
    await deleteSignInChallenge(db, row.id);
    throw expired();
  }

  const used = await reserveChallengeAttempt(db, row.id, perSignIn, now);
  if (used === null) {
    await deleteSignInChallenge(db, row.id);
    throw expired();
  }

  try {
    return await verifySecondFactor(db, row.userId, input, now);
  } catch (error) {
    if (!isTwoFactorError(error)) throw error;

    // A locked account cannot finish this sign-in; one out of attempts must start over.
    if (error.reason === 'locked') await deleteSignInChallenge(db, row.id);
    if (used >= perSignIn && error.reason !== 'locked') {
      await deleteSignInChallenge(db, row.id);
      throw new TwoFactorError(
        'challenge_abandoned',
        'Too many wrong codes for this sign-in. Sign in again with your password.',
      );
    }
    throw error;
  }
}
