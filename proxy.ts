import { NextResponse, type NextRequest } from 'next/server';

import { slideSession } from '@/lib/auth/slide-session';
import { contentSecurityPolicy, createNonce } from '@/lib/security/csp';

/**
 * Runs before every page: a fresh CSP nonce (Next.js reads it from the request's
 * Content-Security-Policy header and puts it on its own scripts) and the session's idle-timeout
 * slide. Nothing here grants access: pages, server actions and route handlers check the
 * session and the role themselves, so a request that skips this gets no more than one that
 * does not.
 */
export async function proxy(request: NextRequest) {
  const nonce = createNonce();
  const policy = contentSecurityPolicy(nonce, process.env.NODE_ENV === 'development');

  const requestHeaders = new Headers(request.headers);
  requestHeaders.set('content-security-policy', policy);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set('Content-Security-Policy', policy);

  await slideSession(request, response);
  return response;
}

export const config = {
  matcher: [
    {
      // Not the API (no cookies, no HTML), nor next-auth's endpoints (they set the session
      // cookie themselves), nor static files.
      source: '/((?!api/|_next/static|_next/image|favicon.ico).*)',
      missing: [
        { type: 'header', key: 'next-router-prefetch' },
        { type: 'header', key: 'purpose', value: 'prefetch' },
      ],
    },
  ],
};
