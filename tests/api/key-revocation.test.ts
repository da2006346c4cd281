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
import { CacheMembership, type CacheTiming } from '@/lib/api-keys/cache-membership';
import { KeyCache } from '@/lib/api-keys/key-cache';
import { createKeyLookup, KeyLookup } from '@/lib/api-keys/key-lookup';
import {
  isListenable,
  pgliteChannel,
  postgresChannel,
  type NoticeChannel,
} from '@/lib/api-keys/notice-channels';
import { revokeKey } from '@/lib/api-keys/revoke-key';
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

/**
 * An instance whose notices are lost (`lateByMs` null), so that only its lease renewals tell it
 * about changes, or arrive late, as on a loaded machine.
 */
async function deafLookup(
  db: Database,
  timing: CacheTiming,
  lateByMs: number | null,
): Promise<KeyLookup> {
  const cache = new KeyCache({ ttlMs: 60_000, maxEntries: 1_000 });
  const wired: { membership?: CacheMembership } = {};
  const handlers = {
    onNotice: (payload: string) => {
      if (lateByMs !== null) setTimeout(() => wired.membership?.onNotice(payload), lateByMs);
    },
    onLost: () => wired.membership?.onLost(),
  };
  const client = (db as unknown as { $client: unknown }).$client;
  let channel: NoticeChannel;
  if (url) channel = await postgresChannel(url, handlers);
  else if (isListenable(client)) channel = pgliteChannel(db, client, handlers);
  else throw new Error('the embedded database cannot listen');

  const membership = new CacheMembership(channel, cache, timing);
  wired.membership = membership;
  membership.start();
  return new KeyLookup(db, cache, membership);
}

// Short leases keep the tests quick; production renews every second with a 5 s lease.
const fastTiming: CacheTiming = { heartbeatMs: 100, leaseMs: 2_000 };

