import { createHash, randomBytes } from 'node:crypto';

import type { Database } from '@/db/client';
import {
  deleteExpiredSignInChallenges,
  deleteSignInChallenge,
  findLiveSignInChallenge,
  insertSignInChallenge,
  type SignInChallenge,
} from '@/db/queries/sign-in-challenges';
import { findUserById } from '@/db/queries/users';
import type { User } from '@/db/schema';
import { CHALLENGE_TTL_SECONDS } from '@/lib/auth/cookies';

import { verifySecondFactorForChallenge, type SecondFactorCredentials } from './second-factor';

export function hashChallengeToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/**
 * Records that the password step passed. Returns the token for the browser's cookie; only its
 * hash is stored, so reading the table is not enough to finish someone's sign-in.
 */
export async function createSignInChallenge(db: Database, user: User) {
  await deleteExpiredSignInChallenges(db, user.id);

  const token = randomBytes(32).toString('base64url');
  const challenge = await insertSignInChallenge(db, {
    userId: user.id,
    tokenHash: hashChallengeToken(token),
    needsSecondFactor: user.totpEnabledAt !== null,
    expiresAt: new Date(Date.now() + CHALLENGE_TTL_SECONDS * 1000),
  });
  return { token, needsSecondFactor: challenge.needsSecondFactor };
}

/**
 * The second half of sign-in (next-auth's authorize): the user behind an unexpired challenge,
 * or null. A challenge that needs a second factor only completes once that factor is verified.
 * The challenge is used up on success, so its cookie cannot start a second session.
 */
export async function completeSignInChallenge(
  db: Database,
  token: string,
  credentials: SecondFactorCredentials,
): Promise<User | null> {
  const challenge: SignInChallenge | null = await findLiveSignInChallenge(
    db,
    hashChallengeToken(token),
  );
  if (!challenge) return null;

  // 2FA may have been switched on or off since the password step. A challenge made for the
  // other state no longer fits the account (it would skip a second factor the owner just
  // enabled), so the user starts over and gets the step the account asks for now.
  const user = await findUserById(db, challenge.userId);
  if (!user || challenge.needsSecondFactor !== (user.totpEnabledAt !== null)) return null;

  if (challenge.needsSecondFactor) {
    const verified = await verifySecondFactorForChallenge(challenge, credentials);
    if (!verified) return null;
  }

  if (!(await deleteSignInChallenge(db, challenge.id))) return null;
  // Read again: verifying the second factor changed the account (its last used step).
  return findUserById(db, user.id);
}
