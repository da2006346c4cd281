import { randomUUID } from 'node:crypto';

import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';

import { getDb } from '@/db/client';
import { apiKeys } from '@/db/schema';
import { lastUsed } from '@/lib/api-keys/last-used';
import { revokeKey } from '@/lib/api-keys/revoke-key';

import { callApi } from '../helpers/api-client';
import { makeApiKey, makeMember, makeOrganisation } from '../helpers/fixtures';

let orgId: string;
let otherOrgId: string;
let key: Awaited<ReturnType<typeof makeApiKey>>;

beforeAll(async () => {
  orgId = (await makeOrganisation()).id;
  otherOrgId = (await makeOrganisation()).id;
  key = await makeApiKey(orgId);
});

const customersOf = (id: string) => `/api/v1/organisations/${id}/customers`;

describe('401 Unauthorized', () => {
  it.each([
    ['no header', null, 'Send your API key in the X-API-Key header.'],
    ['an empty header', '', 'Send your API key in the X-API-Key header.'],
    ['a malformed key', 'sk_live_nothex', 'The X-API-Key header is not a valid API key.'],
    [
      'upper-case hex',
      'sk_live_0123456789ABCDEF0123456789ABCDEF',
      'The X-API-Key header is not a valid API key.',
    ],
    [
      'an unknown key',
      'sk_live_00000000000000000000000000000000',
      'The API key is invalid or has been revoked.',
    ],
  ])('rejects %s', async (_label, value, detail) => {
    const headers: Record<string, string> = value === null ? {} : { 'x-api-key': value };
    const response = await callApi('GET', customersOf(orgId), { headers });

    expect(response.status).toBe(401);
    expect(response.headers.get('content-type')).toBe('application/problem+json; charset=utf-8');
    expect(response.headers.get('www-authenticate')).toBe('ApiKey header="X-API-Key"');
    expect(response.json).toEqual({
      type: 'https://docs.servicebay.dev/problems/unauthorized',
      title: 'Unauthorized',
      status: 401,
      detail,
    });
  });

  it('answers a revoked key exactly like an unknown one', async () => {
    const doomed = await makeApiKey(orgId);
    const admin = await makeMember(orgId, 'admin');
    expect((await callApi('GET', customersOf(orgId), { key: doomed.plaintext })).status).toBe(200);

    // Through the portal's path, which returns once every key cache has dropped the key.
    await revokeKey(await getDb(), {
      organisationId: orgId,
      keyId: doomed.id,
      actorUserId: admin.id,
      client: { clientAddress: null, userAgent: null },
    });
    const revoked = await callApi('GET', customersOf(orgId), { key: doomed.plaintext });
    const unknown = await callApi('GET', customersOf(orgId), {
      key: 'sk_live_ffffffffffffffffffffffffffffffff',
    });

    expect(revoked.status).toBe(401);
    expect(revoked.json).toEqual(unknown.json);
  });

  it('does not accept the key in the query string', async () => {
    const response = await callApi('GET', customersOf(orgId), {
      query: `api_key=${key.plaintext}`,
    });
    expect(response.status).toBe(401);
  });
});

describe('403 Forbidden', () => {
  it.each([
    ['another existing organisation', () => otherOrgId],
    ['an organisation that does not exist', () => randomUUID()],
    ['a path segment that is not an id', () => 'not-an-id'],
  ])('refuses %s with the same answer', async (_label, target) => {
    const response = await callApi('GET', customersOf(target()), { key: key.plaintext });

    expect(response.status).toBe(403);
    expect(response.json).toMatchObject({
      status: 403,
      detail: 'This API key does not grant access to that organisation.',
    });
  });
});

describe('a valid key', () => {
  it('reaches its organisation and echoes a request id', async () => {
    const response = await callApi('GET', customersOf(orgId), {
      key: key.plaintext,
      headers: { 'x-request-id': 'trace-123' },
    });

    expect(response.status).toBe(200);
    expect(response.headers.get('x-request-id')).toBe('trace-123');
    expect(response.headers.get('cache-control')).toBe('no-store');
  });

  it('records last use in a batched write, not per request', async () => {
    const fresh = await makeApiKey(orgId);
    await callApi('GET', customersOf(orgId), { key: fresh.plaintext });

    const db = await getDb();
    const read = async () =>
      (await db.select().from(apiKeys).where(eq(apiKeys.id, fresh.id)))[0]?.lastUsedAt ?? null;
    expect(await read()).toBeNull();

    await lastUsed.flush();
    expect(await read()).toBeInstanceOf(Date);
  });
});
