'use server';

import { cookies, headers } from 'next/headers';
import { z } from 'zod';

import { getDb } from '@/db/client';
import { clientInfo } from '@/lib/auth/client-info';
import { CHALLENGE_TTL_SECONDS, challengeCookieName, secureCookies } from '@/lib/auth/cookies';
import { PASSWORD_MAX_LENGTH } from '@/lib/auth/password-policy';
import { logger } from '@/lib/logger';
import { clientAddress } from '@/lib/rate-limit/client-address';

import { createSignInChallenge } from './challenge';
import { INVALID_CREDENTIALS, type PasswordStepResult } from './state';
import { verifyCredentials } from './verify-credentials';

const passwordStepInput = z.object({
  email: z.string().trim().min(1, 'Enter your email address.').max(320, INVALID_CREDENTIALS),
  password: z
    .string()
    .min(1, 'Enter your password.')
    .max(PASSWORD_MAX_LENGTH * 4),
});

/**
 * The password step of sign-in (a server action, so a public POST endpoint). It never creates
 * a session: it leaves a short-lived challenge in an HttpOnly cookie, which next-auth's
 * `challenge` provider exchanges for a session once every required factor is verified.
 */
export async function startSignIn(formData: FormData): Promise<PasswordStepResult> {
  const parsed = passwordStepInput.safeParse({
    email: formData.get('email') ?? '',
    password: formData.get('password') ?? '',
  });
  if (!parsed.success) {
    const flat = z.flattenError(parsed.error).fieldErrors;
    return {
      status: 'invalid',
      message: 'Enter your email and password.',
      fieldErrors: { email: flat.email?.[0], password: flat.password?.[0] },
    };
  }

  const db = await getDb();
  const requestHeaders = await headers();
  // Unknown email, wrong password and a locked account: one answer, after the same work.
  const user = await verifyCredentials(db, {
    ...parsed.data,
    address: clientAddress({ headers: requestHeaders }),
    client: clientInfo({ headers: requestHeaders }),
  });
  if (!user) {
    logger.info({ event: 'auth.password_rejected' }, 'sign-in refused');
    return { status: 'invalid', message: INVALID_CREDENTIALS, fieldErrors: {} };
  }

  const { token, needsSecondFactor } = await createSignInChallenge(db, user);
  (await cookies()).set(challengeCookieName(), token, {
    httpOnly: true,
    sameSite: 'lax',
    secure: secureCookies(),
    path: '/',
    maxAge: CHALLENGE_TTL_SECONDS,
  });

  logger.info(
    { event: 'auth.password_accepted', user_id: user.id, needs_second_factor: needsSecondFactor },
    'password step passed',
  );
  return { status: 'challenge', needsSecondFactor };
}
