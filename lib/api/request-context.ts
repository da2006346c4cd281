import { randomUUID } from 'node:crypto';

/** A caller-supplied request id is echoed back when it is short and plain; otherwise a new one. */
export function requestIdFrom(request: Request): string {
  const supplied = request.headers.get('x-request-id');
  return supplied && /^[A-Za-z0-9._-]{1,64}$/.test(supplied) ? supplied : randomUUID();
}

export function routeOf(request: Request): string {
  return new URL(request.url).pathname;
}
