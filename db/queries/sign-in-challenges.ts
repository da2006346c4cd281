import { and, eq, gt, lte, sql } from 'drizzle-orm';

import type { Database } from '../client';
import { signInChallenges } from '../schema';

export type SignInChallenge = typeof signInChallenges.$inferSelect;

export async function insertSignInChallenge(
  db: Database,
  values: { userId: string; tokenHash: string; needsSecondFactor: boolean; expiresAt: Date },
) {
  const [row] = await db.insert(signInChallenges).values(values).returning();
  if (!row) throw new Error('insert into sign_in_challenges returned no row');
  return row;
}

/** The challenge with this token hash, if it has not expired yet. */
export async function findLiveSignInChallenge(db: Database, tokenHash: string) {
  const [row] = await db
    .select()
    .from(signInChallenges)
    .where(
      and(eq(signInChallenges.tokenHash, tokenHash), gt(signInChallenges.expiresAt, sql`now()`)),
    )
    .limit(1);
  return row ?? null;
}

/**
 * Deletes the challenge and reports whether this call did it: of two concurrent sign-ins with
 * the same token, only one can finish.
 */
export async function deleteSignInChallenge(db: Database, id: string): Promise<boolean> {
  const deleted = await db
    .delete(signInChallenges)
    .where(eq(signInChallenges.id, id))
    .returning({ id: signInChallenges.id });
  return deleted.length > 0;
}

/** Drops the user's expired challenges, so abandoned sign-ins do not pile up. */
export async function deleteExpiredSignInChallenges(db: Database, userId: string) {
  await db
    .delete(signInChallenges)
    .where(and(eq(signInChallenges.userId, userId), lte(signInChallenges.expiresAt, sql`now()`)));
}

/**
 * Ends every pending sign-in of the user. Called in the same transaction that switches 2FA on or
 * off, so a password step taken before the switch cannot finish under the old rule.
 */
export async function deleteSignInChallengesOf(db: Database, userId: string) {
  await db.delete(signInChallenges).where(eq(signInChallenges.userId, userId));
}
