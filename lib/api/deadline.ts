import { withTimeout } from '@/lib/async/with-timeout';
import { env } from '@/lib/config/env';

import { ApiError } from './errors';

/**
 * Ends a request that is still waiting after API_REQUEST_TIMEOUT_MS with a 503. The database
 * timeouts cover a server that is down or slow to answer; this covers a network that stalls
 * without closing the connection, where no server-side timeout can fire. The work itself is not
 * cancelled: a write may still complete after the client was told 503, as after any timeout.
 */
export function withDeadline<T>(
  work: Promise<T>,
  timeoutMs = env().API_REQUEST_TIMEOUT_MS,
): Promise<T> {
  return withTimeout(
    work,
    timeoutMs,
    () =>
      new ApiError('service_unavailable', 'The request took too long; try again shortly.', {
        headers: { 'Retry-After': '5' },
      }),
  );
}
