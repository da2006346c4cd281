import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';

import { getDb } from '@/db/client';
import { auditEvents, recoveryCodes, signInChallenges, users } from '@/db/schema';
import { completeSignInChallenge, createSignInChallenge } from '@/lib/auth/sign-in/challenge';
import { listAuditPage } from '@/db/queries/audit-events';
import { upsertMembership } from '@/db/queries/organisations';
import { FIXTURE_PASSWORD, makeMember, makeOrganisation, makeUser } from '@/tests/helpers/fixtures';

import { confirmEnrolment, pendingEnrolment, startEnrolment } from './enrolment';
import { openSecret } from './secret-box';
import { twoFactorStatus } from './status';
import { STEP_START, at, enrolledUser, wrongCode } from './test-support';
import { timeStepAt, totpCodeAt } from './totp';

async function userRow(id: string) {
  const [row] = await (await getDb()).select().from(users).where(eq(users.id, id));
  if (!row) throw new Error('user vanished');
  return row;
}

describe('starting enrolment', () => {
  it('asks for the password again', async () => {
    const user = await makeUser();
    await expect(
      startEnrolment(await getDb(), { userId: user.id, password: 'not the password' }),
    ).rejects.toMatchObject({ reason: 'wrong_password', message: 'The password is not correct.' });

    expect((await userRow(user.id)).totpPendingSecretEncrypted).toBeNull();
  });

  it('returns the secret, grouped text and a QR code, and keeps the secret sealed', async () => {
    const user = await makeUser();
    const pending = await startEnrolment(await getDb(), {
      userId: user.id,
      password: FIXTURE_PASSWORD,
    });

    expect(pending.groupedSecret.replaceAll(' ', '')).toBe(pending.secret);
    expect(pending.otpauthUri).toContain(`secret=${pending.secret}`);
    expect(pending.otpauthUri).toContain('issuer=Servicebay');
    expect(pending.qrDataUrl).toMatch(/^data:image\/png;base64,/);

    const row = await userRow(user.id);
    expect(row.totpEnabledAt).toBeNull();
    expect(row.totpSecretEncrypted).toBeNull();
    expect(row.totpPendingSecretEncrypted).not.toContain(pending.secret);
    expect(openSecret(row.totpPendingSecretEncrypted ?? '', user.id)).toBe(pending.secret);
  });

  it('shows the same pending secret again until it is confirmed', async () => {
    const user = await makeUser();
    const db = await getDb();
    const pending = await startEnrolment(db, { userId: user.id, password: FIXTURE_PASSWORD });

    expect((await pendingEnrolment(db, user.id))?.secret).toBe(pending.secret);
    expect(await twoFactorStatus(db, user.id)).toMatchObject({ enabled: false, pending: true });
  });

  it('refuses to start while 2FA is already on', async () => {
    const { user } = await enrolledUser();
    await expect(
      startEnrolment(await getDb(), { userId: user.id, password: FIXTURE_PASSWORD }),
    ).rejects.toMatchObject({ reason: 'already_enabled' });
  });
});

