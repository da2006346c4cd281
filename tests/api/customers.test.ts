import { beforeAll, describe, expect, it } from 'vitest';

import { callApi } from '../helpers/api-client';
import { makeApiKey, makeOrganisation } from '../helpers/fixtures';

let orgId: string;
let key: string;
let otherOrgId: string;
let otherKey: string;

beforeAll(async () => {
  orgId = (await makeOrganisation()).id;
  key = (await makeApiKey(orgId)).plaintext;
  otherOrgId = (await makeOrganisation()).id;
  otherKey = (await makeApiKey(otherOrgId)).plaintext;
});

// A cursor built by hand, as a client poking at the opaque format would.
function forgedCursor(time: string): string {
  const payload = JSON.stringify({ t: time, i: '00000000-0000-4000-8000-000000000000' });
  return Buffer.from(payload).toString('base64url');
}

const collection = () => `/api/v1/organisations/${orgId}/customers`;
const item = (id: string) => `${collection()}/${id}`;

async function createCustomer(body: Record<string, unknown> = {}) {
  const response = await callApi('POST', collection(), { key, body: { name: 'Ada', ...body } });
  expect(response.status).toBe(201);
  return response.json as { id: string; created_at: string };
}

describe('POST /customers', () => {
  it('creates a customer and answers 201 with its location', async () => {
    const response = await callApi('POST', collection(), {
      key,
      body: {
        name: '  Grace Hopper ',
        email: 'grace@example.com',
        phone: '+44 20 7946 0000',
        metadata: { plan: 'pro' },
      },
    });

    expect(response.status).toBe(201);
    const customer = response.json;
    expect(response.headers.get('location')).toBe(item(customer.id));
    expect(customer).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      name: 'Grace Hopper',
      email: 'grace@example.com',
      phone: '+44 20 7946 0000',
      metadata: { plan: 'pro' },
      created_at: expect.any(String),
      updated_at: expect.any(String),
    });
    expect(new Date(customer.created_at).toISOString()).toBe(customer.created_at);
  });

  it('defaults optional fields', async () => {
    const response = await callApi('POST', collection(), { key, body: { name: 'Minimal' } });
    expect(response.json).toMatchObject({ email: null, phone: null, metadata: {} });
  });

  it('answers 415 without a JSON content type', async () => {
    const response = await callApi('POST', collection(), {
      key,
      rawBody: '{"name":"x"}',
      headers: { 'content-type': 'text/plain' },
    });
    expect(response.status).toBe(415);
    expect(response.json.detail).toBe('Send the body as Content-Type: application/json.');
  });

  it('answers 400 for malformed JSON', async () => {
    const response = await callApi('POST', collection(), {
      key,
      rawBody: '{"name":',
      headers: { 'content-type': 'application/json; charset=utf-8' },
    });
    expect(response.status).toBe(400);
    expect(response.json).toMatchObject({ title: 'Malformed JSON', status: 400 });
  });

  it('answers 413 for a body over the limit, before parsing it', async () => {
    const response = await callApi('POST', collection(), {
      key,
      rawBody: `{"name":"${'x'.repeat(70_000)}"}`,
      headers: { 'content-type': 'application/json' },
    });
    expect(response.status).toBe(413);
    expect(response.json.detail).toBe('The request body must not exceed 65536 bytes.');
  });

  it('answers 422 naming unknown fields, including ones that try to set server fields', async () => {
    const response = await callApi('POST', collection(), {
      key,
      body: { name: 'x', id: 'mine', organisation_id: otherOrgId, colour: 'red' },
    });
    expect(response.status).toBe(422);
    expect(response.json.errors).toEqual([
      { path: 'id', message: 'Unknown field.' },
      { path: 'organisation_id', message: 'Unknown field.' },
      { path: 'colour', message: 'Unknown field.' },
    ]);
  });

  it.each([
    [{ name: '' }, 'name', 'Name is required.'],
    [{ name: 'x', email: 'not-an-email' }, 'email', 'Must be an email address.'],
    [{ name: 'x', phone: 'call me' }, 'phone', 'Digits, spaces and + ( ) . - only.'],
    [{ name: 'x', metadata: { tier: 3 } }, 'metadata.tier', expect.any(String)],
    [{ name: 'x', metadata: ['a'] }, 'metadata', expect.any(String)],
    [{}, 'name', expect.any(String)],
    // Values PostgreSQL cannot store are refused by the schema, not by a failed insert.
    [{ name: 'a\u0000b' }, 'name', 'Must not contain a NUL character.'],
    [{ name: 'x', metadata: { 'k\u0000': 'v' } }, 'metadata.k\u0000', expect.any(String)],
    [{ name: 'x', metadata: { k: '\u0000' } }, 'metadata.k', 'Must not contain a NUL character.'],
    [{ name: 'x', metadata: { k: '\ud800' } }, 'metadata.k', 'Must be well-formed Unicode text.'],
    [{ name: '\udc00x' }, 'name', 'Must be well-formed Unicode text.'],
  ])('answers 422 for %j', async (body, path, message) => {
    const response = await callApi('POST', collection(), { key, body });
    expect(response.status).toBe(422);
    expect(response.json.errors).toContainEqual({ path, message });
  });

  it('answers 422 for a JSON value that is not an object', async () => {
    const response = await callApi('POST', collection(), { key, body: [1, 2] });
    expect(response.status).toBe(422);
  });
});

