import { setTimeout as delay } from 'node:timers/promises';

import { describe, expect, it, vi } from 'vitest';

import { callApi } from '../helpers/api-client';
import { makeApiKey, makeOrganisation } from '../helpers/fixtures';

// Each page read answers 40 ms after the database took its snapshot, so that a list sent right
// after a write always finds a read of the same page under way that began before the write.
vi.mock('@/db/queries/customers', async (importOriginal) => {
  const real = await importOriginal<typeof import('@/db/queries/customers')>();
  return {
    ...real,
    listCustomersPage: async (...args: Parameters<typeof real.listCustomersPage>) => {
      const page = await real.listCustomersPage(...args);
      await delay(40);
      return page;
    },
  };
});

describe('GET /customers under concurrent polling of one page', () => {
  it('shows a customer on the very next list after it was created', async () => {
    const orgId = (await makeOrganisation()).id;
    const key = (await makeApiKey(orgId)).plaintext;
    const path = `/api/v1/organisations/${orgId}/customers`;
    const list = () => callApi('GET', path, { key, query: 'limit=10' });
    let polling = true;
    const pollers = Array.from({ length: 4 }, async () => {
      while (polling) expect((await list()).status).toBe(200);
    });

    try {
      for (let round = 0; round < 5; round += 1) {
        const created = await callApi('POST', path, { key, body: { name: `r${round}` } });
        const page = await list();
        expect(page.json.data[0]).toMatchObject({ id: created.json.id, name: `r${round}` });
      }
    } finally {
      polling = false;
      await Promise.all(pollers);
    }
  });
});
