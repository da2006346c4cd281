import { Redis } from 'ioredis';

import { env } from '@/lib/config/env';
import { logger } from '@/lib/logger';

// One connection per process, cached on globalThis so `next dev` reloads do not open more.
const globalForRedis = globalThis as unknown as { servicebayRedis?: Redis | null };

/**
 * Commands fail at once while Redis is unreachable (no offline queue, one retry), so a limiter
 * falls back to its in-memory insurance instead of holding a request until Redis returns.
 */
export function connectRedis(url: string): Redis {
  const client = new Redis(url, {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    connectTimeout: 2_000,
  });

  let lastError = '';
  client.on('error', (error: Error) => {
    // Reconnection attempts repeat the same error; one log line per distinct message is enough.
    if (error.message === lastError) return;
    lastError = error.message;
    logger.warn({ event: 'redis.error', err: error }, 'redis connection error');
  });
  client.on('ready', () => {
    lastError = '';
    logger.info({ event: 'redis.ready' }, 'redis connected');
  });
  return client;
}

/** The shared Redis connection when REDIS_URL is set; null means limits live in this process. */
export function redisClient(): Redis | null {
  if (globalForRedis.servicebayRedis === undefined) {
    const url = env().REDIS_URL;
    globalForRedis.servicebayRedis = url ? connectRedis(url) : null;
  }
  return globalForRedis.servicebayRedis;
}

/**
 * Waits (at most timeoutMs) for the shared connection to be ready. Called at server start: with
 * no offline queue, commands sent before the connection is up would go to the in-memory
 * fallback and split the count between two stores.
 */
export async function redisReady(timeoutMs = 2_000): Promise<boolean> {
  const client = redisClient();
  if (!client) return false;
  if (client.status === 'ready') return true;

  return new Promise<boolean>((resolve) => {
    const timer = setTimeout(() => finish(false), timeoutMs);
    function finish(ready: boolean) {
      clearTimeout(timer);
      client?.off('ready', onReady);
      resolve(ready);
    }
    function onReady() {
      finish(true);
    }
    client.once('ready', onReady);
  });
}

export async function closeRedis(): Promise<void> {
  const client = globalForRedis.servicebayRedis;
  globalForRedis.servicebayRedis = undefined;
  if (client) await client.quit().catch(() => client.disconnect());
}