describe('GET /customers', () => {
  it('pages newest first with an opaque cursor, stable under inserts', async () => {
    const pageOrg = (await makeOrganisation()).id;
    const pageKey = (await makeApiKey(pageOrg)).plaintext;
    const path = `/api/v1/organisations/${pageOrg}/customers`;
    const names: string[] = [];
    for (let index = 0; index < 5; index += 1) {
      names.push(`c${index}`);
      await callApi('POST', path, { key: pageKey, body: { name: `c${index}` } });
    }

    const first = await callApi('GET', path, { key: pageKey, query: 'limit=2' });
    expect(first.json.data.map((c: { name: string }) => c.name)).toEqual(['c4', 'c3']);
    expect(typeof first.json.next_cursor).toBe('string');

    // A customer created between pages must not shift what the next page returns.
    await callApi('POST', path, { key: pageKey, body: { name: 'late' } });

    const cursor = encodeURIComponent(first.json.next_cursor);
    const second = await callApi('GET', path, { key: pageKey, query: `limit=2&cursor=${cursor}` });
    expect(second.json.data.map((c: { name: string }) => c.name)).toEqual(['c2', 'c1']);

    const third = await callApi('GET', path, {
      key: pageKey,
      query: `limit=2&cursor=${encodeURIComponent(second.json.next_cursor)}`,
    });
    expect(third.json).toEqual({
      data: [expect.objectContaining({ name: 'c0' })],
      next_cursor: null,
    });
  });

  it('defaults to 20 per page', async () => {
    const response = await callApi('GET', collection(), { key });
    expect(response.status).toBe(200);
    expect(response.json.data.length).toBeLessThanOrEqual(20);
  });

  it.each([
    ['limit=0', 'limit', 'Must be at least 1.'],
    ['limit=101', 'limit', 'Must be at most 100.'],
    ['limit=abc', 'limit', 'Must be a whole number.'],
    ['limit=1.5', 'limit', 'Must be a whole number.'],
    ['cursor=garbage', 'cursor', 'Not a valid cursor.'],
    [`cursor=${forgedCursor('0000-01-01T00:00:00Z')}`, 'cursor', 'Not a valid cursor.'],
    ['page=2', 'page', 'Unknown field.'],
  ])('answers 400 for %s', async (query, path, message) => {
    const response = await callApi('GET', collection(), { key, query });
    expect(response.status).toBe(400);
    expect(response.json.errors).toEqual([{ path, message }]);
  });
});

describe('GET, PATCH and DELETE /customers/{id}', () => {
  it('reads, updates and deletes one customer', async () => {
    const created = await createCustomer({ email: 'a@example.com' });

    const read = await callApi('GET', item(created.id), { key });
    expect(read.status).toBe(200);
    expect(read.json.email).toBe('a@example.com');

    const patched = await callApi('PATCH', item(created.id), {
      key,
      body: { email: null, metadata: { vip: 'yes' } },
    });
    expect(patched.status).toBe(200);
    expect(patched.json).toMatchObject({ name: 'Ada', email: null, metadata: { vip: 'yes' } });
    expect(patched.json.updated_at >= created.created_at).toBe(true);

    const deleted = await callApi('DELETE', item(created.id), { key });
    expect(deleted.status).toBe(204);
    expect((await callApi('GET', item(created.id), { key })).status).toBe(404);
    expect((await callApi('DELETE', item(created.id), { key })).status).toBe(404);
  });

  it('answers 422 for an empty or invalid patch', async () => {
    const created = await createCustomer();
    const empty = await callApi('PATCH', item(created.id), { key, body: {} });
    expect(empty.status).toBe(422);
    const unknown = await callApi('PATCH', item(created.id), { key, body: { created_at: 'x' } });
    expect(unknown.status).toBe(422);
    expect(unknown.json.errors).toContainEqual({ path: 'created_at', message: 'Unknown field.' });
  });

  it('answers 404 for an id that is not a uuid', async () => {
    const response = await callApi('GET', item('not-a-uuid'), { key });
    expect(response.status).toBe(404);
  });
});

describe('isolation between organisations', () => {
  it('never lets one organisation read, change or delete another one’s customer', async () => {
    const theirs = await callApi('POST', `/api/v1/organisations/${otherOrgId}/customers`, {
      key: otherKey,
      body: { name: 'Secret customer' },
    });
    const id = theirs.json.id as string;

    // Through our own organisation's path, their customer does not exist.
    expect((await callApi('GET', item(id), { key })).status).toBe(404);
    expect((await callApi('PATCH', item(id), { key, body: { name: 'pwned' } })).status).toBe(404);
    expect((await callApi('DELETE', item(id), { key })).status).toBe(404);

    // Through their path, our key is refused outright.
    const direct = `/api/v1/organisations/${otherOrgId}/customers/${id}`;
    expect((await callApi('GET', direct, { key })).status).toBe(403);

    const list = await callApi('GET', collection(), { key, query: 'limit=100' });
    expect(list.json.data.map((c: { id: string }) => c.id)).not.toContain(id);

    const still = await callApi('GET', direct, { key: otherKey });
    expect(still.json.name).toBe('Secret customer');
  });
});
