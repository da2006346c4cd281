import { cookies } from 'next/headers';

import { sessionCookieName } from './cookies';
import { issueSessionToken, sessionCookieOptions, type SessionClaims } from './session-token';

/**
 * For server actions that bumped the account's session version (password change, "sign out of
 * all other sessions", 2FA on or off): every other session ends, and this browser gets a copy of
 * its session with the new version. Same session id and sign-in time, so the absolute lifetime
 * is not extended. Pages cannot set cookies; server actions and route handlers can.
 */
export async function keepCurrentSession(claims: SessionClaims, sessionVersion: number) {
  const issued = await issueSessionToken({ ...claims, sv: sessionVersion });
  const jar = await cookies();
  if (!issued) {
    jar.delete(sessionCookieName());
    return;
  }
  jar.set(sessionCookieName(), issued.token, sessionCookieOptions(issued.maxAgeSeconds));
}
