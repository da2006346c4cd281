import { isIPv4, isIPv6 } from 'node:net';

import { env } from '@/lib/config/env';

export const UNKNOWN_ADDRESS = 'unknown';

/** Expands an IPv6 address to eight groups so that its /64 prefix can be taken. */
function ipv6Groups(address: string): string[] {
  const [head = '', tail] = address.split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const missing = tail === undefined ? 0 : 8 - left.length - right.length;
  return [...left, ...Array<string>(missing).fill('0'), ...right];
}

/**
 * One bucket per client. An IPv4 address (also when written IPv4-mapped) stands for itself; an
 * IPv6 address counts as its /64, because one subscriber usually holds a whole /64 and could
 * otherwise take a fresh address for every attempt.
 */
export function normaliseAddress(raw: string): string | null {
  const address = raw.trim().replace(/^\[|\]$/g, '');
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1];
  if (mapped && isIPv4(mapped)) return mapped;
  if (isIPv4(address)) return address;
  if (!isIPv6(address) || address.includes('.')) return null;

  const prefix = ipv6Groups(address.toLowerCase()).slice(0, 4);
  return `${prefix.map((group) => group.replace(/^0+(?=.)/, '')).join(':')}::/64`;
}

/**
 * The address a limit is counted against.
 *
 * Route handlers do not see the socket. `next start` puts the socket address in
 * X-Forwarded-For only when the request has no such header, so a client talking to Next.js
 * directly can write the header itself. Therefore:
 * - TRUST_PROXY=true (behind exactly one reverse proxy that appends the address it saw, as
 *   nginx's $proxy_add_x_forwarded_for and most load balancers do): the LAST entry is used,
 *   the one our proxy wrote; earlier entries came from the client and are ignored.
 * - otherwise the header is used only when it holds a single address (what Next.js wrote);
 *   anything else counts as "unknown", one shared bucket. Without a proxy a client that forges
 *   a single address can pick its bucket: run behind a proxy in production.
 */
export function clientAddress(
  request: { headers: Headers },
  trustProxy = env().TRUST_PROXY,
): string {
  const hops = (request.headers.get('x-forwarded-for') ?? '')
    .split(',')
    .map((hop) => hop.trim())
    .filter(Boolean);

  const candidate = trustProxy ? hops.at(-1) : hops.length === 1 ? hops[0] : undefined;
  return (candidate && normaliseAddress(candidate)) || UNKNOWN_ADDRESS;
}
