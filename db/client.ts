import path from 'node:path';

import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';

import { env } from '@/lib/config/env';
import { logger } from '@/lib/logger';

import * as schema from './schema';

export type Schema = typeof schema;
export type Database = PgDatabase<PgQueryResultHKT, Schema>;

interface Connection {
  db: Database;
  kind: 'postgres' | 'pglite';
  close: () => Promise<void>;
}

export const migrationsFolder = path.join(process.cwd(), 'db', 'migrations');

async function connectPostgres(url: string): Promise<Connection> {
  const { default: postgres } = await import('postgres');
  const { drizzle } = await import('drizzle-orm/postgres-js');

  // Bounded waits: a database that is down or stuck must not hold requests forever. A network
  // that stalls an open connection is bounded by the request deadline (lib/api/deadline.ts)
  // instead: around every API request, and around the session and membership reads that every
  // page and action starts with (lib/auth/session.ts).
  // Known gap: a stall that begins after those first reads leaves that one page waiting until
  // the socket gives up. Fix: race the remaining page reads against the same deadline, or end
  // the pool's sockets when /api/ready's probe times out.
  const config = env();
  const sql = postgres(url, {
    max: config.DATABASE_POOL_SIZE,
    connect_timeout: config.DATABASE_CONNECT_TIMEOUT_SECONDS,
    idle_timeout: 60,
    onnotice: () => undefined,
    connection: {
      statement_timeout: config.DATABASE_STATEMENT_TIMEOUT_MS,
      application_name: 'servicebay-portal',
      // Times read as text (customers' columns) then arrive in the form the API turns into
      // ISO 8601 without a Date per value, whatever the server's own time zone is.
      TimeZone: 'UTC',
    },
  });
  const db = drizzle(sql, { schema }) as unknown as Database;

  return { db, kind: 'postgres', close: () => sql.end({ timeout: 5 }) };
}

async function connectPglite(dataDir: string): Promise<Connection> {
  const { PGlite } = await import('@electric-sql/pglite');
  const { drizzle } = await import('drizzle-orm/pglite');
  const { migrate } = await import('drizzle-orm/pglite/migrator');
  const { mkdir } = await import('node:fs/promises');

  const inMemory = dataDir.startsWith('memory://');
  // PGlite creates its data folder but not the folder's parent.
  if (!inMemory) await mkdir(path.dirname(path.resolve(dataDir)), { recursive: true });

  const client = await PGlite.create(inMemory ? dataDir : path.resolve(dataDir));
  const db = drizzle(client, { schema });

  // The embedded database is the zero-configuration path: it keeps itself migrated.
  await migrate(db, { migrationsFolder });

  return { db: db as unknown as Database, kind: 'pglite', close: () => client.close() };
}

async function connect(): Promise<Connection> {
  const { DATABASE_URL, PGLITE_DATA_DIR } = env();
  const connection = DATABASE_URL
    ? await connectPostgres(DATABASE_URL)
    : await connectPglite(PGLITE_DATA_DIR);

  logger.info({ event: 'db.connected', kind: connection.kind }, 'database connected');
  return connection;
}

// Cached on globalThis so that `next dev` hot reloads reuse one pool (or one embedded database)
// instead of opening a new one on every edit.
const globalForDb = globalThis as unknown as { servicebayDb?: Promise<Connection> };

export function getConnection(): Promise<Connection> {
  globalForDb.servicebayDb ??= connect().catch((error: unknown) => {
    globalForDb.servicebayDb = undefined;
    throw error;
  });
  return globalForDb.servicebayDb;
}

export async function getDb(): Promise<Database> {
  return (await getConnection()).db;
}

export async function closeDb(): Promise<void> {
  const pending = globalForDb.servicebayDb;
  globalForDb.servicebayDb = undefined;
  if (pending) await (await pending).close();
}
