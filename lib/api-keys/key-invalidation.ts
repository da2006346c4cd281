import postgres from 'postgres';

import { logger } from '@/lib/logger';

import type { KeyCache } from './key-cache';

/** Set by the api_keys triggers (migration 0001) with the changed key's id as payload. */
export const KEY_CHANGED_CHANNEL = 'api_key_changed';

const RETRY_MS = 1_000;

type OnNotify = (channel: string, payload: string) => void;

export interface InvalidationFeed {
  close: () => Promise<void>;
}

/**
 * A dedicated connection that LISTENs for key changes. Notices are lost while it is down, so
 * the cache is switched off on close and switched back on (empty) only once LISTEN succeeded
 * again. A silently dead TCP connection is the one case left to the cache's TTL.
 */
export function listenOnPostgres(url: string, cache: KeyCache): InvalidationFeed {
  let closed = false;
  let retry: NodeJS.Timeout | undefined;

  // `onnotify` is the per-connection hook postgres.js's own listen() is built on; it is not in
  // the typings. listen() itself is not used because it reconnects behind our back, and a
  // cache must know when notices may have been missed.
  const options: postgres.Options<Record<string, never>> & { onnotify: OnNotify } = {
    max: 1,
    max_lifetime: null,
    fetch_types: false,
    connect_timeout: 5,
    onnotice: () => undefined,
    connection: { application_name: 'servicebay-portal-key-listener' },
    onnotify: (channel, payload) => {
      if (channel === KEY_CHANGED_CHANNEL) cache.invalidate(payload);
    },
    onclose: () => {
      cache.disconnected();
      scheduleRetry();
    },
  };
  const sql = postgres(url, options);

  async function subscribe(): Promise<void> {
    try {
      await sql.unsafe(`listen ${KEY_CHANGED_CHANNEL}`);
      if (!closed) cache.connected();
      logger.debug({ event: 'api_key_cache.listening' }, 'key cache receives revocations');
    } catch (error) {
      cache.disconnected();
      logger.warn({ event: 'api_key_cache.listen_failed', err: error }, 'key cache is off');
      scheduleRetry();
    }
  }

  function scheduleRetry(): void {
    if (closed) return;
    clearTimeout(retry);
    retry = setTimeout(() => void subscribe(), RETRY_MS).unref();
  }

  void subscribe();
  return {
    close: async () => {
      closed = true;
      clearTimeout(retry);
      cache.disconnected();
      await sql.end({ timeout: 5 });
    },
  };
}

interface Listenable {
  listen: (channel: string, callback: (payload: string) => void) => Promise<() => Promise<void>>;
}

function isListenable(client: unknown): client is Listenable {
  return typeof (client as Partial<Listenable> | null)?.listen === 'function';
}

/**
 * The embedded database runs inside this process, so its notices cannot be lost: the same
 * triggers reach the cache through PGlite's listen(). Without it the cache simply stays off.
 */
export async function listenOnPglite(client: unknown, cache: KeyCache): Promise<InvalidationFeed> {
  if (!isListenable(client)) return { close: async () => cache.disconnected() };

  const unlisten = await client.listen(KEY_CHANGED_CHANNEL, (payload) => cache.invalidate(payload));
  cache.connected();
  return {
    close: async () => {
      cache.disconnected();
      await unlisten();
    },
  };
}
