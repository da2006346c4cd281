import { encode } from 'next-auth/jwt';

import { POST as createKey } from '@/app/api/portal/organisations/[orgId]/keys/route';
import { POST as revokeKey } from '@/app/api/portal/organisations/[orgId]/keys/[keyId]/revoke/route';
import { sessionCookieName } from '@/lib/auth/cookies';
import { newSessionClaims, sessionTiming } from '@/lib/auth/session-token';
import { env } from '@/lib/config/env';

const HOST = 'portal.test';

/** A session token exactly as next-auth would issue it at sign-in (at the current clock). */
export async function sessionTokenFor(user: { id: string }, sessionVersion = 0) {
  return encode({
    token: newSessionClaims({ id: user.id, sessionVersion }),
    secret: env().NEXTAUTH_SECRET,
    maxAge: sessionTiming().idleSeconds,
  });
}

/** The Cookie header of a browser that just signed in. */
export async function sessionCookieFor(user: { id: string }, sessionVersion = 0) {
  return `${sessionCookieName()}=${await sessionTokenFor(user, sessionVersion)}`;
}

export interface PortalCall {
  cookie?: string | null;
  origin?: string | null;
  body?: unknown;
}

function request(path: string, call: PortalCall) {
  const headers = new Headers({ host: HOST, 'content-type': 'application/json' });
  const origin = call.origin === undefined ? `http://${HOST}` : call.origin;
  if (origin) headers.set('origin', origin);
  if (call.cookie) headers.set('cookie', call.cookie);
  return new Request(`http://${HOST}${path}`, {
    method: 'POST',
    headers,
    body: call.body === undefined ? undefined : JSON.stringify(call.body),
  });
}

async function read(response: Response) {
  const text = await response.text();
  return {
    status: response.status,
    headers: response.headers,
    json: text ? JSON.parse(text) : null,
  };
}

/** Calls the portal's key routes in-process, the way the browser would with its cookie. */
export async function callCreateKey(orgId: string, call: PortalCall) {
  const path = `/api/portal/organisations/${orgId}/keys`;
  return read(await createKey(request(path, call), { params: Promise.resolve({ orgId }) }));
}

export async function callRevokeKey(orgId: string, keyId: string, call: PortalCall) {
  const path = `/api/portal/organisations/${orgId}/keys/${keyId}/revoke`;
  const params = Promise.resolve({ orgId, keyId });
  return read(await revokeKey(request(path, call), { params }));
}
