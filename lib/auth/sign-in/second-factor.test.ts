import { describe, expect, it } from 'vitest';

import { getDb } from '@/db/client';
import { findUserById } from '@/db/queries/users';
import { completeSignInChallenge, createSignInChallenge } from '@/lib/auth/sign-in/challenge';
import { enrolledUser, wrongCode } from '@/lib/two-factor/test-support';
import { totpCodeAt } from '@/lib/two-factor/totp';

// Through the portal's own sign-in path, in real time: the challenge expiry uses the clock.
async function pendingSignIn() {
  const db = await getDb();
  const enrolled = await enrolledUser(new Date());
  const user = await findUserById(db, enrolled.user.id);
  if (!user) throw new Error('user vanished');

  const { token, needsSecondFactor } = await createSignInChallenge(db, user);
  expect(needsSecondFactor).toBe(true);
  return { db, token, ...enrolled };
}

// The enrolment spent the current step; the next one is inside the accepted drift.
const nextCode = (secret: string) => totpCodeAt(secret, new Date(Date.now() + 30_000));

describe('the second factor of a portal sign-in', () => {
  it('gives no session without a code, and a session with the next valid one', async () => {
    const { db, token, secret, user } = await pendingSignIn();

    await expect(completeSignInChallenge(db, token, {})).rejects.toThrow(
      'two-factor:malformed_code|Enter the 6-digit code from your authenticator app.',
    );
    await expect(
      completeSignInChallenge(db, token, { code: await wrongCode(secret, new Date()) }),
    ).rejects.toThrow(/^two-factor:wrong_code\|/);

    const signedIn = await completeSignInChallenge(db, token, { code: await nextCode(secret) });
    expect(signedIn?.id).toBe(user.id);

    // The challenge is spent: its cookie cannot start a second session.
    expect(await completeSignInChallenge(db, token, { code: await nextCode(secret) })).toBeNull();
  });

  it('accepts a recovery code instead', async () => {
    const { db, token, recoveryCodes, user } = await pendingSignIn();
    const signedIn = await completeSignInChallenge(db, token, {
      recoveryCode: recoveryCodes[0] ?? '',
    });
    expect(signedIn?.id).toBe(user.id);
  });
});
