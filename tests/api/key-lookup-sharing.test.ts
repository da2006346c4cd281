import { setTimeout as delay } from 'node:timers/promises';

import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

import { getConnection } from '@/db/client';
import { insertApiKey, revokeApiKey } from '@/db/queries/api-keys';
import { generateApiKey } from '@/lib/api-keys/format';
import { createKeyLookup, type KeyLookup } from '@/lib/api-keys/key-lookup';
import { authenticateKey } from '@/lib/api/authenticate-key';

import { makeMember, makeOrganisation } from '../helpers/fixtures';

// Each key lookup answers 30 ms after the database read it, and is counted: a request sent
// right after a key changed then always finds a lookup of the same key under way from before.
const lookups = vi.hoisted(() => ({ count: 0 }));
vi.mock('@/db/queries/api-keys', async (importOriginal) => {
  const real = await importOriginal<typeof import('@/db/queries/api-keys')>();
  return {
    ...real,
    findActiveKeyByHash: async (...args: Parameters<typeof real.findActiveKeyByHash>) => {
      lookups.count += 1;
      const key = await real.findActiveKeyByHash(...args);
      await delay(30);
      return key;
    },
  };
});

let lookup: KeyLookup;

beforeAll(async () => {
  const { db, kind } = await getConnection();
  // The cache off: every request goes to the database, which is where reads are shared.
  lookup = await createKeyLookup({ db, kind, cacheTtlMs: 0 });
});

afterAll(() => lookup.close());

const request = (key: string) =>
  new Request('http://localhost/api/v1/organisations/x/customers', {
    headers: { 'x-api-key': key },
  });

const outcome = (key: string) =>
  authenticateKey(request(key), lookup).then(
    (active) => active.id,
    () => 'refused',
  );

/** Keeps lookups of `key` under way until the returned function is called. */
function poll(key: string): () => Promise<void> {
  let polling = true;
  const pollers = Array.from({ length: 4 }, async () => {
    while (polling) await outcome(key);
  });
  return async () => {
    polling = false;
    await Promise.all(pollers);
  };
}

describe('key lookups shared between concurrent requests', () => {
  it('answers a burst with one unknown key with one or two database reads', async () => {
    const unknown = generateApiKey().plaintext;
    lookups.count = 0;

    const outcomes = await Promise.all(Array.from({ length: 16 }, () => outcome(unknown)));

    expect(outcomes).toEqual(Array(16).fill('refused'));
    expect(lookups.count).toBeLessThanOrEqual(2);
  });

  it('lets a key work on the first request after it was created', async () => {
    const { db } = await getConnection();
    const organisationId = (await makeOrganisation()).id;
    const key = generateApiKey();
    const stop = poll(key.plaintext);

    try {
      await delay(10);
      const row = await insertApiKey(db, {
        organisationId,
        name: 'created-while-polled',
        keyHash: key.hash,
        lastFour: key.lastFour,
        createdByUserId: null,
      });
      expect(await outcome(key.plaintext)).toBe(row.id);
    } finally {
      await stop();
    }
  });

  it('refuses a key on the first request after it was revoked', async () => {
    const { db } = await getConnection();
    const organisationId = (await makeOrganisation()).id;
    const admin = await makeMember(organisationId, 'admin');
    const key = generateApiKey();
    const row = await insertApiKey(db, {
      organisationId,
      name: 'revoked-while-polled',
      keyHash: key.hash,
      lastFour: key.lastFour,
      createdByUserId: admin.id,
    });
    const stop = poll(key.plaintext);

    try {
      await delay(10);
      expect(await revokeApiKey(db, organisationId, row.id, admin.id)).not.toBeNull();
      expect(await outcome(key.plaintext)).toBe('refused');
    } finally {
      await stop();
    }
  });
});
