'use server';

import { headers } from 'next/headers';
import { z } from 'zod';

import type { ActionState, EnrolmentView, FieldName } from '@/components/two-factor/action-state';
import { getDb } from '@/db/client';
import { clientInfo } from '@/lib/auth/client-info';
import { keepCurrentSession } from '@/lib/auth/keep-session';
import { getSession, getSessionUser } from '@/lib/auth/session';
import { logger } from '@/lib/logger';
import type { RequestMeta } from '@/lib/two-factor/account';
import { confirmEnrolment, startEnrolment } from '@/lib/two-factor/enrolment';
import { isTwoFactorError, type TwoFactorFailure } from '@/lib/two-factor/errors';
import { disableTwoFactor, regenerateRecoveryCodes } from '@/lib/two-factor/management';

// Each action is a public POST endpoint: it re-reads the session itself (account, session
// version) and re-checks the password, and returns inline messages instead of throwing.

const text = (message: string) => z.string({ error: message }).min(1, message).max(1024);
const password = text('Enter your password.');
const code = text('Enter a code.');

const sessionEnded = {
  status: 'error',
  message: 'Your session has ended. Sign in again to continue.',
  field: null,
} as const;

function fieldFor(reason: TwoFactorFailure): FieldName | null {
  if (reason === 'wrong_password' || reason === 'password_locked') return 'password';
  if (['malformed_code', 'wrong_code', 'replayed_code'].includes(reason)) return 'code';
  return null;
}

function invalidInput(error: z.ZodError): ActionState<never> {
  const issue = error.issues[0];
  const field = issue?.path[0] === 'password' ? 'password' : 'code';
  return { status: 'error', message: issue?.message ?? 'Check the form.', field };
}

async function failure(error: unknown, action: string): Promise<ActionState<never>> {
  if (isTwoFactorError(error)) {
    return { status: 'error', message: error.message, field: fieldFor(error.reason) };
  }
  logger.error({ event: 'two_factor.action_failed', action, err: error }, 'security action failed');
  return { status: 'error', message: 'Something went wrong on our side. Try again.', field: null };
}

async function requestMeta(): Promise<RequestMeta> {
  return clientInfo({ headers: await headers() });
}

/** Step one of enabling 2FA: the password again, then a new pending secret and its QR code. */
export async function startEnrolmentAction(
  _previous: ActionState<{ enrolment: EnrolmentView }>,
  formData: FormData,
): Promise<ActionState<{ enrolment: EnrolmentView }>> {
  const user = await getSessionUser();
  if (!user) return sessionEnded;

  const input = z.object({ password }).safeParse({ password: formData.get('password') });
  if (!input.success) return invalidInput(input.error);

  try {
    const pending = await startEnrolment(await getDb(), {
      userId: user.id,
      password: input.data.password,
      meta: await requestMeta(),
    });
    const { qrDataUrl, groupedSecret, otpauthUri } = pending;
    return { status: 'ok', enrolment: { qrDataUrl, groupedSecret, otpauthUri } };
  } catch (error) {
    return failure(error, 'start_enrolment');
  }
}

/** Step two: a code from the app switches 2FA on and returns the recovery codes, once. */
export async function confirmEnrolmentAction(
  _previous: ActionState<{ recoveryCodes: string[] }>,
  formData: FormData,
): Promise<ActionState<{ recoveryCodes: string[] }>> {
  const session = await getSession();
  if (!session) return sessionEnded;
  const { user } = session;

  const input = z.object({ code }).safeParse({ code: formData.get('code') });
  if (!input.success) return invalidInput(input.error);

  try {
    const result = await confirmEnrolment(await getDb(), {
      userId: user.id,
      code: input.data.code,
      meta: await requestMeta(),
    });
    await keepCurrentSession(session.claims, result.sessionVersion);
    return { status: 'ok', recoveryCodes: result.recoveryCodes };
  } catch (error) {
    return failure(error, 'confirm_enrolment');
  }
}

/** Turns 2FA off: the password and a current code, or a recovery code. */
export async function disableTwoFactorAction(
  _previous: ActionState,
  formData: FormData,
): Promise<ActionState> {
  const session = await getSession();
  if (!session) return sessionEnded;
  const { user } = session;

  const input = z.object({ password, code, method: z.enum(['totp', 'recovery']) }).safeParse({
    password: formData.get('password'),
    code: formData.get('code'),
    method: formData.get('method') ?? 'totp',
  });
  if (!input.success) return invalidInput(input.error);

  try {
    const result = await disableTwoFactor(await getDb(), {
      userId: user.id,
      password: input.data.password,
      factor: { kind: input.data.method, code: input.data.code },
      meta: await requestMeta(),
    });
    await keepCurrentSession(session.claims, result.sessionVersion);
    return { status: 'ok' };
  } catch (error) {
    return failure(error, 'disable');
  }
}

/** A new set of recovery codes for the password and a current code; the old set stops working. */
export async function regenerateRecoveryCodesAction(
  _previous: ActionState<{ recoveryCodes: string[] }>,
  formData: FormData,
): Promise<ActionState<{ recoveryCodes: string[] }>> {
  const user = await getSessionUser();
  if (!user) return sessionEnded;

  const input = z
    .object({ password, code })
    .safeParse({ password: formData.get('password'), code: formData.get('code') });
  if (!input.success) return invalidInput(input.error);

  try {
    const result = await regenerateRecoveryCodes(await getDb(), {
      userId: user.id,
      password: input.data.password,
      code: input.data.code,
      meta: await requestMeta(),
    });
    return { status: 'ok', recoveryCodes: result.recoveryCodes };
  } catch (error) {
    return failure(error, 'regenerate_recovery_codes');
  }
}
