import { createHash, randomBytes } from 'node:crypto';

import { getDb } from '@/db/client';
import { signInChallenges } from '@/db/schema';
import { FIXTURE_PASSWORD, makeUser } from '@/tests/helpers/fixtures';

import { confirmEnrolment, startEnrolment } from './enrolment';
import { totpCodeAt } from './totp';

// Shared by the database tests of this folder; not imported by application code.

/** The start of a 30-second step; tests move time from here instead of waiting. */
export const STEP_START = new Date(Date.UTC(2030, 0, 1, 0, 0, 0));

export const at = (offsetMs: number) => new Date(STEP_START.getTime() + offsetMs);
export const stepLater = (steps: number) => at(steps * 30_000);

/** A six-digit code that is not valid anywhere in the window around `now`. */
export async function wrongCode(secret: string, now: Date): Promise<string> {
  const near = await Promise.all(
    [-30_000, 0, 30_000].map((ms) => totpCodeAt(secret, new Date(now.getTime() + ms))),
  );
  return ['000000', '111111', '222222', '333333'].find((code) => !near.includes(code)) ?? '';
}

/** A fresh user with 2FA switched on at `now` (STEP_START unless a test needs real time). */
export async function enrolledUser(now = STEP_START) {
  const db = await getDb();
  const user = await makeUser();
  const pending = await startEnrolment(db, { userId: user.id, password: FIXTURE_PASSWORD });
  const code = await totpCodeAt(pending.secret, now);
  const { recoveryCodes } = await confirmEnrolment(db, { userId: user.id, code, now });
  return { user, secret: pending.secret, recoveryCodes };
}

/** A pending sign-in as the portal's password step leaves it: five minutes to finish. */
export async function makeChallenge(userId: string, now = STEP_START) {
  const token = randomBytes(32).toString('base64url');
  const [row] = await (
    await getDb()
  )
    .insert(signInChallenges)
    .values({
      userId,
      tokenHash: createHash('sha256').update(token).digest('hex'),
      needsSecondFactor: true,
      expiresAt: new Date(now.getTime() + 5 * 60_000),
    })
    .returning();
  if (!row) throw new Error('insert into sign_in_challenges returned no row');
  return row;
}
