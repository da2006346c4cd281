import { beforeAll, describe, expect, it } from 'vitest';

import { sendToApi } from '../helpers/api-router';
import { makeApiKey, makeOrganisation } from '../helpers/fixtures';

let orgId: string;
let key: string;

beforeAll(async () => {
  orgId = (await makeOrganisation()).id;
  key = (await makeApiKey(orgId)).plaintext;
});

const collection = () => `/api/v1/organisations/${orgId}/customers`;
const anId = '0196f000-0000-7000-8000-000000000000';

function send(method: string, path: string, body?: unknown) {
  const headers = new Headers({ 'x-api-key': key });
  if (body !== undefined) headers.set('content-type', 'application/json');
  const init = { method, headers, body: body === undefined ? undefined : JSON.stringify(body) };
  return sendToApi(new Request(`http://localhost${path}`, init));
}

function expectApiHeaders(response: Response) {
  expect(response.headers.get('cache-control')).toBe('no-store');
  expect(response.headers.get('x-content-type-options')).toBe('nosniff');
}

describe('405 Method Not Allowed', () => {
  it.each([
    ['PUT', () => collection(), 'GET, HEAD, POST, OPTIONS'],
    ['PATCH', () => collection(), 'GET, HEAD, POST, OPTIONS'],
    ['DELETE', () => collection(), 'GET, HEAD, POST, OPTIONS'],
    ['POST', () => `${collection()}/${anId}`, 'GET, HEAD, PATCH, DELETE, OPTIONS'],
    ['PUT', () => `${collection()}/${anId}`, 'GET, HEAD, PATCH, DELETE, OPTIONS'],
    ['POST', () => '/api/health', 'GET, HEAD, OPTIONS'],
    ['DELETE', () => '/api/ready', 'GET, HEAD, OPTIONS'],
  ])('%s %s answers problem details with Allow', async (method, path, allow) => {
    const response = await send(method, path());

    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe(allow);
    expect(response.headers.get('content-type')).toBe('application/problem+json; charset=utf-8');
    expectApiHeaders(response);
    expect(await response.json()).toEqual({
      type: 'https://docs.servicebay.dev/problems/method-not-allowed',
      title: 'Method not allowed',
      status: 405,
      detail: `${method} is not supported here; use ${allow}.`,
    });
  });

  it('OPTIONS lists the methods with the API headers', async () => {
    const response = await send('OPTIONS', collection());
    expect(response.status).toBe(204);
    expect(response.headers.get('allow')).toBe('GET, HEAD, POST, OPTIONS');
    expectApiHeaders(response);
  });
});

describe('unknown API paths', () => {
  it.each(['/api', '/api/v2/anything', `/api/v1/organisations/${anId}`, '/api/v1/x/y/z/w/v'])(
    '%s answers 404 problem details, not an HTML page',
    async (path) => {
      const response = await sendToApi(
        new Request(`http://localhost${path === '/api' ? '/api/x' : path}`),
      );
      expect(response.status).toBe(404);
      expect(response.headers.get('content-type')).toBe('application/problem+json; charset=utf-8');
      expectApiHeaders(response);
      expect(await response.json()).toMatchObject({ status: 404 });
    },
  );
});

describe('headers on every kind of answer', () => {
  it('204 from DELETE carries nosniff and no-store', async () => {
    const created = await send('POST', collection(), { name: 'Short-lived' });
    const { id } = (await created.json()) as { id: string };

    const deleted = await send('DELETE', `${collection()}/${id}`);
    expect(deleted.status).toBe(204);
    expectApiHeaders(deleted);
  });

  it.each([
    ['GET', () => collection(), 200],
    ['GET', () => `${collection()}/${anId}`, 404],
    ['GET', () => '/api/health', 200],
    ['GET', () => '/api/ready', 200],
  ])('%s %s has a charset and the API headers', async (method, path, status) => {
    const response = await send(method, path());
    expect(response.status).toBe(status);
    expect(response.headers.get('content-type')).toMatch(/; charset=utf-8$/);
    expectApiHeaders(response);
  });
});

describe('bounded bodies and mass assignment', () => {
  it.each([
    ['id', { name: 'x', id: anId }],
    ['organisation_id', { name: 'x', organisation_id: anId }],
    ['organisationId', { name: 'x', organisationId: anId }],
    ['created_at', { name: 'x', created_at: '2020-01-01T00:00:00.000Z' }],
  ])('PATCH refuses to set %s', async (field, body) => {
    const created = await send('POST', collection(), { name: 'Target' });
    const { id } = (await created.json()) as { id: string };

    const response = await send('PATCH', `${collection()}/${id}`, body);
    expect(response.status).toBe(422);
    expect(await response.json()).toMatchObject({
      errors: [{ path: field, message: 'Unknown field.' }],
    });
  });

  it.each([
    ['a nested object in metadata', { name: 'x', metadata: { a: { b: 'c' } } }, 'metadata.a'],
    ['an array for a name', { name: ['x'] }, 'name'],
    ['a 201-character name', { name: 'n'.repeat(201) }, 'name'],
    [
      'a 501-character metadata value',
      { name: 'x', metadata: { k: 'v'.repeat(501) } },
      'metadata.k',
    ],
    ['a 41-character metadata key', { name: 'x', metadata: { ['k'.repeat(41)]: 'v' } }, 'metadata'],
  ])('refuses %s with 422', async (_label, body, path) => {
    const response = await send('POST', collection(), body);
    expect(response.status).toBe(422);
    const problem = (await response.json()) as { errors: { path: string }[] };
    expect(problem.errors.some((error) => error.path.startsWith(path))).toBe(true);
  });

  it('refuses deeply nested JSON within the size limit with 422, not a crash', async () => {
    const deep = `{"name":"x","metadata":${'['.repeat(20_000)}${']'.repeat(20_000)}}`;
    const response = await sendToApi(
      new Request(`http://localhost${collection()}`, {
        method: 'POST',
        headers: { 'x-api-key': key, 'content-type': 'application/json' },
        body: deep,
      }),
    );
    expect(response.status).toBe(422);
  });

  it('stores prototype-looking metadata keys as plain data', async () => {
    const body = '{"name":"proto","metadata":{"__proto__":"x","constructor":"y"}}';
    const response = await sendToApi(
      new Request(`http://localhost${collection()}`, {
        method: 'POST',
        headers: { 'x-api-key': key, 'content-type': 'application/json' },
        body,
      }),
    );
    expect([201, 422]).toContain(response.status);
    expect(({} as Record<string, unknown>).x).toBeUndefined();
    if (response.status === 201) {
      const created = (await response.json()) as { metadata: Record<string, string> };
      expect(Object.getPrototypeOf(created.metadata)).toBe(Object.prototype);
    }
  });
});
