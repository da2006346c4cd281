import type { RateLimiterRes } from 'rate-limiter-flexible';

import { ApiError } from '@/lib/api/errors';
import { env } from '@/lib/config/env';
import { logger } from '@/lib/logger';

import { refusalHeaders, rateLimitHeaders } from './headers';
import { createLimiter, isOverQuota, type Limiter, type Policy } from './limiter';

interface Limited {
  policy: Policy;
  limiter: Limiter;
}

let perKey: Limited | undefined;
let keyFailures: Limited | undefined;

function limited(policy: Policy): Limited {
  return { policy, limiter: createLimiter(policy) };
}

/** Requests per key per minute (API_RATE_LIMIT_PER_MINUTE). */
function perKeyLimit(): Limited {
  perKey ??= limited({
    name: 'per-key',
    points: env().API_RATE_LIMIT_PER_MINUTE,
    durationSeconds: 60,
  });
  return perKey;
}

/**
 * Failed key checks per client address (API_KEY_FAILURES_PER_MINUTE). Past the limit the address
 * is refused for a full minute before any key lookup, so guessing keys is throttled.
 */
function keyFailureLimit(): Limited {
  keyFailures ??= limited({
    name: 'key-failures',
    points: env().API_KEY_FAILURES_PER_MINUTE,
    durationSeconds: 60,
    blockSeconds: 60,
  });
  return keyFailures;
}

function rateLimited(detail: string, policy: Policy, result: RateLimiterRes): ApiError {
  return new ApiError('rate_limited', detail, { headers: refusalHeaders(policy, result) });
}

// A limiter whose store fails (Redis down and no insurance) must not take the API down with it.
function failOpen(event: string, error: unknown): void {
  logger.warn({ event, err: error }, 'rate limiter unavailable; request allowed');
}

/** Spends one request of the key's quota; returns the RateLimit headers for the response. */
export async function consumeKeyQuota(keyId: string): Promise<Record<string, string>> {
  const { policy, limiter } = perKeyLimit();
  try {
    return rateLimitHeaders(policy, await limiter.consume(keyId));
  } catch (rejection) {
    if (!isOverQuota(rejection)) {
      failOpen('rate_limit.per_key_failed', rejection);
      return {};
    }
    throw rateLimited(
      `This API key may make ${policy.points} requests per minute; wait before retrying.`,
      policy,
      rejection,
    );
  }
}

/** Refuses an address that failed too many key checks, before the key is looked up. */
export async function assertAddressMayTryKeys(address: string): Promise<void> {
  const { policy, limiter } = keyFailureLimit();
  let state: RateLimiterRes | null;
  try {
    state = await limiter.get(address);
  } catch (error) {
    failOpen('rate_limit.key_failures_failed', error);
    return;
  }

  if (state && state.consumedPoints > policy.points) {
    throw rateLimited(
      'Too many failed API key checks from this address; wait before retrying.',
      {
        ...policy,
      },
      state,
    );
  }
}

/** Counts one failed key check against the address. */
export async function recordFailedKeyCheck(address: string): Promise<void> {
  try {
    await keyFailureLimit().limiter.consume(address);
  } catch (rejection) {
    // Going over the limit is the point of counting; only a store failure is worth a log line.
    if (!isOverQuota(rejection)) failOpen('rate_limit.key_failures_failed', rejection);
  }
}

/** Forgets the limiters so a test can change the environment; the counters go with them. */
export function resetApiLimitersForTests(): void {
  perKey = undefined;
  keyFailures = undefined;
}
