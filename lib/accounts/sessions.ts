import { eq, sql } from 'drizzle-orm';

import type { Database } from '@/db/client';
import { bumpSessionVersion } from '@/db/queries/sessions';
import { findUserById } from '@/db/queries/users';
import { users } from '@/db/schema';
import { auditActions } from '@/lib/audit/actions';
import { recordAuditEvent } from '@/lib/audit/record';
import type { ClientInfo } from '@/lib/auth/client-info';
import { hashPassword } from '@/lib/auth/password';
import { passwordProblem } from '@/lib/auth/password-policy';
import { recheckPassword } from '@/lib/auth/recheck-password';
import { logger } from '@/lib/logger';

import { AccountError } from './create-user';

/**
 * "Sign out of all other sessions": every session token of the account carries the old
 * session version and stops working on its next request. Returns the new version, which the
 * caller puts into the current browser's session (lib/auth/keep-session.ts).
 */
export async function endOtherSessions(
  db: Database,
  input: { userId: string; client: ClientInfo },
): Promise<number> {
  const version = await db.transaction(async (tx) => {
    const bumped = await bumpSessionVersion(tx, input.userId);
    await recordAuditEvent(tx, {
      action: auditActions.sessionsEnded,
      actorUserId: input.userId,
      client: input.client,
    });
    return bumped;
  });
  logger.info({ event: 'auth.sessions_ended', user_id: input.userId }, 'other sessions ended');
  return version;
}

export type PasswordField = 'currentPassword' | 'newPassword';

export class PasswordChangeError extends AccountError {
  constructor(
    readonly field: PasswordField,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Changes the password after checking the current one and the policy, and ends every other
 * session of the account in the same transaction. Returns the new session version. Wrong
 * current passwords count against the account's sign-in limit (lib/auth/recheck-password.ts).
 */
export async function changePassword(
  db: Database,
  input: { userId: string; currentPassword: string; newPassword: string; client: ClientInfo },
): Promise<number> {
  const user = await findUserById(db, input.userId);
  const check = user ? await recheckPassword(db, user, input.currentPassword, input.client) : null;
  if (!user || !check?.ok) {
    const message = check?.ok === false && check.reason === 'locked' ? check.message : null;
    throw new PasswordChangeError(
      'currentPassword',
      message ?? 'The current password is not correct.',
    );
  }

  const local = user.email.split('@')[0]?.split('+')[0] ?? '';
  const context = [user.email, local, ...local.split(/[^\p{L}\d]+/u)];
  const problem = passwordProblem(input.newPassword, context);
  if (problem) throw new PasswordChangeError('newPassword', problem);
  if (input.newPassword === input.currentPassword) {
    throw new PasswordChangeError('newPassword', 'Choose a password you have not just used.');
  }

  const passwordHash = await hashPassword(input.newPassword);
  const version = await db.transaction(async (tx) => {
    const [row] = await tx
      .update(users)
      .set({
        passwordHash,
        sessionVersion: sql`${users.sessionVersion} + 1`,
        updatedAt: new Date(),
      })
      .where(eq(users.id, input.userId))
      .returning({ sessionVersion: users.sessionVersion });
    if (!row) throw new Error('the account disappeared during a password change');

    await recordAuditEvent(tx, {
      action: auditActions.passwordChanged,
      actorUserId: input.userId,
      client: input.client,
    });
    return row.sessionVersion;
  });

  logger.info({ event: 'auth.password_changed', user_id: input.userId }, 'password changed');
  return version;
}
