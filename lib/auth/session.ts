import { cookies } from 'next/headers';
import { notFound, redirect } from 'next/navigation';
import { cache } from 'react';
import { z } from 'zod';

import { getDb } from '@/db/client';
import { findMembership } from '@/db/queries/organisations';
import { isSessionRevoked } from '@/db/queries/sessions';
import { findUserById } from '@/db/queries/users';
import type { MembershipRole } from '@/db/schema';
import { withDeadline } from '@/lib/api/deadline';

import { readCookie, sessionCookieName } from './cookies';
import { loginPath } from './return-to';
import { readSessionClaims, type SessionClaims } from './session-token';

export interface SessionUser {
  id: string;
  email: string;
  name: string | null;
}

export interface OrganisationAccess {
  organisationId: string;
  organisationName: string;
  role: MembershipRole;
}

export interface ActiveSession {
  user: SessionUser;
  claims: SessionClaims;
}

/**
 * The live session behind a token, or null. Checked on every request, server-side: the token
 * must be authentic, inside its idle timeout and absolute lifetime (session-token.ts), its
 * account must still exist with the same session version (bumping `session_version` ends every
 * session of that user at once) and this session must not have been signed out.
 */
export async function sessionFromToken(token: string | null): Promise<ActiveSession | null> {
  const claims = await readSessionClaims(token);
  if (!claims) return null;

  // Bounded like an API request: every page and action starts here, so a network that stalls
  // an open database connection shows the error page instead of a page that never loads.
  const db = await getDb();
  const [user, revoked] = await withDeadline(
    Promise.all([findUserById(db, claims.sub), isSessionRevoked(db, claims.sid)]),
  );
  if (!user || user.sessionVersion !== claims.sv || revoked) return null;
  return { user: { id: user.id, email: user.email, name: user.name }, claims };
}

export async function userFromSessionToken(token: string | null): Promise<SessionUser | null> {
  return (await sessionFromToken(token))?.user ?? null;
}

/** For route handlers, which get the raw request. */
export function userFromRequest(request: Request): Promise<SessionUser | null> {
  return userFromSessionToken(readCookie(request.headers.get('cookie'), sessionCookieName()));
}

/** For pages and server actions: the session with its claims, read once per request. */
export const getSession = cache(async (): Promise<ActiveSession | null> => {
  const jar = await cookies();
  return sessionFromToken(jar.get(sessionCookieName())?.value ?? null);
});

/** For pages and server actions; cached per request so a page and its parts share one read. */
export async function getSessionUser(): Promise<SessionUser | null> {
  return (await getSession())?.user ?? null;
}

/** The signed-in user, or a redirect to /login that comes back to `returnTo` afterwards. */
export async function requireUser(returnTo: string): Promise<SessionUser> {
  const user = await getSessionUser();
  if (!user) redirect(loginPath(returnTo));
  return user;
}

/** The user's role in the organisation, read from the database now. */
export async function findAccess(
  userId: string,
  organisationId: string,
): Promise<OrganisationAccess | null> {
  // A malformed id cannot name an organisation; it is the same answer as one the user lacks.
  if (!z.uuid().safeParse(organisationId).success) return null;

  const membership = await withDeadline(findMembership(await getDb(), organisationId, userId));
  if (!membership) return null;
  return { organisationId, organisationName: membership.organisationName, role: membership.role };
}

/** Membership or a 404: someone else's organisation looks exactly like one that does not exist. */
export async function requireMembership(
  user: SessionUser,
  organisationId: string,
): Promise<OrganisationAccess> {
  const access = await findAccess(user.id, organisationId);
  if (!access) notFound();
  return access;
}
