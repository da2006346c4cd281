// Cookie names and flags in one place, so next-auth, the sign-in action and the session reader
// always agree. Production cookies are Secure and carry the `__Secure-` prefix, which browsers
// refuse to accept over plain http or without the Secure flag.
export function secureCookies(): boolean {
  return process.env.NODE_ENV === 'production';
}

function prefixed(name: string): string {
  return secureCookies() ? `__Secure-${name}` : name;
}

export function sessionCookieName(): string {
  return prefixed('next-auth.session-token');
}

export function challengeCookieName(): string {
  return prefixed('servicebay.sign-in-challenge');
}

export const CHALLENGE_TTL_SECONDS = 5 * 60;

/** Reads one cookie from a raw Cookie header (route handlers and next-auth's authorize). */
export function readCookie(header: string | null | undefined, name: string): string | null {
  if (!header) return null;

  for (const part of header.split(';')) {
    const separator = part.indexOf('=');
    if (separator === -1) continue;
    if (part.slice(0, separator).trim() !== name) continue;
    try {
      return decodeURIComponent(part.slice(separator + 1).trim());
    } catch {
      return null;
    }
  }
  return null;
}
