import { and, count, eq, gt, isNotNull, isNull, lt, lte, or, sql } from 'drizzle-orm';

import type { Database } from '../client';
import { auditEvents, memberships, recoveryCodes, signInChallenges, users } from '../schema';

// Every write here that guards a security rule is one conditional statement, so concurrent
// requests are decided by the database row lock rather than by a read-then-write race.

export async function findTwoFactorAccount(db: Database, userId: string) {
  const [row] = await db
    .select({
      id: users.id,
      email: users.email,
      passwordHash: users.passwordHash,
      sessionVersion: users.sessionVersion,
      secretSealed: users.totpSecretEncrypted,
      pendingSealed: users.totpPendingSecretEncrypted,
      enabledAt: users.totpEnabledAt,
      lastUsedStep: users.totpLastUsedStep,
      failedAttempts: users.totpFailedAttempts,
      lockedUntil: users.totpLockedUntil,
    })
    .from(users)
    .where(eq(users.id, userId))
    .limit(1);
  return row ?? null;
}

export type TwoFactorAccount = NonNullable<Awaited<ReturnType<typeof findTwoFactorAccount>>>;

/** Stores a new pending secret, replacing any earlier one; refused once 2FA is on. */
export async function savePendingSecret(db: Database, userId: string, sealed: string) {
  const rows = await db
    .update(users)
    .set({ totpPendingSecretEncrypted: sealed, updatedAt: new Date() })
    .where(and(eq(users.id, userId), isNull(users.totpEnabledAt)))
    .returning({ id: users.id });
  return rows.length === 1;
}

/**
 * Turns 2FA on with the pending secret that was checked, and only that one: if another tab
 * started a new enrolment in between, nothing changes. Ends the account's other sessions.
 */
export async function activateTwoFactor(
  db: Database,
  input: { userId: string; checkedPending: string; step: number; now: Date },
) {
  const rows = await db
    .update(users)
    .set({
      totpSecretEncrypted: input.checkedPending,
      totpPendingSecretEncrypted: null,
      totpEnabledAt: input.now,
      totpLastUsedStep: sql`greatest(coalesce(${users.totpLastUsedStep}, 0), ${input.step})`,
      totpFailedAttempts: 0,
      totpLockedUntil: null,
      sessionVersion: sql`${users.sessionVersion} + 1`,
      updatedAt: input.now,
    })
    .where(
      and(
        eq(users.id, input.userId),
        isNull(users.totpEnabledAt),
        eq(users.totpPendingSecretEncrypted, input.checkedPending),
      ),
    )
    .returning({ sessionVersion: users.sessionVersion });
  return rows[0] ?? null;
}

export async function deactivateTwoFactor(db: Database, userId: string, now: Date) {
  const rows = await db
    .update(users)
    .set({
      totpSecretEncrypted: null,
      totpPendingSecretEncrypted: null,
      totpEnabledAt: null,
      totpFailedAttempts: 0,
      totpLockedUntil: null,
      sessionVersion: sql`${users.sessionVersion} + 1`,
      updatedAt: now,
    })
    .where(and(eq(users.id, userId), isNotNull(users.totpEnabledAt)))
    .returning({ sessionVersion: users.sessionVersion });
  return rows[0] ?? null;
}

/**
 * Claims a TOTP step: succeeds only if no step this late was accepted before, which makes a
 * code single-use even when two requests carry it at once. Success also clears the failures.
 */
export async function claimTotpStep(db: Database, userId: string, step: number) {
  const rows = await db
    .update(users)
    .set({ totpLastUsedStep: step, totpFailedAttempts: 0, totpLockedUntil: null })
    .where(
      and(
        eq(users.id, userId),
        or(isNull(users.totpLastUsedStep), lt(users.totpLastUsedStep, step)),
      ),
    )
    .returning({ id: users.id });
  return rows.length === 1;
}

export async function resetSecondFactorFailures(db: Database, userId: string) {
  await db
    .update(users)
    .set({ totpFailedAttempts: 0, totpLockedUntil: null })
    .where(eq(users.id, userId));
}

/**
 * Counts an attempt before the code is checked, and only while the account is not locked.
 * The attempt that reaches `lockAfter` sets the lock; each later one (after a lock ran out)
 * doubles it, capped. A correct code then clears both (claimTotpStep or the reset above).
 * Returns null when the account is locked.
 */
