import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';

import { authenticateKey } from '@/lib/api/authenticate-key';
import type { KeyLookup } from '@/lib/api-keys/key-lookup';
import { logger } from '@/lib/logger';

import { callApi } from '../helpers/api-client';
import { makeApiKey, makeOrganisation } from '../helpers/fixtures';

let orgId: string;
let key: Awaited<ReturnType<typeof makeApiKey>>;

beforeAll(async () => {
  orgId = (await makeOrganisation()).id;
  key = await makeApiKey(orgId);
});

afterEach(() => {
  vi.restoreAllMocks();
});

const customers = () => `/api/v1/organisations/${orgId}/customers`;

function loggedRequests(spy: { mock: { calls: unknown[][] } }) {
  return spy.mock.calls
    .map((call) => call[0] as Record<string, unknown>)
    .filter((entry) => entry.event === 'api.request');
}

describe('one structured log line per API request', () => {
  it('names request, organisation, key, route, status and duration, never the key', async () => {
    const info = vi.spyOn(logger, 'info');
    const response = await callApi('GET', customers(), {
      key: key.plaintext,
      headers: { 'x-request-id': 'log-test-1' },
    });
    expect(response.status).toBe(200);

    const [entry, ...more] = loggedRequests(info);
    expect(more).toEqual([]);
    expect(entry).toMatchObject({
      request_id: 'log-test-1',
      method: 'GET',
      route: customers(),
      organisation_id: orgId,
      key_id: key.id,
      status: 200,
    });
    expect(typeof entry?.duration_ms).toBe('number');
    expect(JSON.stringify(info.mock.calls)).not.toContain(key.plaintext);
  });

  it('logs a refused key without its value', async () => {
    const info = vi.spyOn(logger, 'info');
    const guessed = 'sk_live_0123456789abcdef0123456789abcdef';
    expect((await callApi('GET', customers(), { key: guessed })).status).toBe(401);

    expect(loggedRequests(info)).toEqual([
      expect.objectContaining({ status: 401, key_id: null, organisation_id: null }),
    ]);
    expect(JSON.stringify(info.mock.calls)).not.toContain(guessed);
  });
});

describe('the format check', () => {
  it('refuses a malformed key before any lookup', async () => {
    const find = vi.fn(() => Promise.reject(new Error('the lookup must not run')));
    const lookup = { find } as unknown as KeyLookup;

    for (const value of [
      'sk_live_short',
      `sk_test_${'0'.repeat(32)}`,
      `sk_live_${'g'.repeat(32)}`,
    ]) {
      const request = new Request('http://localhost/x', { headers: { 'x-api-key': value } });
      await expect(authenticateKey(request, lookup)).rejects.toMatchObject({ status: 401 });
    }
    expect(find).not.toHaveBeenCalled();
  });
});
