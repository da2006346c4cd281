import type { NextRequest, NextResponse } from 'next/server';

import { sessionCookieName } from './cookies';
import {
  issueSessionToken,
  nowSeconds,
  readSessionClaims,
  sessionCookieOptions,
} from './session-token';

/** A copy younger than this is not replaced: one new cookie a minute is enough for the timeout. */
const SLIDE_AFTER_SECONDS = 60;

/**
 * Restarts the idle clock of the session on a page view (called from proxy.ts, because pages
 * cannot set cookies and proxy can). It only re-issues a token that is itself still live, with
 * the same session id and sign-in time, so it can never revive an idle session or stretch the
 * absolute lifetime. It is not a check: every page and handler still validates the session
 * against the database (lib/auth/session.ts), so skipping this only makes a session end sooner.
 */
export async function slideSession(request: NextRequest, response: NextResponse): Promise<void> {
  if (request.method !== 'GET' && request.method !== 'HEAD') return;

  const name = sessionCookieName();
  const claims = await readSessionClaims(request.cookies.get(name)?.value ?? null);
  if (!claims || nowSeconds() - claims.iat < SLIDE_AFTER_SECONDS) return;

  const issued = await issueSessionToken(claims);
  if (issued) response.cookies.set(name, issued.token, sessionCookieOptions(issued.maxAgeSeconds));
}
