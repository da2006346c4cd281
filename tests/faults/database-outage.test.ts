import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

import { closeDb, getDb } from '@/db/client';
import { migratePostgres } from '@/db/migrate';
import { isDatabaseUnavailable } from '@/lib/api/database-errors';
import { toApiError } from '@/lib/api/problem';

import { sendToApi } from '../helpers/api-router';
import { makeApiKey, makeOrganisation } from '../helpers/fixtures';
import { TcpProxy } from '../helpers/tcp-proxy';

// The app talks to a throwaway database through a proxy this test controls; the shared server
// itself is never stopped. Short timeouts keep the test quick; the bounds are what is tested.
const setup = vi.hoisted(() => {
  const saved = { ...process.env };
  const admin = process.env.PG_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const database = `sb_harden_faults_${process.pid}_${Date.now()}`;
  const proxyPort = 5441;
  const direct = new URL(admin);
  direct.pathname = `/${database}`;
  const viaProxy = new URL(direct);
  viaProxy.host = `127.0.0.1:${proxyPort}`;

  process.env.DATABASE_URL = viaProxy.toString();
  process.env.DATABASE_POOL_SIZE = '3';
  process.env.DATABASE_CONNECT_TIMEOUT_SECONDS = '1';
  process.env.DATABASE_STATEMENT_TIMEOUT_MS = '1000';
  process.env.API_REQUEST_TIMEOUT_MS = '2500';
  return { saved, admin, database, proxyPort, direct: direct.toString(), target: new URL(admin) };
});

async function serverReachable(): Promise<boolean> {
  const probe = postgres(setup.admin, { max: 1, connect_timeout: 2, onnotice: () => undefined });
  try {
    await probe`select 1`;
    return true;
  } catch {
    return false;
  } finally {
    await probe.end({ timeout: 1 });
  }
}

const reachable = await serverReachable();
const adminSql = () => postgres(setup.admin, { max: 1, onnotice: () => undefined });
const proxy = new TcpProxy(setup.proxyPort, {
  host: setup.target.hostname,
  port: Number(setup.target.port || 5432),
});

let orgId: string;
let key: string;

const customers = () => `/api/v1/organisations/${orgId}/customers`;
const get = (path: string) =>
  sendToApi(new Request(`http://localhost${path}`, { headers: { 'x-api-key': key } }));

async function expectUnavailable(response: Response) {
  expect(response.status).toBe(503);
  expect(response.headers.get('retry-after')).toMatch(/^\d+$/);
  expect(response.headers.get('content-type')).toBe('application/problem+json; charset=utf-8');
  expect(await response.json()).toMatchObject({ status: 503 });
}

async function expectRecovered() {
  await vi.waitFor(
    async () => {
      expect((await get(customers())).status).toBe(200);
      expect((await sendToApi(new Request('http://localhost/api/ready'))).status).toBe(200);
    },
    { timeout: 15_000, interval: 250 },
  );
}

async function errorOf(work: () => Promise<unknown>): Promise<unknown> {
  try {
    await work();
  } catch (error) {
    return error;
  }
  throw new Error('expected the database call to fail');
}

describe.runIf(reachable)('PostgreSQL outages (through a proxy the test cuts)', () => {
  beforeAll(async () => {
    const admin = adminSql();
    await admin.unsafe(`create database "${setup.database}"`);
    await admin.end();
    await migratePostgres(setup.direct);
    await proxy.start();

    orgId = (await makeOrganisation()).id;
    key = (await makeApiKey(orgId)).plaintext;
  }, 60_000);

  afterAll(async () => {
    await proxy.stop();
    await closeDb();
    const admin = adminSql();
    await admin.unsafe(`drop database if exists "${setup.database}" with (force)`);
    await admin.end();
    process.env = setup.saved;
  });

  it('serves normally through the proxy', async () => {
    expect((await get(customers())).status).toBe(200);
  });

  it('answers 503 with Retry-After while the server is gone, and recovers by itself', async () => {
    await proxy.cut();

    const api = await get(customers());
    await expectUnavailable(api);
    expect(await (await get(customers())).json()).toMatchObject({
      type: 'https://docs.servicebay.dev/problems/service-unavailable',
      status: 503,
      detail: 'The database is unavailable; try again shortly.',
    });

    const ready = await sendToApi(new Request('http://localhost/api/ready'));
    expect(ready.status).toBe(503);
    expect(ready.headers.get('content-type')).toBe('application/problem+json; charset=utf-8');
    expect(ready.headers.get('retry-after')).toBe('5');
    expect(await ready.json()).toMatchObject({
      status: 503,
      detail: 'The database is not reachable.',
    });
    // Liveness does not depend on the database: a load balancer keeps the instance.
    expect((await sendToApi(new Request('http://localhost/api/health'))).status).toBe(200);

    await proxy.restore();
    await expectRecovered();
  });

  it('answers 503 within the request deadline when the network stalls, then recovers', async () => {
    await proxy.stall();

    await expectUnavailable(await get(customers()));
    expect((await sendToApi(new Request('http://localhost/api/ready'))).status).toBe(503);

    await proxy.restore();
    await expectRecovered();
  });

  it('classifies the real postgres.js errors of each failure as "unavailable"', async () => {
    const db = await getDb();
    const seen: string[] = [];
    const record = (error: unknown) => {
      seen.push(String((error as { code?: unknown }).code ?? (error as Error).cause));
      expect(isDatabaseUnavailable(error)).toBe(true);
      expect(toApiError(error).status).toBe(503);
    };

    // A statement over statement_timeout: 57014 from the server.
    record(await errorOf(() => db.execute(sql`select pg_sleep(3)`)));

    // Connections closed under the pool, then refused.
    await proxy.cut();
    record(await errorOf(() => db.execute(sql`select 1`)));
    record(await errorOf(() => db.execute(sql`select 1`)));
    await proxy.restore();
    await expectRecovered();

    // A server that accepts the connection but never answers: CONNECT_TIMEOUT after
    // DATABASE_CONNECT_TIMEOUT_SECONDS, seen on a fresh client as the pool would see it.
    proxy.stall();
    const stalled = postgres(process.env.DATABASE_URL ?? '', { max: 1, connect_timeout: 1 });
    record(await errorOf(() => stalled`select 1`));
    await stalled.end({ timeout: 1 });
    await proxy.restore();

    expect(seen).toEqual([
      expect.stringContaining('statement timeout'),
      // Which comes first depends on when the pool notices its sockets closed.
      expect.stringMatching(/CONNECTION_CLOSED|ECONNRESET|ECONNREFUSED/),
      expect.stringMatching(/CONNECTION_CLOSED|ECONNRESET|ECONNREFUSED/),
      'CONNECT_TIMEOUT',
    ]);
  }, 30_000);
});
