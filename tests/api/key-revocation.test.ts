import { eq, sql } from 'drizzle-orm';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import { drizzle } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { getConnection, type Database } from '@/db/client';
import { revokeApiKey } from '@/db/queries/api-keys';
import * as schema from '@/db/schema';
import { hashApiKey } from '@/lib/api-keys/format';
import { createKeyLookup, type KeyLookup } from '@/lib/api-keys/key-lookup';
import { authenticateKey } from '@/lib/api/authenticate-key';
import { ApiError } from '@/lib/api/errors';

import { makeApiKey, makeMember, makeOrganisation } from '../helpers/fixtures';

// Two app instances: each with its own key cache and notification feed and, on a real server,
// its own connection pool and LISTEN connection, exactly what two `next start` processes have.
// The embedded database lives inside one process, so there both instances share it.
interface Instance {
  db: Database;
  lookup: KeyLookup;
  /** The instance's HTTP front: the guard's key check behind a real socket. */
  origin: string;
  close: () => Promise<void>;
}

const url = process.env.DATABASE_URL;

async function database(): Promise<{ db: Database; end: () => Promise<void> }> {
  if (!url) return { db: (await getConnection()).db, end: async () => undefined };

  const client = postgres(url, { max: 2, onnotice: () => undefined });
  return { db: drizzle(client, { schema }) as unknown as Database, end: () => client.end() };
}

// A client only sends its next request after the revocation's response reached it, so the
// next request arrives over a socket, as it does here, never in the same tick as the commit.
function serve(lookup: KeyLookup): Promise<Server> {
  const server = createServer((incoming, outgoing) => {
    const key = incoming.headers['x-api-key'];
    const request = new Request('http://localhost/api/v1/organisations/x/customers', {
      headers: typeof key === 'string' ? { 'x-api-key': key } : {},
    });
    authenticateKey(request, lookup).then(
      () => outgoing.writeHead(200).end(),
      (error: unknown) => outgoing.writeHead(error instanceof ApiError ? 401 : 500).end(),
    );
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

async function startInstance(cacheTtlMs: number): Promise<Instance> {
  const { db, end } = await database();
  const source = url ? { db, kind: 'postgres' as const, url } : { db, kind: 'pglite' as const };
  const lookup = await createKeyLookup({ ...source, cacheTtlMs });
  const server = await serve(lookup);
  const { port } = server.address() as AddressInfo;

  const close = async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    await lookup.close();
    await end();
  };
  return { db, lookup, origin: `http://127.0.0.1:${port}`, close };
}

async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 10));
}

async function statusOn(instance: Instance, key: string): Promise<number> {
  const response = await fetch(instance.origin, { headers: { 'x-api-key': key } });
  return response.status;
}

let orgId: string;
let adminId: string;

beforeAll(async () => {
  orgId = (await makeOrganisation()).id;
  adminId = (await makeMember(orgId, 'admin')).id;
});

/** Two instances for the tests of one describe block, closed after them. */
function twoInstances(cacheTtlMs: number) {
  const pair = {} as { a: Instance; b: Instance };
  beforeAll(async () => {
    [pair.a, pair.b] = await Promise.all([startInstance(cacheTtlMs), startInstance(cacheTtlMs)]);
  });
  afterAll(async () => {
    await Promise.all([pair.a.close(), pair.b.close()]);
  });
  return pair;
}

describe('revocation with the default configuration (no key cache)', () => {
  const pair = twoInstances(0);

  it('refuses a key revoked through one instance on the very next request to the other', async () => {
    const { a, b } = pair;
    // Many keys in a row, so that any window between the revocation and its effect would show.
    for (let round = 0; round < 25; round++) {
      const key = await makeApiKey(orgId);
      expect(await statusOn(a, key.plaintext)).toBe(200);
      expect(await statusOn(b, key.plaintext)).toBe(200);

      expect(await revokeApiKey(a.db, orgId, key.id, adminId)).not.toBeNull();

      expect(await statusOn(b, key.plaintext)).toBe(401);
      expect(await statusOn(a, key.plaintext)).toBe(401);
    }
  });
});

describe('revocation with the key cache on (API_KEY_CACHE_TTL_MS > 0)', () => {
  const pair = twoInstances(60_000);
  const cachedOn = (instance: Instance, plaintext: string) =>
    instance.lookup.cache.get(hashApiKey(plaintext)) !== undefined;

  beforeAll(async () => {
    await until(() => pair.a.lookup.cache.enabled && pair.b.lookup.cache.enabled);
  });

  it('serves a known key from the cache after the first lookup', async () => {
    const key = await makeApiKey(orgId);

    expect(await statusOn(pair.b, key.plaintext)).toBe(200);
    expect(pair.b.lookup.cache.get(hashApiKey(key.plaintext))).toEqual({
      id: key.id,
      organisationId: orgId,
    });
  });

  it('drops a key revoked through one instance from the other when the notice arrives', async () => {
    const { a, b } = pair;
    for (let round = 0; round < 10; round++) {
      const key = await makeApiKey(orgId);
      expect(await statusOn(b, key.plaintext)).toBe(200);
      expect(cachedOn(b, key.plaintext)).toBe(true);

      await revokeApiKey(a.db, orgId, key.id, adminId);
      // The notice travels on another connection: B refuses the key once it has arrived (the
      // TTL of 60 s would let it pass far longer if the notice were not what removed it).
      await until(() => !cachedOn(b, key.plaintext));
      expect(await statusOn(b, key.plaintext)).toBe(401);
    }
  });

  it('drops a key whose row is deleted', async () => {
    const key = await makeApiKey(orgId);
    expect(await statusOn(pair.b, key.plaintext)).toBe(200);

    await pair.a.db.delete(schema.apiKeys).where(eq(schema.apiKeys.id, key.id));
    await until(() => !cachedOn(pair.b, key.plaintext));
    expect(await statusOn(pair.b, key.plaintext)).toBe(401);
  });

  it.runIf(url)(
    'caches nothing while its notification connection is down, and resumes after',
    async () => {
      const { a, b } = pair;
      const key = await makeApiKey(orgId);
      expect(await statusOn(b, key.plaintext)).toBe(200);

      // Cut every listener of this database; instance B must not trust its cache meanwhile.
      await b.db.execute(
        sql.raw(`select pg_terminate_backend(pid) from pg_stat_activity
          where application_name = 'servicebay-portal-key-listener'
            and datname = current_database()`),
      );
      await until(() => !b.lookup.cache.enabled);
      expect(b.lookup.cache.size).toBe(0);

      await revokeApiKey(a.db, orgId, key.id, adminId);
      expect(await statusOn(b, key.plaintext)).toBe(401);

      await until(() => b.lookup.cache.enabled);
      const fresh = await makeApiKey(orgId);
      expect(await statusOn(b, fresh.plaintext)).toBe(200);
      expect(cachedOn(b, fresh.plaintext)).toBe(true);
    },
  );
});
