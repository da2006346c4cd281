import type { AuthOptions } from 'next-auth';
import CredentialsProvider from 'next-auth/providers/credentials';

import { z } from 'zod';

import { getDb } from '@/db/client';
import { revokeSessionId } from '@/db/queries/sessions';
import { auditActions } from '@/lib/audit/actions';
import { recordAuditEvent } from '@/lib/audit/record';
import { env } from '@/lib/config/env';
import { logger } from '@/lib/logger';

import { clientInfoFromRecord } from './client-info';
import { challengeCookieName, readCookie, secureCookies, sessionCookieName } from './cookies';
import { absoluteEnd, newSessionClaims, sessionTiming } from './session-token';
import { completeSignInChallenge } from './sign-in/challenge';

/**
 * The longest any session can last (SESSION_MAX_LIFETIME_SECONDS is capped at this). Session
 * tokens are issued by next-auth at sign-in and by issueSessionToken (session-token.ts) after.
 */
export const SESSION_MAX_AGE_SECONDS = 24 * 60 * 60;

const signOutClaims = z.object({ sub: z.uuid(), sid: z.uuid(), at: z.number().int() });

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

    await recordAuditEvent(await getDb(), {
      action: auditActions.signInSucceeded,
      actorUserId: user.id,
      client: clientInfoFromRecord(request.headers),
    });
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
    // The token expires after the idle timeout; proxy.ts slides it on page views, and
    // session-token.ts refuses it past the absolute lifetime however often it slid.
    session: { strategy: 'jwt', maxAge: sessionTiming().idleSeconds },
    useSecureCookies: secure,
    cookies: {
      sessionToken: {
        name: sessionCookieName(),
        options: { httpOnly: true, sameSite: 'lax', path: '/', secure },
      },
    },
    pages: { signIn: '/login', error: '/login' },
    callbacks: {
      // The token holds ids and times only (see session-token.ts); every request re-reads the
      // user, its role and its session version from the database. next-auth's own session
      // endpoint re-encodes the token through here: it keeps the sign-in time and refuses a
      // session past its absolute lifetime (next-auth then clears the cookie).
      jwt({ token, user }) {
        if (user) return newSessionClaims({ id: user.id, sessionVersion: user.sessionVersion });
        if (typeof token.at !== 'number' || absoluteEnd({ at: token.at }) <= new Date()) {
          throw new Error('session past its absolute lifetime');
        }
        return { sub: token.sub, sv: token.sv, sid: token.sid, at: token.at };
      },
      session({ session }) {
        return { expires: session.expires };
      },
    },
    events: {
      // Sign-out ends this session on the server too: a copy of the cookie stops working.
      async signOut({ token }) {
        const claims = signOutClaims.safeParse(token);
        if (!claims.success) return;
        await revokeSessionId(await getDb(), {
          sessionId: claims.data.sid,
          userId: claims.data.sub,
          expiresAt: absoluteEnd(claims.data),
        });
        logger.info({ event: 'auth.signed_out', user_id: claims.data.sub }, 'session ended');
      },
    },
    logger: {
      // Only the error goes to the log, through its serialiser: next-auth's other metadata can
      // carry what the browser sent, and a failed query's bound values.
      error: (code, metadata) =>
        logger.error({
          event: 'next_auth.error',
          next_auth_code: code,
          err: metadata instanceof Error ? metadata : (metadata as { error?: unknown })?.error,
        }),
      warn: (code) => logger.warn({ event: 'next_auth.warning', next_auth_code: code }),
      debug: () => undefined,
    },
  };
}