export async function reserveSecondFactorAttempt(
  db: Database,
  userId: string,
  now: Date,
  limits: { lockAfter: number; lockMinutes: number; lockMaxMinutes: number },
) {
  const nowText = now.toISOString();
  const next = sql`${users.totpFailedAttempts} + 1`;
  // The exponent is capped so power() never overflows, whatever the counter reaches.
  const minutes = sql`least(
    ${limits.lockMinutes} * power(2, least(${next} - ${limits.lockAfter}, 20)),
    ${limits.lockMaxMinutes}
  )`;

  const rows = await db
    .update(users)
    .set({
      totpFailedAttempts: next,
      totpLockedUntil: sql`case when ${next} >= ${limits.lockAfter}
        then ${nowText}::timestamptz + ${minutes} * interval '1 minute'
        else null end`,
    })
    .where(
      and(eq(users.id, userId), or(isNull(users.totpLockedUntil), lte(users.totpLockedUntil, now))),
    )
    .returning({ failedAttempts: users.totpFailedAttempts, lockedUntil: users.totpLockedUntil });
  return rows[0] ?? null;
}

export async function replaceRecoveryCodes(db: Database, userId: string, hashes: string[]) {
  await db.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId));
  if (hashes.length > 0) {
    await db.insert(recoveryCodes).values(hashes.map((codeHash) => ({ userId, codeHash })));
  }
}

export async function deleteRecoveryCodes(db: Database, userId: string) {
  await db.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId));
}

/** Marks one unused code as used; false if it never existed or was already spent. */
export async function consumeRecoveryCode(
  db: Database,
  userId: string,
  codeHash: string,
  now: Date,
) {
  const rows = await db
    .update(recoveryCodes)
    .set({ usedAt: now })
    .where(
      and(
        eq(recoveryCodes.userId, userId),
        eq(recoveryCodes.codeHash, codeHash),
        isNull(recoveryCodes.usedAt),
      ),
    )
    .returning({ id: recoveryCodes.id });
  return rows.length === 1;
}

export async function countUnusedRecoveryCodes(db: Database, userId: string) {
  const [row] = await db
    .select({ value: count() })
    .from(recoveryCodes)
    .where(and(eq(recoveryCodes.userId, userId), isNull(recoveryCodes.usedAt)));
  return row?.value ?? 0;
}

export async function findSignInChallenge(db: Database, challengeId: string) {
  const [row] = await db
    .select()
    .from(signInChallenges)
    .where(eq(signInChallenges.id, challengeId))
    .limit(1);
  return row ?? null;
}

/** Counts an attempt on a live challenge that has attempts left; null when it has none. */
export async function reserveChallengeAttempt(
  db: Database,
  challengeId: string,
  maxAttempts: number,
  now: Date,
) {
  const rows = await db
    .update(signInChallenges)
    .set({ failedAttempts: sql`${signInChallenges.failedAttempts} + 1` })
    .where(
      and(
        eq(signInChallenges.id, challengeId),
        lt(signInChallenges.failedAttempts, maxAttempts),
        gt(signInChallenges.expiresAt, now),
      ),
    )
    .returning({ failedAttempts: signInChallenges.failedAttempts });
  return rows[0]?.failedAttempts ?? null;
}

export async function deleteSignInChallenge(db: Database, challengeId: string) {
  await db.delete(signInChallenges).where(eq(signInChallenges.id, challengeId));
}

export type TwoFactorAuditAction =
  | 'two_factor.enabled'
  | 'two_factor.disabled'
  | 'two_factor.recovery_codes_regenerated'
  | 'two_factor.locked';

/** Audit rows name what happened and how; they never hold a secret or a code. */
// Switching 2FA on or off changes how well an organisation's data is guarded, so its admins see
// it in their audit log too; the other two-factor events stay in the account's own trail.
const SHOWN_TO_ORGANISATIONS: readonly TwoFactorAuditAction[] = [
  'two_factor.enabled',
  'two_factor.disabled',
];

async function organisationsOf(db: Database, userId: string): Promise<string[]> {
  const rows = await db
    .select({ organisationId: memberships.organisationId })
    .from(memberships)
    .where(eq(memberships.userId, userId));
  return rows.map((row) => row.organisationId);
}

export async function insertTwoFactorAuditEvent(
  db: Database,
  event: {
    userId: string;
    action: TwoFactorAuditAction;
    details?: Record<string, string>;
    clientAddress?: string | null;
    userAgent?: string | null;
  },
) {
  const organisationIds = SHOWN_TO_ORGANISATIONS.includes(event.action)
    ? await organisationsOf(db, event.userId)
    : [];

  await db.insert(auditEvents).values(
    [null, ...organisationIds].map((organisationId) => ({
      organisationId,
      actorUserId: event.userId,
      action: event.action,
      details: event.details ?? {},
      clientAddress: event.clientAddress ?? null,
      userAgent: event.userAgent ?? null,
    })),
  );
}
