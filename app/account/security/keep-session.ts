import { encode } from 'next-auth/jwt';
import { cookies } from 'next/headers';

import { secureCookies, sessionCookieName } from '@/lib/auth/cookies';
import { SESSION_MAX_AGE_SECONDS } from '@/lib/auth/options';
import { env } from '@/lib/config/env';

/**
 * Turning 2FA on or off bumps the account's session version, which ends every session. This
 * re-issues the current browser's session with the new version, so only the others end.
 */
export async function keepCurrentSession(userId: string, sessionVersion: number) {
  const token = await encode({
    token: { sub: userId, sv: sessionVersion },
    secret: env().NEXTAUTH_SECRET,
    maxAge: SESSION_MAX_AGE_SECONDS,
  });

  (await cookies()).set(sessionCookieName(), token, {
    httpOnly: true,
    sameSite: 'lax',
    secure: secureCookies(),
    path: '/',
    maxAge: SESSION_MAX_AGE_SECONDS,
  });
}