async function startInstance(
  cacheTtlMs: number,
  timing?: CacheTiming,
  options: { noticesLateByMs?: number | null } = {},
): Promise<Instance> {
  const { db, end } = await database();
  const source = url ? { db, kind: 'postgres' as const, url } : { db, kind: 'pglite' as const };
  const lookup =
    options.noticesLateByMs !== undefined
      ? await deafLookup(db, timing ?? fastTiming, options.noticesLateByMs)
      : await createKeyLookup({ ...source, cacheTtlMs, timing });
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

function revocation(keyId: string) {
  const client = { clientAddress: null, userAgent: 'key-revocation test' };
  return { organisationId: orgId, keyId, actorUserId: adminId, client };
}

beforeAll(async () => {
  orgId = (await makeOrganisation()).id;
  adminId = (await makeMember(orgId, 'admin')).id;
});

/** Two instances for the tests of one describe block, closed after them. */
function twoInstances(cacheTtlMs: number, timing?: CacheTiming) {
  const pair = {} as { a: Instance; b: Instance };
  beforeAll(async () => {
    [pair.a, pair.b] = await Promise.all([
      startInstance(cacheTtlMs, timing),
      startInstance(cacheTtlMs, timing),
    ]);
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

describe('revocation with the key cache on (the default)', () => {
  const pair = twoInstances(60_000, fastTiming);
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

  it('refuses a key revoked through one instance on the very next request to the other', async () => {
    const { a, b } = pair;
    for (let round = 0; round < 25; round++) {
      const key = await makeApiKey(orgId);
      expect(await statusOn(a, key.plaintext)).toBe(200);
      expect(await statusOn(b, key.plaintext)).toBe(200);
      expect(cachedOn(b, key.plaintext)).toBe(true);

      await revokeKey(a.db, revocation(key.id));

      // No waiting here: revokeKey returned only once B confirmed it dropped the key.
      expect(await statusOn(b, key.plaintext)).toBe(401);
      expect(await statusOn(a, key.plaintext)).toBe(401);
    }
  });

  it('keeps no entry for a revoked key, however often it is sent', async () => {
    const key = await makeApiKey(orgId);
    await revokeKey(pair.a.db, revocation(key.id));

    for (let attempt = 0; attempt < 3; attempt++) {
      expect(await statusOn(pair.b, key.plaintext)).toBe(401);
      expect(cachedOn(pair.b, key.plaintext)).toBe(false);
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
    'caches nothing while its listening connection is down, and resumes after',
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

      await revokeKey(a.db, revocation(key.id));
      expect(await statusOn(b, key.plaintext)).toBe(401);

      await until(() => b.lookup.cache.enabled);
      const fresh = await makeApiKey(orgId);
      expect(await statusOn(b, fresh.plaintext)).toBe(200);
      expect(cachedOn(b, fresh.plaintext)).toBe(true);
    },
  );
});

/**
 * B caches a key, A revokes it through the portal's path, and B's very next request is refused
 * with no waiting in between; closes both instances.
 */
async function expectRevokedThroughAIsRefusedByB(a: Instance, b: Instance): Promise<void> {
  try {
    await until(() => b.lookup.cache.enabled);
    const key = await makeApiKey(orgId);
    expect(await statusOn(b, key.plaintext)).toBe(200);
    expect(b.lookup.cache.get(hashApiKey(key.plaintext))).toBeDefined();

    await revokeKey(a.db, revocation(key.id));
    expect(await statusOn(b, key.plaintext)).toBe(401);
  } finally {
    await Promise.all([a.close(), b.close()]);
  }
}

describe('key cache leases', () => {
  it('catches up on a lost notice at the next renewal, before the revocation returns', async () => {
    const a = await startInstance(60_000, fastTiming);
    // B listens but drops every notice, as on a connection that lost them.
    const b = await startInstance(60_000, fastTiming, { noticesLateByMs: null });
    await expectRevokedThroughAIsRefusedByB(a, b);
  });

  it('waits for an instance whose notices arrive late', async () => {
    const a = await startInstance(60_000, fastTiming);
    // Renewals every 10 s: only the late notice can tell B about the revocation in time.
    const b = await startInstance(
      60_000,
      { heartbeatMs: 10_000, leaseMs: 30_000 },
      { noticesLateByMs: 300 },
    );
    await expectRevokedThroughAIsRefusedByB(a, b);
  });

  it('does not wait for an instance that left', async () => {
    const a = await startInstance(60_000, fastTiming);
    const b = await startInstance(60_000, { heartbeatMs: 60_000, leaseMs: 600_000 });
    await until(() => b.lookup.cache.enabled);
    await b.close();

    const key = await makeApiKey(orgId);
    const startedAt = performance.now();
    await revokeKey(a.db, revocation(key.id));
    expect(performance.now() - startedAt).toBeLessThan(5_000);
    await a.close();
  });

  it.runIf(url)(
    'skips an instance whose lease ran out, which by then serves nothing from its cache',
    async () => {
      const a = await startInstance(60_000, fastTiming);
      const b = await startInstance(60_000, { heartbeatMs: 100, leaseMs: 1_500 });
      const locker = postgres(url as string, { max: 1, onnotice: () => undefined });
      try {
        await until(() => b.lookup.cache.enabled);
        const key = await makeApiKey(orgId);
        expect(await statusOn(b, key.plaintext)).toBe(200);
        const id = b.lookup.membership?.id as string;

        // Hold B's lease row: its renewals (and acknowledgements) stall, as on a hung network.
        await locker.begin(async (tx) => {
          await tx`select 1 from key_cache_instances where id = ${id} for update`;
          const startedAt = performance.now();
          await revokeKey(a.db, revocation(key.id));
          const waitedMs = performance.now() - startedAt;

          // The revocation waited for B's lease to end, and B had stopped trusting its cache.
          expect(waitedMs).toBeGreaterThan(300);
          expect(b.lookup.cache.enabled).toBe(false);
          expect(await statusOn(b, key.plaintext)).toBe(401);
        });

        await until(() => b.lookup.cache.enabled);
        expect(await statusOn(b, key.plaintext)).toBe(401);
      } finally {
        await locker.end();
        await Promise.all([a.close(), b.close()]);
      }
    },
  );
});
