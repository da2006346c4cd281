import { randomUUID } from 'node:crypto';

import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createLimiter, isOverQuota, type Limiter } from '@/lib/rate-limit/limiter';
import { connectRedis } from '@/lib/rate-limit/redis';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

async function ready(client: Redis): Promise<boolean> {
  if (client.status === 'ready') return true;
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), 2_000);
    client.once('ready', () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

// Two app instances are two processes with their own connection and their own limiter object;
// here, two connections and two limiters built exactly as each instance builds its own.
const first = connectRedis(REDIS_URL);
const second = connectRedis(REDIS_URL);
const reachable = (await ready(first)) && (await ready(second));
if (!reachable) {
  first.disconnect();
  second.disconnect();
}

async function outcome(limiter: Limiter, key: string): Promise<'allowed' | 'refused'> {
  try {
    await limiter.consume(key);
    return 'allowed';
  } catch (rejection) {
    if (isOverQuota(rejection)) return 'refused';
    throw rejection;
  }
}

describe.runIf(reachable)('limits shared through Redis', () => {
  const prefix = `test-shared-${randomUUID()}`;
  const policy = { name: 'per-key', points: 4, durationSeconds: 60 };
  let instanceA: Limiter;
  let instanceB: Limiter;

  beforeAll(() => {
    instanceA = createLimiter(policy, first, prefix);
    instanceB = createLimiter(policy, second, prefix);
  });

  afterAll(async () => {
    const keys = await first.keys(`${prefix}:*`);
    if (keys.length > 0) await first.del(...keys);
    await Promise.all([first.quit(), second.quit()]);
  });

  it('counts requests to either instance against one quota', async () => {
    const key = randomUUID();
    const seen = [];
    for (const limiter of [instanceA, instanceB, instanceA, instanceB, instanceA, instanceB]) {
      seen.push(await outcome(limiter, key));
    }
    expect(seen).toEqual(['allowed', 'allowed', 'allowed', 'allowed', 'refused', 'refused']);
  });

  it('reports the same remaining quota on both instances', async () => {
    const key = randomUUID();
    await instanceA.consume(key);
    await instanceA.consume(key);
    expect((await instanceB.get(key))?.remainingPoints).toBe(2);
  });
});

describe('when Redis is unreachable', () => {
  it('falls back to counting in memory instead of failing requests', async () => {
    const dead = connectRedis('redis://127.0.0.1:5449');
    const limiter = createLimiter({ name: 'per-key', points: 2, durationSeconds: 60 }, dead);
    try {
      const key = randomUUID();
      expect(await outcome(limiter, key)).toBe('allowed');
      expect(await outcome(limiter, key)).toBe('allowed');
      expect(await outcome(limiter, key)).toBe('refused');
    } finally {
      dead.disconnect();
    }
  });
});
