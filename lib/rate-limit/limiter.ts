import type { Redis } from 'ioredis';
import {
  RateLimiterMemory,
  RateLimiterRedis,
  RateLimiterRes,
  type RateLimiterAbstract,
} from 'rate-limiter-flexible';

import { env } from '@/lib/config/env';

import { redisClient } from './redis';

/** A named quota: `points` units per `durationSeconds`, as advertised in RateLimit-Policy. */
export interface Policy {
  name: string;
  points: number;
  durationSeconds: number;
  /** Once the quota is spent, refuse the key for this long instead of until the window ends. */
  blockSeconds?: number;
}

export type Limiter = RateLimiterAbstract;

/**
 * A limiter for one policy. With Redis every app instance shares the counters; an in-memory
 * limiter with the same policy takes over while Redis errors, so an outage of Redis loosens
 * limits to per-process ones rather than failing requests.
 */
export function createLimiter(
  policy: Policy,
  store: Redis | null = redisClient(),
  prefix = env().RATE_LIMIT_PREFIX,
): Limiter {
  const options = {
    keyPrefix: `${prefix}:rl:${policy.name}`,
    points: policy.points,
    duration: policy.durationSeconds,
    blockDuration: policy.blockSeconds ?? 0,
  };
  const memory = new RateLimiterMemory(options);
  if (!store) return memory;

  return new RateLimiterRedis({ ...options, storeClient: store, insuranceLimiter: memory });
}

/** rate-limiter-flexible rejects with a RateLimiterRes when over quota, an Error on failure. */
export function isOverQuota(rejection: unknown): rejection is RateLimiterRes {
  return rejection instanceof RateLimiterRes;
}

export function secondsUntil(result: RateLimiterRes): number {
  return Math.max(1, Math.ceil(result.msBeforeNext / 1000));
}
