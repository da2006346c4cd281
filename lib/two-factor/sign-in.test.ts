import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';

import { getDb } from '@/db/client';
import { findSignInChallenge } from '@/db/queries/two-factor';
import { auditEvents, users } from '@/db/schema';

import { verifyChallengeSecondFactor } from './sign-in';
import { twoFactorStatus } from './status';
import { STEP_START, at, enrolledUser, makeChallenge, stepLater, wrongCode } from './test-support';
import { totpCodeAt } from './totp';

const totp = (code: string) => ({ kind: 'totp', code }) as const;
const recovery = (code: string) => ({ kind: 'recovery', code }) as const;

async function verify(
  challenge: { id: string; userId: string },
  input: Parameters<typeof verifyChallengeSecondFactor>[2],
  now: Date,
) {
  return verifyChallengeSecondFactor(await getDb(), challenge, input, now);
}

async function failures(userId: string) {
  const [row] = await (
    await getDb()
  )
    .select({ failed: users.totpFailedAttempts, lockedUntil: users.totpLockedUntil })
    .from(users)
    .where(eq(users.id, userId));
  return row;
}

describe('the second sign-in step with a code from the app', () => {
  it('accepts a current code', async () => {
    const { user, secret } = await enrolledUser();
    const challenge = await makeChallenge(user.id, stepLater(2));

    await expect(
      verify(challenge, totp(await totpCodeAt(secret, stepLater(2))), stepLater(2)),
    ).resolves.toEqual({ method: 'totp' });
  });

  it('accepts a code with spaces, as apps display it', async () => {
    const { user, secret } = await enrolledUser();
    const code = await totpCodeAt(secret, stepLater(2));
    const challenge = await makeChallenge(user.id, stepLater(2));

    await expect(
      verify(challenge, totp(`${code.slice(0, 3)} ${code.slice(3)}`), stepLater(2)),
    ).resolves.toEqual({ method: 'totp' });
  });

  it('rejects the code that confirmed the enrolment', async () => {
    const { user, secret } = await enrolledUser();
    const challenge = await makeChallenge(user.id, at(10_000));

    await expect(
      verify(challenge, totp(await totpCodeAt(secret, STEP_START)), at(10_000)),
    ).rejects.toMatchObject({
      reason: 'replayed_code',
      message: 'That code has already been used. Wait for the next code in your app.',
    });
  });

  it('accepts a code only once, even within its window', async () => {
    const { user, secret } = await enrolledUser();
    const code = await totpCodeAt(secret, stepLater(3));

    await verify(await makeChallenge(user.id, stepLater(3)), totp(code), stepLater(3));
    await expect(
      verify(await makeChallenge(user.id, stepLater(3)), totp(code), at(3 * 30_000 + 20_000)),
    ).rejects.toMatchObject({ reason: 'replayed_code' });

    // An earlier step, still inside the drift window, is spent as well.
    const earlier = await totpCodeAt(secret, stepLater(2));
    await expect(
      verify(await makeChallenge(user.id, stepLater(3)), totp(earlier), stepLater(3)),
    ).rejects.toMatchObject({ reason: 'replayed_code' });
  });

  it('lets only one of two concurrent uses of a code pass', async () => {
    const { user, secret } = await enrolledUser();
    const code = await totpCodeAt(secret, stepLater(4));
    const first = await makeChallenge(user.id, stepLater(4));
    const second = await makeChallenge(user.id, stepLater(4));

    const outcomes = await Promise.allSettled([
      verify(first, totp(code), stepLater(4)),
      verify(second, totp(code), stepLater(4)),
    ]);

    expect(outcomes.map((outcome) => outcome.status).sort()).toEqual(['fulfilled', 'rejected']);
    expect(outcomes.find((outcome) => outcome.status === 'rejected')).toMatchObject({
      reason: { reason: 'replayed_code' },
    });
  });

  it('rejects a malformed code without counting it as a guess', async () => {
    const { user } = await enrolledUser();
    const challenge = await makeChallenge(user.id, stepLater(2));

    await expect(verify(challenge, totp('12345'), stepLater(2))).rejects.toMatchObject({
      reason: 'malformed_code',
      message: 'Enter the 6-digit code from your authenticator app.',
    });
    expect((await findSignInChallenge(await getDb(), challenge.id))?.failedAttempts).toBe(0);
    expect((await failures(user.id))?.failed).toBe(0);
  });

  it('refuses an expired challenge and removes it', async () => {
    const { user, secret } = await enrolledUser();
    const challenge = await makeChallenge(user.id, stepLater(2));
    const late = at(2 * 30_000 + 5 * 60_000);

    await expect(
      verify(challenge, totp(await totpCodeAt(secret, late)), late),
    ).rejects.toMatchObject({
      reason: 'challenge_expired',
      message: 'Your sign-in has expired. Sign in again.',
    });
    expect(await findSignInChallenge(await getDb(), challenge.id)).toBeNull();
  });

  it('refuses a challenge presented for another user', async () => {
    const { user, secret } = await enrolledUser();
    const other = await enrolledUser();
    const challenge = await makeChallenge(other.user.id, stepLater(2));

    await expect(
      verify(
        { id: challenge.id, userId: user.id },
        totp(await totpCodeAt(secret, stepLater(2))),
        stepLater(2),
      ),
    ).rejects.toMatchObject({ reason: 'challenge_expired' });
  });
});

