import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it, vi } from 'vitest';

import { getDb } from '@/db/client';
import { auditEvents } from '@/db/schema';
import { changePassword, PasswordChangeError } from '@/lib/accounts/sessions';
import { verifyCredentials } from '@/lib/auth/sign-in/verify-credentials';
import { redisReady } from '@/lib/rate-limit/redis';
import { startEnrolment } from '@/lib/two-factor/enrolment';
import { TwoFactorError } from '@/lib/two-factor/errors';
import { disableTwoFactor } from '@/lib/two-factor/management';
import { enrolledUser } from '@/lib/two-factor/test-support';
import { FIXTURE_PASSWORD, makeUser } from '@/tests/helpers/fixtures';

vi.hoisted(() => {
  process.env.SIGN_IN_MAX_FAILURES = '10';
  process.env.SIGN_IN_LOCK_SECONDS = '3';
});

beforeAll(async () => {
  await redisReady();
});

const client = { clientAddress: '192.0.2.10', userAgent: 'vitest' };
const NEW_PASSWORD = 'violet kettle marches under 7 quiet bridges';

async function change(userId: string, currentPassword: string) {
  return changePassword(await getDb(), {
    userId,
    currentPassword,
    newPassword: NEW_PASSWORD,
    client,
  });
}

/** The refusal a promise ends with, so a test can look at its field and message. */
async function refusal(promise: Promise<unknown>): Promise<Error> {
  const error: unknown = await promise.then(
    () => null,
    (rejected: unknown) => rejected,
  );
  if (!(error instanceof Error)) throw new Error('expected the call to be refused');
  return error;
}

/** The reasons of the account's failed re-checks in its audit trail. */
async function failedRechecks(userId: string) {
  const rows = await (
    await getDb()
  )
    .select({ details: auditEvents.details, clientAddress: auditEvents.clientAddress })
    .from(auditEvents)
    .where(
      and(eq(auditEvents.actorUserId, userId), eq(auditEvents.action, 'password.recheck_failed')),
    );
  return rows;
}

async function wrongChanges(userId: string, times: number) {
  for (let i = 0; i < times; i += 1) {
    const error = await refusal(change(userId, 'not my password at all'));
    expect(error).toBeInstanceOf(PasswordChangeError);
    expect(error.message).toBe('The current password is not correct.');
  }
}

describe('password change: the current password is throttled', () => {
  it('after 10 wrong passwords the right one is refused with the wait, until the lock ends', async () => {
    const user = await makeUser();
    await wrongChanges(user.id, 10);

    const locked = await refusal(change(user.id, FIXTURE_PASSWORD));
    expect(locked).toBeInstanceOf(PasswordChangeError);
    expect((locked as PasswordChangeError).field).toBe('currentPassword');
    expect(locked.message).toBe('Too many wrong passwords. Try again in 1 minute.');

    const audited = await failedRechecks(user.id);
    expect(audited.filter((row) => row.details.reason === 'wrong_password')).toHaveLength(10);
    expect(audited.filter((row) => row.details.reason === 'locked')).toHaveLength(1);
    expect(audited.every((row) => row.clientAddress === client.clientAddress)).toBe(true);

    // The same account counter as sign-in: a guesser cannot switch forms for more attempts.
    const signIn = await verifyCredentials(await getDb(), {
      email: user.email,
      password: FIXTURE_PASSWORD,
      address: '192.0.2.99',
    });
    expect(signIn).toBeNull();

    await vi.waitFor(async () => expect(await change(user.id, FIXTURE_PASSWORD)).toBe(1), {
      timeout: 10_000,
      interval: 500,
    });
  });

  it('a right password resets the count', async () => {
    const user = await makeUser();
    await wrongChanges(user.id, 9);
    expect(await change(user.id, FIXTURE_PASSWORD)).toBe(1);

    // Nine more wrong ones do not lock: the success started the count again.
    await wrongChanges(user.id, 9);
    expect(
      await changePassword(await getDb(), {
        userId: user.id,
        currentPassword: NEW_PASSWORD,
        newPassword: `${NEW_PASSWORD} again`,
        client,
      }),
    ).toBe(2);
  });
});

describe('2FA re-checks: the password is throttled', () => {
  it('starting enrolment refuses the right password after 10 wrong ones', async () => {
    const db = await getDb();
    const user = await makeUser();
    for (let i = 0; i < 10; i += 1) {
      const error = await refusal(startEnrolment(db, { userId: user.id, password: 'wrong!' }));
      expect((error as TwoFactorError).reason).toBe('wrong_password');
    }

    const locked = await refusal(
      startEnrolment(db, { userId: user.id, password: FIXTURE_PASSWORD }),
    );
    expect(locked).toBeInstanceOf(TwoFactorError);
    expect((locked as TwoFactorError).reason).toBe('password_locked');
    expect(locked.message).toBe('Too many wrong passwords. Try again in 1 minute.');

    await vi.waitFor(
      async () => {
        const pending = await startEnrolment(db, { userId: user.id, password: FIXTURE_PASSWORD });
        expect(pending.secret).toMatch(/^[A-Z2-7]+$/);
      },
      { timeout: 10_000, interval: 500 },
    );
  });

  it('wrong passwords on the disable form and failed sign-ins add up to one lock', async () => {
    const db = await getDb();
    const { user } = await enrolledUser();
    for (let i = 0; i < 5; i += 1) {
      await verifyCredentials(db, {
        email: user.email,
        password: 'wrong!',
        address: `203.0.113.${i}`,
      });
    }
    for (let i = 0; i < 5; i += 1) {
      const error = await refusal(
        disableTwoFactor(db, {
          userId: user.id,
          password: 'wrong!',
          factor: { kind: 'totp', code: '000000' },
        }),
      );
      expect((error as TwoFactorError).reason).toBe('wrong_password');
    }

    const locked = await refusal(
      disableTwoFactor(db, {
        userId: user.id,
        password: FIXTURE_PASSWORD,
        factor: { kind: 'totp', code: '000000' },
      }),
    );
    expect((locked as TwoFactorError).reason).toBe('password_locked');
  });
});
