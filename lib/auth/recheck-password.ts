import type { Database } from '@/db/client';
import { auditActions } from '@/lib/audit/actions';
import { recordAuditEvent } from '@/lib/audit/record';
import type { ClientInfo } from '@/lib/auth/client-info';
import { verifyPassword } from '@/lib/auth/password';
import {
  accountLockedFor,
  recordAccountFailure,
  recordAccountSuccess,
} from '@/lib/rate-limit/sign-in-throttle';

export type RecheckOutcome =
  | { ok: true }
  | { ok: false; reason: 'wrong_password' }
  | { ok: false; reason: 'locked'; message: string };

export function tooManyWrongPasswords(seconds: number): string {
  const minutes = Math.max(1, Math.ceil(seconds / 60));
  return `Too many wrong passwords. Try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`;
}

/**
 * The password asked again of a signed-in user before a sensitive change. It counts against the
 * account's sign-in limit (lib/rate-limit/sign-in-throttle.ts), so a stolen session cannot be
 * used to guess the password without limit. While the account is locked the password is not
 * even checked: the right one is refused like a wrong one, so the answer tells a guesser nothing.
 */
export async function recheckPassword(
  db: Database,
  account: { id: string; email: string; passwordHash: string | null },
  password: string,
  client?: ClientInfo,
): Promise<RecheckOutcome> {
  const wait = await accountLockedFor(account.email);
  const outcome: RecheckOutcome =
    wait > 0
      ? { ok: false, reason: 'locked', message: tooManyWrongPasswords(wait) }
      : await check(account, password);
  if (outcome.ok) return outcome;

  // In the account's own activity, like a failed sign-in: its owner sees someone guessing.
  await recordAuditEvent(db, {
    action: auditActions.passwordRecheckFailed,
    actorUserId: account.id,
    details: { reason: outcome.reason },
    client,
  });
  return outcome;
}

async function check(
  account: { email: string; passwordHash: string | null },
  password: string,
): Promise<RecheckOutcome> {
  if (!(await verifyPassword(account.passwordHash, password))) {
    await recordAccountFailure(account.email);
    return { ok: false, reason: 'wrong_password' };
  }

  await recordAccountSuccess(account.email);
  return { ok: true };
}