describe('the second sign-in step with a recovery code', () => {
  it('accepts each recovery code once', async () => {
    const { user, recoveryCodes } = await enrolledUser();
    const [code = ''] = recoveryCodes;

    await expect(
      verify(
        await makeChallenge(user.id, stepLater(2)),
        recovery(code.toUpperCase()),
        stepLater(2),
      ),
    ).resolves.toEqual({ method: 'recovery' });
    await expect(
      verify(await makeChallenge(user.id, stepLater(2)), recovery(code), stepLater(2)),
    ).rejects.toMatchObject({
      reason: 'wrong_code',
      message: 'That recovery code is not valid or has already been used.',
    });
    expect((await twoFactorStatus(await getDb(), user.id, stepLater(2))).recoveryCodesLeft).toBe(9);
  });

  it('lets only one of two concurrent uses of a recovery code pass', async () => {
    const { user, recoveryCodes } = await enrolledUser();
    const [code = ''] = recoveryCodes;

    const outcomes = await Promise.allSettled([
      verify(await makeChallenge(user.id, stepLater(2)), recovery(code), stepLater(2)),
      verify(await makeChallenge(user.id, stepLater(2)), recovery(code), stepLater(2)),
    ]);
    expect(outcomes.map((outcome) => outcome.status).sort()).toEqual(['fulfilled', 'rejected']);
  });

  it("does not accept another account's recovery code", async () => {
    const { user } = await enrolledUser();
    const other = await enrolledUser();

    await expect(
      verify(
        await makeChallenge(user.id, stepLater(2)),
        recovery(other.recoveryCodes[0] ?? ''),
        stepLater(2),
      ),
    ).rejects.toMatchObject({ reason: 'wrong_code' });
  });
});

