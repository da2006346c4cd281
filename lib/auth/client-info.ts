import { isIP } from 'node:net';

import { env } from '@/lib/config/env';

/**
 * Who sent the request, for audit records. The address is picked the way the rate limits pick
 * theirs (lib/rate-limit/client-address.ts): the last X-Forwarded-For entry behind a trusted
 * proxy, otherwise only a single entry, which is what Next.js writes itself. Unlike the limits
 * it is kept whole (no /64 grouping), and anything that is not an IP address is dropped.
 */
export function clientInfo(request: { headers: Headers }, trustProxy = env().TRUST_PROXY) {
  const hops = (request.headers.get('x-forwarded-for') ?? '')
    .split(',')
    .map((hop) => hop.trim())
    .filter(Boolean);
  const candidate = trustProxy ? hops.at(-1) : hops.length === 1 ? hops[0] : undefined;
  const address = candidate?.replace(/^\[|\]$/g, '');
  const userAgent = request.headers.get('user-agent');

  return {
    clientAddress: address && isIP(address) ? address : null,
    userAgent: userAgent?.slice(0, 500) ?? null,
  };
}

export type ClientInfo = ReturnType<typeof clientInfo>;

/** The same for next-auth's authorize, which gets headers as a plain object. */
export function clientInfoFromRecord(headers: Record<string, unknown> | undefined): ClientInfo {
  const copy = new Headers();
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (typeof value === 'string') copy.set(name, value);
  }
  return clientInfo({ headers: copy });
}
