import { beforeAll, describe, expect, it, vi } from 'vitest';

import { redisReady } from '@/lib/rate-limit/redis';

import { callApi } from '../helpers/api-client';
import { makeApiKey, makeOrganisation } from '../helpers/fixtures';

// Small limits so that the test can reach them; read once when the limiters are first built.
vi.hoisted(() => {
  process.env.API_RATE_LIMIT_PER_MINUTE = '3';
  process.env.API_KEY_FAILURES_PER_MINUTE = '2';
  process.env.TRUST_PROXY = 'true';
});

let orgId: string;
const customersOf = (id: string) => `/api/v1/organisations/${id}/customers`;
const from = (address: string) => ({ 'x-forwarded-for': `203.0.113.99, ${address}` });

beforeAll(async () => {
  // With REDIS_URL set, count in Redis from the first request on.
  await redisReady();
  orgId = (await makeOrganisation()).id;
});

describe('per-key rate limit', () => {
  it('advertises the policy and what is left, then refuses with 429 and Retry-After', async () => {
    const key = await makeApiKey(orgId);
    const call = () => callApi('GET', customersOf(orgId), { key: key.plaintext });

    const first = await call();
    expect(first.status).toBe(200);
    expect(first.headers.get('ratelimit-policy')).toBe('"per-key";q=3;w=60');
    expect(first.headers.get('ratelimit')).toMatch(/^"per-key";r=2;t=\d+$/);

    await call();
    const third = await call();
    expect(third.headers.get('ratelimit')).toMatch(/^"per-key";r=0;t=\d+$/);

    const refused = await call();
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(refused.headers.get('ratelimit')).toMatch(/^"per-key";r=0;t=\d+$/);
    expect(refused.headers.get('content-type')).toBe('application/problem+json; charset=utf-8');
    expect(refused.json).toMatchObject({
      type: 'https://docs.servicebay.dev/problems/rate-limited',
      status: 429,
      detail: 'This API key may make 3 requests per minute; wait before retrying.',
    });
  });

  it('counts each key on its own', async () => {
    const busy = await makeApiKey(orgId);
    for (let i = 0; i < 4; i += 1)
      await callApi('GET', customersOf(orgId), { key: busy.plaintext });

    const quiet = await makeApiKey(orgId);
    const response = await callApi('GET', customersOf(orgId), { key: quiet.plaintext });
    expect(response.status).toBe(200);
  });

  it('counts requests to another organisation too, and puts the headers on the 403', async () => {
    const key = await makeApiKey(orgId);
    const other = (await makeOrganisation()).id;
    const response = await callApi('GET', customersOf(other), { key: key.plaintext });
    expect(response.status).toBe(403);
    expect(response.headers.get('ratelimit')).toMatch(/^"per-key";r=2;t=\d+$/);
  });
});

describe('failed key checks per client address', () => {
  const wrongKey = 'sk_live_00000000000000000000000000000000';

  it('throttles an address after too many failures, even for a valid key', async () => {
    const valid = await makeApiKey(orgId);
    const guess = () =>
      callApi('GET', customersOf(orgId), { key: wrongKey, headers: from('198.51.100.7') });

    expect((await guess()).status).toBe(401);
    expect((await guess()).status).toBe(401);
    expect((await guess()).status).toBe(401);

    const blocked = await guess();
    expect(blocked.status).toBe(429);
    expect(blocked.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(blocked.headers.get('ratelimit-policy')).toBe('"key-failures";q=2;w=60');
    expect(blocked.json).toMatchObject({
      status: 429,
      detail: 'Too many failed API key checks from this address; wait before retrying.',
    });

    const fromSameAddress = await callApi('GET', customersOf(orgId), {
      key: valid.plaintext,
      headers: from('198.51.100.7'),
    });
    expect(fromSameAddress.status).toBe(429);
  });

  it('leaves other addresses alone', async () => {
    for (let i = 0; i < 4; i += 1) {
      await callApi('GET', customersOf(orgId), { key: wrongKey, headers: from('198.51.100.8') });
    }
    const other = await callApi('GET', customersOf(orgId), {
      key: wrongKey,
      headers: from('198.51.100.9'),
    });
    expect(other.status).toBe(401);
  });

  it('counts malformed and missing keys as failures', async () => {
    const headers = from('198.51.100.10');
    await callApi('GET', customersOf(orgId), { headers });
    await callApi('GET', customersOf(orgId), { key: 'sk_live_short', headers });
    await callApi('GET', customersOf(orgId), { key: 'nonsense', headers });

    expect((await callApi('GET', customersOf(orgId), { headers })).status).toBe(429);
  });

  it('takes the address the trusted proxy appended, not one the client wrote', async () => {
    for (let i = 0; i < 3; i += 1) {
      await callApi('GET', customersOf(orgId), {
        key: wrongKey,
        headers: { 'x-forwarded-for': `10.0.0.${i}, 198.51.100.11` },
      });
    }
    const rotated = await callApi('GET', customersOf(orgId), {
      key: wrongKey,
      headers: { 'x-forwarded-for': '10.9.9.9, 198.51.100.11' },
    });
    expect(rotated.status).toBe(429);
  });
});
