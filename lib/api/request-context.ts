import { randomUUID } from 'node:crypto';

/** A caller-supplied request id is echoed back when it is short and plain; otherwise a new one. */
export function requestIdFrom(request: Request): string {
  const supplied = request.headers.get('x-request-id');
  return supplied && /^[A-Za-z0-9._-]{1,64}$/.test(supplied) ? supplied : randomUUID();
}

interface ParsedUrl {
  pathname: string;
  searchParams: URLSearchParams;
}

/**
 * The request's URL. Next.js hands route handlers a NextRequest whose `nextUrl` is parsed
 * already; parsing `request.url` again cost measurable time on the busiest routes.
 */
export function urlOf(request: Request): ParsedUrl {
  return (request as Request & { nextUrl?: ParsedUrl }).nextUrl ?? new URL(request.url);
}

export function routeOf(request: Request): string {
  return urlOf(request).pathname;
}
