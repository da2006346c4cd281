import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';

import { getDb } from '@/db/client';
import { auditEvents, recoveryCodes, signInChallenges, users } from '@/db/schema';
import { FIXTURE_PASSWORD, makeUser } from '@/tests/helpers/fixtures';

import { disableTwoFactor, regenerateRecoveryCodes } from './management';
import { verifyChallengeSecondFactor } from './sign-in';
import { twoFactorStatus } from './status';
import { enrolledUser, makeChallenge, stepLater, wrongCode } from './test-support';
import { totpCodeAt } from './totp';

async function auditActions(userId: string) {
  const rows = await (
    await getDb()
  )
    .select({ action: auditEvents.action, details: auditEvents.details })
    .from(auditEvents)
    .where(eq(auditEvents.actorUserId, userId));
  return rows;
}

async function sessionVersion(userId: string) {
  const [row] = await (
    await getDb()
  )
    .select({ value: users.sessionVersion })
    .from(users)
    .where(eq(users.id, userId));
  return row?.value;
}

describe('disabling 2FA', () => {
  it('needs the password', async () => {
    const { user, secret } = await enrolledUser();
    const now = stepLater(2);

    await expect(
      disableTwoFactor(await getDb(), {
        userId: user.id,
        password: 'wrong password',
        factor: { kind: 'totp', code: await totpCodeAt(secret, now) },
        now,
      }),
    ).rejects.toMatchObject({ reason: 'wrong_password' });
    expect((await twoFactorStatus(await getDb(), user.id, now)).enabled).toBe(true);
  });

  it('needs a correct code, counted against the limits', async () => {
    const { user, secret } = await enrolledUser();
    const now = stepLater(2);

    await expect(
      disableTwoFactor(await getDb(), {
        userId: user.id,
        password: FIXTURE_PASSWORD,
        factor: { kind: 'totp', code: await wrongCode(secret, now) },
        now,
      }),
    ).rejects.toMatchObject({ reason: 'wrong_code' });
    const status = await twoFactorStatus(await getDb(), user.id, now);
    expect(status.enabled).toBe(true);
  });

  it('turns 2FA off with the password and a current code', async () => {
    const { user, secret } = await enrolledUser();
    const now = stepLater(2);
    const versionBefore = await sessionVersion(user.id);

    const result = await disableTwoFactor(await getDb(), {
      userId: user.id,
      password: FIXTURE_PASSWORD,
      factor: { kind: 'totp', code: await totpCodeAt(secret, now) },
      now,
    });

    expect(result.sessionVersion).toBe((versionBefore ?? 0) + 1);
    expect(await twoFactorStatus(await getDb(), user.id, now)).toEqual({
      enabled: false,
      enabledAt: null,
      recoveryCodesLeft: 0,
      pending: false,
      lockedUntil: null,
    });
    const [row] = await (await getDb()).select().from(users).where(eq(users.id, user.id));
    expect(row?.totpSecretEncrypted).toBeNull();
    expect(
      await (await getDb()).select().from(recoveryCodes).where(eq(recoveryCodes.userId, user.id)),
    ).toEqual([]);
    expect(await auditActions(user.id)).toContainEqual({
      action: 'two_factor.disabled',
      details: { method: 'totp' },
    });
  });

  it('ends the sign-ins that were waiting for a code when 2FA is switched off', async () => {
    const { user, recoveryCodes: codes } = await enrolledUser();
    await makeChallenge(user.id);

    await disableTwoFactor(await getDb(), {
      userId: user.id,
      password: FIXTURE_PASSWORD,
      factor: { kind: 'recovery', code: codes[0] ?? '' },
      now: stepLater(2),
    });

    const left = await (
      await getDb()
    )
      .select()
      .from(signInChallenges)
      .where(eq(signInChallenges.userId, user.id));
    expect(left).toEqual([]);
  });

  it('turns 2FA off with a recovery code instead of a code', async () => {
    const { user, recoveryCodes: codes } = await enrolledUser();

    await disableTwoFactor(await getDb(), {
      userId: user.id,
      password: FIXTURE_PASSWORD,
      factor: { kind: 'recovery', code: codes[3] ?? '' },
      now: stepLater(2),
    });

    expect((await twoFactorStatus(await getDb(), user.id)).enabled).toBe(false);
    expect(await auditActions(user.id)).toContainEqual({
      action: 'two_factor.disabled',
      details: { method: 'recovery' },
    });
  });

  it('says so when 2FA is not on', async () => {
    const user = await makeUser();
    await expect(
      disableTwoFactor(await getDb(), {
        userId: user.id,
        password: FIXTURE_PASSWORD,
        factor: { kind: 'totp', code: '123456' },
      }),
    ).rejects.toMatchObject({
      reason: 'not_enabled',
      message: 'Two-factor authentication is not enabled.',
    });
  });
});

describe('regenerating recovery codes', () => {
  it('replaces the old set, which stops working', async () => {
    const { user, secret, recoveryCodes: oldCodes } = await enrolledUser();
    const now = stepLater(2);

    const { recoveryCodes: newCodes } = await regenerateRecoveryCodes(await getDb(), {
      userId: user.id,
      password: FIXTURE_PASSWORD,
      code: await totpCodeAt(secret, now),
      now,
    });

    expect(newCodes).toHaveLength(10);
    expect(newCodes.filter((code) => oldCodes.includes(code))).toEqual([]);
    expect((await twoFactorStatus(await getDb(), user.id, now)).recoveryCodesLeft).toBe(10);

    const later = stepLater(3);
    await expect(
      verifyChallengeSecondFactor(
        await getDb(),
        await makeChallenge(user.id, later),
        { kind: 'recovery', code: oldCodes[0] ?? '' },
        later,
      ),
    ).rejects.toMatchObject({ reason: 'wrong_code' });
    await expect(
      verifyChallengeSecondFactor(
        await getDb(),
        await makeChallenge(user.id, later),
        { kind: 'recovery', code: newCodes[0] ?? '' },
        later,
      ),
    ).resolves.toEqual({ method: 'recovery' });
    expect(await auditActions(user.id)).toContainEqual({
      action: 'two_factor.recovery_codes_regenerated',
      details: {},
    });
  });

  it('needs the password and a current code, not a recovery code', async () => {
    const { user, secret, recoveryCodes: codes } = await enrolledUser();
    const now = stepLater(2);

    await expect(
      regenerateRecoveryCodes(await getDb(), {
        userId: user.id,
        password: 'wrong password',
        code: await totpCodeAt(secret, now),
        now,
      }),
    ).rejects.toMatchObject({ reason: 'wrong_password' });
    await expect(
      regenerateRecoveryCodes(await getDb(), {
        userId: user.id,
        password: FIXTURE_PASSWORD,
        code: codes[0] ?? '',
        now,
      }),
    ).rejects.toMatchObject({ reason: 'malformed_code' });
    expect((await twoFactorStatus(await getDb(), user.id, now)).recoveryCodesLeft).toBe(10);
  });
});
