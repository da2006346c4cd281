import { randomUUID } from 'node:crypto';

import { decode, encode } from 'next-auth/jwt';
import { z } from 'zod';

import { env } from '@/lib/config/env';

import { secureCookies } from './cookies';

/**
 * What a session token holds: the user (`sub`), the account's session version (`sv`), an id
 * for this one session (`sid`, so sign-out can revoke it alone) and the sign-in time (`at`,
 * seconds). next-auth adds `iat` (when this copy was issued) and `exp`. Names, emails and roles
 * are never in the token: they are read from the database on every request.
 */
const claimsSchema = z.object({
  sub: z.uuid(),
  sv: z.number().int(),
  sid: z.uuid(),
  at: z.number().int(),
  iat: z.number().int(),
});

export type SessionClaims = z.infer<typeof claimsSchema>;

export function nowSeconds(): number {
  return Math.floor(Date.now() / 1000);
}

export function sessionTiming() {
  const config = env();
  return {
    idleSeconds: config.SESSION_IDLE_TIMEOUT_SECONDS,
    lifetimeSeconds: config.SESSION_MAX_LIFETIME_SECONDS,
  };
}

/** The claims of a brand new session, for next-auth's jwt callback at sign-in. */
export function newSessionClaims(user: { id: string; sessionVersion: number }) {
  return { sub: user.id, sv: user.sessionVersion, sid: randomUUID(), at: nowSeconds() };
}

/** When the session ends at the latest, whatever the activity: sign-in time plus the lifetime. */
export function absoluteEnd(claims: Pick<SessionClaims, 'at'>): Date {
  return new Date((claims.at + sessionTiming().lifetimeSeconds) * 1000);
}

/**
 * The claims of a token that is still a live session as far as the token alone can tell:
 * authentic, not expired, used within the idle timeout and younger than the absolute lifetime.
 * The caller still checks the database (account, session version, revoked session ids).
 */
export async function readSessionClaims(token: string | null): Promise<SessionClaims | null> {
  if (!token) return null;

  let payload: unknown;
  try {
    payload = await decode({ token, secret: env().NEXTAUTH_SECRET });
  } catch {
    return null;
  }
  const parsed = claimsSchema.safeParse(payload);
  if (!parsed.success) return null;

  const claims = parsed.data;
  const now = nowSeconds();
  const { idleSeconds, lifetimeSeconds } = sessionTiming();
  // `exp` already bounds idleness, but the variables may have been lowered since it was set.
  if (now - claims.iat > idleSeconds) return null;
  if (now - claims.at > lifetimeSeconds || claims.at > now + 60) return null;
  return claims;
}

export interface IssuedSession {
  token: string;
  maxAgeSeconds: number;
}

/**
 * A fresh copy of the session token: the idle clock restarts, the sign-in time does not, so no
 * amount of sliding takes a session past its absolute lifetime. Null once that is reached.
 */
export async function issueSessionToken(
  claims: Pick<SessionClaims, 'sub' | 'sv' | 'sid' | 'at'>,
): Promise<IssuedSession | null> {
  const remaining = claims.at + sessionTiming().lifetimeSeconds - nowSeconds();
  const maxAgeSeconds = Math.min(sessionTiming().idleSeconds, remaining);
  if (maxAgeSeconds <= 0) return null;

  const token = await encode({
    token: { sub: claims.sub, sv: claims.sv, sid: claims.sid, at: claims.at },
    secret: env().NEXTAUTH_SECRET,
    maxAge: maxAgeSeconds,
  });
  return { token, maxAgeSeconds };
}

/** The flags of the session cookie, the same as next-auth's (lib/auth/options.ts). */
export function sessionCookieOptions(maxAgeSeconds: number) {
  return {
    httpOnly: true,
    sameSite: 'lax' as const,
    secure: secureCookies(),
    path: '/',
    maxAge: maxAgeSeconds,
  };
}
