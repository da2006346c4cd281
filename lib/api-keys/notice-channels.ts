import postgres from 'postgres';

import type { Database } from '@/db/client';

/** Set by the api_keys triggers (migrations 0001 and 0004); payload "<change number>:<key id>". */
export const KEY_CHANGED_CHANNEL = 'api_key_changed';

export interface NoticeHandlers {
  onNotice: (payload: string) => void;
  /** The listening connection closed: notices sent from now on until `listen` are lost. */
  onLost: () => void;
}

/**
 * The connection a cache membership lives on: it LISTENs, and the membership's lease renewals
 * and acknowledgements run on it too, so a renewal that succeeds proves this very connection is
 * alive, not merely some connection of the pool.
 */
export interface NoticeChannel {
  db: Database;
  /** Subscribes on the current connection; call again after `onLost`. */
  listen: () => Promise<void>;
  /** Drops the connection (a stalled one) so that the next statement opens a fresh one. */
  reset: () => Promise<void>;
  close: () => Promise<void>;
}

type OnNotify = (channel: string, payload: string) => void;

export async function postgresChannel(
  url: string,
  handlers: NoticeHandlers,
): Promise<NoticeChannel> {
  const { drizzle } = await import('drizzle-orm/postgres-js');
  const schema = await import('@/db/schema');

  // `onnotify` is the per-connection hook postgres.js's own listen() is built on; it is not in
  // the typings. listen() itself is not used because it re-subscribes behind our back, and the
  // membership must know when notices may have been missed.
  const options: postgres.Options<Record<string, never>> & { onnotify: OnNotify } = {
    max: 1,
    max_lifetime: null,
    idle_timeout: 0,
    fetch_types: false,
    connect_timeout: 5,
    onnotice: () => undefined,
    connection: { application_name: 'servicebay-portal-key-listener' },
    onnotify: (channel, payload) => {
      if (channel === KEY_CHANGED_CHANNEL) handlers.onNotice(payload);
    },
    onclose: () => handlers.onLost(),
  };

  let sql = postgres(url, options);
  const channel: NoticeChannel = {
    db: drizzle(sql, { schema }) as unknown as Database,
    listen: async () => {
      await sql.unsafe(`listen ${KEY_CHANGED_CHANNEL}`);
    },
    reset: async () => {
      const stalled = sql;
      sql = postgres(url, options);
      channel.db = drizzle(sql, { schema }) as unknown as Database;
      handlers.onLost();
      await stalled.end({ timeout: 0 });
    },
    close: () => sql.end({ timeout: 5 }),
  };
  return channel;
}

interface Listenable {
  listen: (channel: string, callback: (payload: string) => void) => Promise<() => Promise<void>>;
}

export function isListenable(client: unknown): client is Listenable {
  return typeof (client as Partial<Listenable> | null)?.listen === 'function';
}

/**
 * The embedded database runs inside this process, so its connection cannot be lost: the same
 * triggers reach the cache through PGlite's listen(), and the membership's statements share the
 * app's handle.
 */
export function pgliteChannel(
  db: Database,
  client: Listenable,
  handlers: NoticeHandlers,
): NoticeChannel {
  let unlisten: (() => Promise<void>) | undefined;
  return {
    db,
    listen: async () => {
      unlisten ??= await client.listen(KEY_CHANGED_CHANNEL, handlers.onNotice);
    },
    reset: async () => undefined,
    close: async () => {
      await unlisten?.();
      unlisten = undefined;
    },
  };
}