describe('attempt limits', () => {
  it('abandons a sign-in after five wrong codes', async () => {
    const { user, secret } = await enrolledUser();
    const now = stepLater(2);
    const challenge = await makeChallenge(user.id, now);
    const wrong = await wrongCode(secret, now);

    for (let attempt = 1; attempt <= 4; attempt += 1) {
      await expect(verify(challenge, totp(wrong), now)).rejects.toMatchObject({
        reason: 'wrong_code',
      });
    }
    await expect(verify(challenge, totp(wrong), now)).rejects.toMatchObject({
      reason: 'challenge_abandoned',
      message: 'Too many wrong codes for this sign-in. Sign in again with your password.',
    });
    expect(await findSignInChallenge(await getDb(), challenge.id)).toBeNull();

    // Even the right code cannot revive it.
    await expect(verify(challenge, totp(await totpCodeAt(secret, now)), now)).rejects.toMatchObject(
      { reason: 'challenge_expired' },
    );
  });

  it('locks the second factor for 15 minutes after 10 wrong codes across sign-ins', async () => {
    const { user, secret, recoveryCodes } = await enrolledUser();
    const now = stepLater(2);
    const wrong = await wrongCode(secret, now);

    for (let attempt = 1; attempt <= 9; attempt += 1) {
      // A new sign-in every few guesses, as an attacker with the password would do.
      const challenge = await makeChallenge(user.id, now);
      await expect(verify(challenge, totp(wrong), now)).rejects.toMatchObject({
        reason: 'wrong_code',
      });
    }
    expect((await failures(user.id))?.failed).toBe(9);

    const lockedUntil = new Date(now.getTime() + 15 * 60_000);
    await expect(verify(await makeChallenge(user.id, now), totp(wrong), now)).rejects.toMatchObject(
      { reason: 'locked', lockedUntil },
    );

    // While locked, even a correct code or a recovery code is refused, and not counted.
    const later = at(2 * 30_000 + 14 * 60_000);
    await expect(
      verify(await makeChallenge(user.id, later), totp(await totpCodeAt(secret, later)), later),
    ).rejects.toMatchObject({ reason: 'locked', message: expect.stringMatching(/locked until/) });
    await expect(
      verify(await makeChallenge(user.id, later), recovery(recoveryCodes[0] ?? ''), later),
    ).rejects.toMatchObject({ reason: 'locked' });
    expect(await failures(user.id)).toEqual({ failed: 10, lockedUntil });

    const events = await (
      await getDb()
    )
      .select({ action: auditEvents.action })
      .from(auditEvents)
      .where(eq(auditEvents.actorUserId, user.id));
    expect(events.map((event) => event.action)).toContain('two_factor.locked');
  });

  it('backs off further after the lock runs out, and a correct code resets it all', async () => {
    const { user, secret } = await enrolledUser();
    const start = stepLater(2);
    const wrong = await wrongCode(secret, start);
    for (let attempt = 1; attempt <= 10; attempt += 1) {
      await verify(await makeChallenge(user.id, start), totp(wrong), start).catch(() => null);
    }

    // The 11th wrong code, after the first lock ended, locks for twice as long.
    const afterLock = new Date(start.getTime() + 15 * 60_000);
    const wrongThen = await wrongCode(secret, afterLock);
    await expect(
      verify(await makeChallenge(user.id, afterLock), totp(wrongThen), afterLock),
    ).rejects.toMatchObject({
      reason: 'locked',
      lockedUntil: new Date(afterLock.getTime() + 30 * 60_000),
    });

    const afterSecond = new Date(afterLock.getTime() + 30 * 60_000);
    await expect(
      verify(
        await makeChallenge(user.id, afterSecond),
        totp(await totpCodeAt(secret, afterSecond)),
        afterSecond,
      ),
    ).resolves.toEqual({ method: 'totp' });
    expect(await failures(user.id)).toEqual({ failed: 0, lockedUntil: null });
  });

  it('never lets more than the limit of concurrent guesses through', async () => {
    const { user, secret } = await enrolledUser();
    const now = stepLater(2);
    const wrong = await wrongCode(secret, now);
    const challenges = await Promise.all(
      Array.from({ length: 8 }, () => makeChallenge(user.id, now)),
    );

    const outcomes = await Promise.allSettled(
      challenges.flatMap((challenge) => [1, 2].map(() => verify(challenge, totp(wrong), now))),
    );

    const reasons = outcomes.map((outcome) =>
      outcome.status === 'rejected' ? (outcome.reason as { reason: string }).reason : 'passed',
    );
    // Exactly ten guesses are counted: nine answered as wrong, the tenth sets the lock.
    expect(reasons.filter((reason) => reason === 'wrong_code')).toHaveLength(9);
    expect(reasons.filter((reason) => reason === 'locked')).toHaveLength(7);
    expect((await failures(user.id))?.failed).toBe(10);
  });
});
