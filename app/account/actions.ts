'use server';

import { headers } from 'next/headers';
import { z } from 'zod';

import { getDb } from '@/db/client';
import { changePassword, endOtherSessions, PasswordChangeError } from '@/lib/accounts/sessions';
import { clientInfo } from '@/lib/auth/client-info';
import { keepCurrentSession } from '@/lib/auth/keep-session';
import { PASSWORD_MAX_LENGTH } from '@/lib/auth/password-policy';
import { getSession } from '@/lib/auth/session';

export type AccountActionState =
  | { status: 'idle' }
  | { status: 'done'; message: string }
  | { status: 'error'; message: string; fieldErrors: Record<string, string | undefined> };

const signedOut: AccountActionState = {
  status: 'error',
  message: 'Your session has ended. Sign in again.',
  fieldErrors: {},
};

const passwordInput = z.object({
  currentPassword: z
    .string()
    .min(1, 'Enter your current password.')
    .max(PASSWORD_MAX_LENGTH * 4),
  newPassword: z
    .string()
    .min(1, 'Enter a new password.')
    .max(PASSWORD_MAX_LENGTH * 4),
});

/** Server actions are public POST endpoints: each one checks the session itself. */
export async function changePasswordAction(
  _previous: AccountActionState,
  formData: FormData,
): Promise<AccountActionState> {
  const session = await getSession();
  if (!session) return signedOut;

  const parsed = passwordInput.safeParse({
    currentPassword: formData.get('currentPassword') ?? '',
    newPassword: formData.get('newPassword') ?? '',
  });
  if (!parsed.success) {
    const fields = z.flattenError(parsed.error).fieldErrors;
    return {
      status: 'error',
      message: 'Check the fields below.',
      fieldErrors: {
        currentPassword: fields.currentPassword?.[0],
        newPassword: fields.newPassword?.[0],
      },
    };
  }

  try {
    const version = await changePassword(await getDb(), {
      userId: session.user.id,
      ...parsed.data,
      client: clientInfo({ headers: await headers() }),
    });
    await keepCurrentSession(session.claims, version);
    return { status: 'done', message: 'Password changed. Your other sessions have ended.' };
  } catch (error) {
    if (!(error instanceof PasswordChangeError)) throw error;
    return {
      status: 'error',
      message: error.message,
      fieldErrors: { [error.field]: error.message },
    };
  }
}

export async function endOtherSessionsAction(): Promise<AccountActionState> {
  const session = await getSession();
  if (!session) return signedOut;

  const version = await endOtherSessions(await getDb(), {
    userId: session.user.id,
    client: clientInfo({ headers: await headers() }),
  });
  await keepCurrentSession(session.claims, version);
  return { status: 'done', message: 'All your other sessions have been signed out.' };
}
