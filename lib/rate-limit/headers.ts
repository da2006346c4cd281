import type { RateLimiterRes } from 'rate-limiter-flexible';

import { secondsUntil, type Policy } from './limiter';

/**
 * The header fields of the IETF draft "RateLimit header fields for HTTP"
 * (draft-ietf-httpapi-ratelimit-headers-11/12): structured-field lists naming the policy, e.g.
 * `RateLimit-Policy: "per-key";q=600;w=60` and `RateLimit: "per-key";r=599;t=60`.
 */
export function rateLimitHeaders(policy: Policy, result: RateLimiterRes): Record<string, string> {
  const remaining = Math.max(0, result.remainingPoints);
  return {
    'RateLimit-Policy': `"${policy.name}";q=${policy.points};w=${policy.durationSeconds}`,
    RateLimit: `"${policy.name}";r=${remaining};t=${secondsUntil(result)}`,
  };
}

/** A refusal also says when to come back, in whole seconds (RFC 9110 Retry-After). */
export function refusalHeaders(policy: Policy, result: RateLimiterRes): Record<string, string> {
  return { ...rateLimitHeaders(policy, result), 'Retry-After': String(secondsUntil(result)) };
}
