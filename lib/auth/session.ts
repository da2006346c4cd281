import { decode } from 'next-auth/jwt';
import { cookies } from 'next/headers';
import { notFound, redirect } from 'next/navigation';
import { cache } from 'react';
import { z } from 'zod';

import { getDb } from '@/db/client';
import { findMembership } from '@/db/queries/organisations';
import { findUserById } from '@/db/queries/users';
import type { MembershipRole } from '@/db/schema';
import { env } from '@/lib/config/env';

import { readCookie, sessionCookieName } from './cookies';
import { loginPath } from './return-to';

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

const claimsSchema = z.object({ sub: z.uuid(), sv: z.number().int() });

/**
 * The signed-in user behind a session token, or null. The token only names the user; the
 * account must still exist and its session version must match, so bumping `session_version`
 * ends every session of that user at once.
 */
export async function userFromSessionToken(token: string | null): Promise<SessionUser | null> {
  if (!token) return null;

  let payload: unknown;
  try {
    payload = await decode({ token, secret: env().NEXTAUTH_SECRET });
  } catch {
    return null;
  }
  const claims = claimsSchema.safeParse(payload);
  if (!claims.success) return null;

  const user = await findUserById(await getDb(), claims.data.sub);
  if (!user || user.sessionVersion !== claims.data.sv) return null;
  return { id: user.id, email: user.email, name: user.name };
}

/** For route handlers, which get the raw request. */
export function userFromRequest(request: Request): Promise<SessionUser | null> {
  return userFromSessionToken(readCookie(request.headers.get('cookie'), sessionCookieName()));
}

/** For pages and server actions; cached per request so a page and its parts share one read. */
export const getSessionUser = cache(async (): Promise<SessionUser | null> => {
  const jar = await cookies();
  return userFromSessionToken(jar.get(sessionCookieName())?.value ?? null);
});

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

  const membership = await findMembership(await getDb(), organisationId, userId);
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
