import type { AuthOptions } from 'next-auth';
import CredentialsProvider from 'next-auth/providers/credentials';

import { getDb } from '@/db/client';
import { env } from '@/lib/config/env';
import { logger } from '@/lib/logger';

import { challengeCookieName, readCookie, secureCookies, sessionCookieName } from './cookies';
import { completeSignInChallenge } from './sign-in/challenge';

export const SESSION_MAX_AGE_SECONDS = 12 * 60 * 60;

// The only provider: it never sees a password. It turns the challenge cookie left by the
// password step (lib/auth/sign-in/start-sign-in.ts) into a session.
const challengeProvider = CredentialsProvider({
  id: 'challenge',
  name: 'Sign-in challenge',
  credentials: { code: { label: 'Authentication code', type: 'text' } },
  async authorize(credentials, request) {
    const cookieHeader = request.headers?.cookie as string | undefined;
    const token = readCookie(cookieHeader, challengeCookieName());
    if (!token) return null;

    const user = await completeSignInChallenge(await getDb(), token, credentials ?? {});
    if (!user) return null;

    logger.info({ event: 'auth.signed_in', user_id: user.id }, 'session started');
    return { id: user.id, sessionVersion: user.sessionVersion };
  },
});

/** Built on demand: `next build` evaluates route modules without the production secrets. */
export function authOptions(): AuthOptions {
  const secure = secureCookies();

  return {
    secret: env().NEXTAUTH_SECRET,
    providers: [challengeProvider],
    session: { strategy: 'jwt', maxAge: SESSION_MAX_AGE_SECONDS, updateAge: 60 * 60 },
    useSecureCookies: secure,
    cookies: {
      sessionToken: {
        name: sessionCookieName(),
        options: { httpOnly: true, sameSite: 'lax', path: '/', secure },
      },
    },
    pages: { signIn: '/login', error: '/login' },
    callbacks: {
      // The token holds the user id and session version only (next-auth adds iat and exp);
      // every request re-reads the user, its role and its session version from the database.
      jwt({ token, user }) {
        if (user) return { sub: user.id, sv: user.sessionVersion };
        return { sub: token.sub, sv: token.sv };
      },
      session({ session }) {
        return { expires: session.expires };
      },
    },
    logger: {
      error: (code, metadata) =>
        logger.error({ event: 'next_auth.error', next_auth_code: code, metadata }),
      warn: (code) => logger.warn({ event: 'next_auth.warning', next_auth_code: code }),
      debug: () => undefined,
    },
  };
}