describe('confirming enrolment', () => {
  it('keeps 2FA off and the pending secret after a wrong code', async () => {
    const user = await makeUser();
    const db = await getDb();
    const pending = await startEnrolment(db, { userId: user.id, password: FIXTURE_PASSWORD });

    await expect(
      confirmEnrolment(db, {
        userId: user.id,
        code: await wrongCode(pending.secret, STEP_START),
        now: STEP_START,
      }),
    ).rejects.toMatchObject({ reason: 'wrong_code' });
    await expect(
      confirmEnrolment(db, { userId: user.id, code: '12ab', now: STEP_START }),
    ).rejects.toMatchObject({ reason: 'malformed_code' });

    expect((await twoFactorStatus(db, user.id)).enabled).toBe(false);
    expect((await pendingEnrolment(db, user.id))?.secret).toBe(pending.secret);
  });

  it('switches 2FA on with a valid code and returns ten recovery codes once', async () => {
    const user = await makeUser();
    const db = await getDb();
    const before = await userRow(user.id);
    const pending = await startEnrolment(db, { userId: user.id, password: FIXTURE_PASSWORD });

    const result = await confirmEnrolment(db, {
      userId: user.id,
      code: await totpCodeAt(pending.secret, STEP_START),
      now: at(5_000),
      meta: { clientAddress: '203.0.113.7', userAgent: 'vitest' },
    });

    expect(result.recoveryCodes).toHaveLength(10);
    expect(result.sessionVersion).toBe(before.sessionVersion + 1);

    const row = await userRow(user.id);
    expect(row.totpEnabledAt).toEqual(at(5_000));
    expect(row.totpPendingSecretEncrypted).toBeNull();
    expect(row.totpLastUsedStep).toBe(timeStepAt(STEP_START));
    expect(row.sessionVersion).toBe(before.sessionVersion + 1);
    expect(openSecret(row.totpSecretEncrypted ?? '', user.id)).toBe(pending.secret);
    expect(await twoFactorStatus(db, user.id, at(5_000))).toEqual({
      enabled: true,
      enabledAt: at(5_000),
      recoveryCodesLeft: 10,
      pending: false,
      lockedUntil: null,
    });
  });

  it('leaves no secret or code readable in a dump of the tables', async () => {
    const { user, secret, recoveryCodes: codes } = await enrolledUser();
    const db = await getDb();
    const dump = JSON.stringify([
      await userRow(user.id),
      await db.select().from(recoveryCodes).where(eq(recoveryCodes.userId, user.id)),
      await db.select().from(auditEvents).where(eq(auditEvents.actorUserId, user.id)),
    ]);

    expect(dump).not.toContain(secret);
    for (const code of codes) {
      expect(dump).not.toContain(code);
      expect(dump).not.toContain(code.replace('-', ''));
    }
  });

  it('records the change in the audit trail without secrets', async () => {
    const { user } = await enrolledUser();
    const events = await (
      await getDb()
    )
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.actorUserId, user.id));

    expect(events.map((event) => [event.action, event.details])).toEqual([
      ['two_factor.enabled', {}],
    ]);
  });

  it("shows enabling in the audit log of each of the user's organisations", async () => {
    const db = await getDb();
    const [first, second, unrelated] = [
      await makeOrganisation(),
      await makeOrganisation(),
      await makeOrganisation(),
    ];
    const user = await makeMember(first.id, 'member');
    await upsertMembership(db, { organisationId: second.id, userId: user.id, role: 'admin' });

    const pending = await startEnrolment(db, { userId: user.id, password: FIXTURE_PASSWORD });
    const code = await totpCodeAt(pending.secret, STEP_START);
    await confirmEnrolment(db, { userId: user.id, code, now: STEP_START });

    const actions = async (organisationId: string) =>
      (await listAuditPage(db, { scope: { organisationId }, limit: 10 })).map((row) => [
        row.action,
        row.actorUserId,
      ]);
    expect(await actions(first.id)).toEqual([['two_factor.enabled', user.id]]);
    expect(await actions(second.id)).toEqual([['two_factor.enabled', user.id]]);
    expect(await actions(unrelated.id)).toEqual([]);
  });

  it('ends the sign-ins that passed the password step before 2FA was switched on', async () => {
    const db = await getDb();
    const user = await makeUser();
    const pendingSignIn = await createSignInChallenge(db, await userRow(user.id));

    const pending = await startEnrolment(db, { userId: user.id, password: FIXTURE_PASSWORD });
    const code = await totpCodeAt(pending.secret, STEP_START);
    await confirmEnrolment(db, { userId: user.id, code, now: STEP_START });

    expect(
      await db.select().from(signInChallenges).where(eq(signInChallenges.userId, user.id)),
    ).toEqual([]);
    expect(await completeSignInChallenge(db, pendingSignIn.token, {})).toBeNull();
  });

  it('only the latest pending secret can be confirmed', async () => {
    const user = await makeUser();
    const db = await getDb();
    const first = await startEnrolment(db, { userId: user.id, password: FIXTURE_PASSWORD });
    const second = await startEnrolment(db, { userId: user.id, password: FIXTURE_PASSWORD });

    const staleCode = await totpCodeAt(first.secret, STEP_START);
    const freshCode = await totpCodeAt(second.secret, STEP_START);
    if (staleCode !== freshCode) {
      await expect(
        confirmEnrolment(db, { userId: user.id, code: staleCode, now: STEP_START }),
      ).rejects.toMatchObject({ reason: 'wrong_code' });
    }
    await confirmEnrolment(db, { userId: user.id, code: freshCode, now: STEP_START });
    expect(openSecret((await userRow(user.id)).totpSecretEncrypted ?? '', user.id)).toBe(
      second.secret,
    );
  });

  it('lets only one of two concurrent confirmations win', async () => {
    const user = await makeUser();
    const db = await getDb();
    const pending = await startEnrolment(db, { userId: user.id, password: FIXTURE_PASSWORD });
    const code = await totpCodeAt(pending.secret, STEP_START);

    const outcomes = await Promise.allSettled([
      confirmEnrolment(db, { userId: user.id, code, now: STEP_START }),
      confirmEnrolment(db, { userId: user.id, code, now: STEP_START }),
    ]);

    expect(outcomes.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(1);
    expect(await twoFactorStatus(db, user.id)).toMatchObject({ recoveryCodesLeft: 10 });
  });
});
