import { randomUUID } from 'node:crypto';

import fc from 'fast-check';
import { beforeAll, describe, expect, it, vi } from 'vitest';

import { sendToApi } from '../helpers/api-router';
import { makeApiKey, makeOrganisation } from '../helpers/fixtures';

// Thousands of requests from one key and one address: the limits are tested elsewhere, and
// here they would only turn most answers into 429s.
vi.hoisted(() => {
  process.env.API_RATE_LIMIT_PER_MINUTE = '100000000';
  process.env.API_KEY_FAILURES_PER_MINUTE = '100000000';
});

const RUNS = Number(process.env.FUZZ_RUNS ?? 3_000);

// Organisation A holds data marked with a secret; every request is made as organisation B (or
// with a bad key), so the secret must never appear in an answer.
const secret = `SECRET-A-${randomUUID()}`;
let orgA: string;
let orgB: string;
let keyB: string;
let keyA: string;
const idsA: string[] = [];
const idsB: string[] = [];

async function seed(orgId: string, key: string, name: string, into: string[]) {
  for (let i = 0; i < 3; i += 1) {
    const response = await sendToApi(
      new Request(`http://localhost/api/v1/organisations/${orgId}/customers`, {
        method: 'POST',
        headers: { 'x-api-key': key, 'content-type': 'application/json' },
        body: JSON.stringify({ name, email: `${i}@a.example`, metadata: { note: name } }),
      }),
    );
    into.push(((await response.json()) as { id: string }).id);
  }
}

beforeAll(async () => {
  orgA = (await makeOrganisation()).id;
  orgB = (await makeOrganisation()).id;
  keyA = (await makeApiKey(orgA)).plaintext;
  keyB = (await makeApiKey(orgB)).plaintext;
  await seed(orgA, keyA, secret, idsA);
  await seed(orgB, keyB, 'visible', idsB);
});

// ---- what is sent ----------------------------------------------------------------------------

const hostileText = fc.constantFrom(
  '',
  ' ',
  '..',
  '../../etc/passwd',
  '%00',
  '\u0000',
  "' or 1=1 --",
  '<script>alert(1)</script>',
  '${7*7}',
  '__proto__',
  'constructor',
  'NaN',
  '-1',
  '1e309',
  '0x10',
  '9'.repeat(400),
  'é'.repeat(300),
  '😀'.repeat(100),
  'null',
  '[]',
  '{}',
);
const text = fc.oneof(hostileText, fc.string({ maxLength: 60 }), fc.string({ unit: 'grapheme' }));
const segment = fc.oneof(
  text.filter((value) => value.length > 0),
  fc.uuid(),
  fc.constantFrom(...['x', 'customers', 'organisations']),
);

// A segment of only dots is resolved by the URL itself (even as %2E), before any server sees it.
const encodeSegment = (value: string) =>
  /^\.+$/.test(value) ? `x${value}` : encodeURIComponent(value);

const path = fc.oneof(
  { arbitrary: fc.constant(() => `/api/v1/organisations/${orgB}/customers`), weight: 4 },
  fc.constant(() => `/api/v1/organisations/${orgA}/customers`),
  fc.constantFrom(0, 1, 2).map((i) => () => `/api/v1/organisations/${orgB}/customers/${idsA[i]}`),
  fc.constantFrom(0, 1, 2).map((i) => () => `/api/v1/organisations/${orgA}/customers/${idsA[i]}`),
  fc.constantFrom(0, 1, 2).map((i) => () => `/api/v1/organisations/${orgB}/customers/${idsB[i]}`),
  segment.map((s) => () => `/api/v1/organisations/${orgB}/customers/${encodeSegment(s)}`),
  segment.map((s) => () => `/api/v1/organisations/${encodeSegment(s)}/customers`),
  fc
    .array(segment, { minLength: 1, maxLength: 7 })
    .map((parts) => () => `/api/${parts.map(encodeSegment).join('/')}`),
  fc.constantFrom('/api/health', '/api/ready').map((p) => () => p),
);

const query = fc.dictionary(
  fc.oneof(fc.constantFrom('limit', 'cursor', 'api_key', 'orgId', 'id'), fc.string()),
  fc.oneof(text, fc.integer().map(String), fc.double().map(String)),
  { maxKeys: 4 },
);

const apiKey = fc.oneof(
  { arbitrary: fc.constant(() => keyB), weight: 8 },
  fc.constant(() => keyB.toUpperCase()),
  fc.constant(() => `${keyB} `),
  fc.stringMatching(/^sk_live_[0-9a-f]{32}$/).map((k) => () => k),
  text.map((k) => () => k),
  fc.constant(() => undefined),
);

const contentType = fc.oneof(
  { arbitrary: fc.constant('application/json'), weight: 6 },
  fc.constantFrom(
    'application/json',
    'application/json; charset=utf-8',
    'APPLICATION/JSON',
    'application/json-patch+json',
    'text/plain',
    'multipart/form-data; boundary=x',
  ),
  text,
);

const customerLike = fc.record(
  {
    name: fc.oneof(
      { arbitrary: fc.string({ minLength: 1, maxLength: 200 }), weight: 4 },
      text,
      fc.integer(),
      fc.constant(null),
    ),
    email: fc.oneof(fc.emailAddress(), text, fc.constant(null)),
    phone: fc.oneof(fc.constantFrom('+44 20 7946 0000', '12'), text, fc.constant(null)),
    metadata: fc.oneof(
      fc.dictionary(fc.string({ minLength: 1, maxLength: 40 }), fc.string({ maxLength: 500 })),
      fc.dictionary(text, fc.oneof(text, fc.jsonValue())),
      fc.jsonValue(),
    ),
  },
  { requiredKeys: ['name'] },
);

// Fields a client must not be able to set; present in a quarter of the bodies.
const serverFields = fc.record(
  {
    id: fc.uuid(),
    organisation_id: fc.constant(null).map(() => orgA),
    organisationId: fc.constant(null).map(() => orgA),
    created_at: text,
  },
  { requiredKeys: [] },
);
const customerBody = fc
  .tuple(customerLike, fc.option(serverFields, { freq: 3 }))
  .map(([fields, extra]) => JSON.stringify({ ...fields, ...extra }));

const body = fc.oneof(
  fc.constant(undefined),
  { arbitrary: customerBody, weight: 5 },
  fc.jsonValue().map((value) => JSON.stringify(value)),
  text,
  fc.nat({ max: 5_000 }).map((depth) => '['.repeat(depth) + ']'.repeat(depth)),
  fc.constantFrom(
    '{"name":',
    '{"name":"x","metadata":{"__proto__":{"polluted":"yes"}}}',
    '{"__proto__":{"name":"x"}}',
    '{"name":"a","name":"b"}',
    '\uFEFF{"name":"bom"}',
  ),
);

// Header values must be visible ASCII for a real Request to carry them.
const headerSafe = (value: string) => value.replace(/[^\x20-\x7e]/g, '');

const request = fc.record({
  method: fc.constantFrom('GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'),
  path,
  query,
  apiKey,
  contentType,
  body,
  requestId: fc.option(text),
  forwardedFor: fc.option(fc.oneof(fc.ipV4(), fc.ipV6(), text)),
});

type Sample = typeof request extends fc.Arbitrary<infer T> ? T : never;

function build(sample: Sample): Request {
  const url = new URL(`http://localhost${sample.path()}`);
  for (const [name, value] of Object.entries(sample.query)) url.searchParams.append(name, value);

  const headers = new Headers();
  const key = sample.apiKey();
  if (key !== undefined) headers.set('x-api-key', headerSafe(key));
  headers.set('content-type', headerSafe(sample.contentType));
  if (sample.requestId !== null) headers.set('x-request-id', headerSafe(sample.requestId));
  if (sample.forwardedFor !== null) headers.set('x-forwarded-for', headerSafe(sample.forwardedFor));

  const hasBody = sample.body !== undefined && !['GET', 'HEAD'].includes(sample.method);
  return new Request(url, {
    method: sample.method,
    headers,
    body: hasBody ? sample.body : undefined,
  });
}

// ---- what must hold for every answer ---------------------------------------------------------

async function checkAnswer(sample: Sample, response: Response) {
  const text = await response.text();

  expect(response.status, text).not.toBe(500);
  expect(response.status).toBeLessThan(600);
  expect(response.headers.get('x-content-type-options')).toBe('nosniff');
  expect(response.headers.get('cache-control')).toBe('no-store');
  expect(text).not.toContain(secret);
  for (const id of idsA) expect(text).not.toContain(id);

  if (sample.method === 'HEAD' || response.status === 204) {
    expect(text).toBe('');
    return;
  }
  expect(response.headers.get('content-type')).toMatch(
    /^application\/(problem\+)?json; charset=utf-8$/,
  );

  const json = JSON.parse(text) as Record<string, unknown>;
  if (response.status >= 400) {
    expect(response.headers.get('content-type')).toBe('application/problem+json; charset=utf-8');
    expect(json).toMatchObject({
      type: expect.stringMatching(/^https:\/\/docs\.servicebay\.dev\/problems\//),
      title: expect.any(String),
      status: response.status,
      detail: expect.any(String),
    });
  }
}

describe('every API route under random and hostile input', () => {
  it(`never fails with 500, never leaks another organisation, always answers problem details (${RUNS} runs)`, async () => {
    await fc.assert(
      fc.asyncProperty(request, async (sample) => {
        await checkAnswer(sample, await sendToApi(build(sample)));
      }),
      { numRuns: RUNS },
    );
  }, 120_000);

  it(`creates and changes only in the key's organisation, whatever the body says (${Math.ceil(RUNS / 4)} runs)`, async () => {
    const write = fc.record({
      target: fc.oneof(fc.constant('collection'), fc.constantFrom(0, 1, 2)),
      body: customerBody,
    });
    await fc.assert(
      fc.asyncProperty(write, async ({ target, body }) => {
        const collection = `/api/v1/organisations/${orgB}/customers`;
        const url = target === 'collection' ? collection : `${collection}/${idsB[target]}`;
        const response = await sendToApi(
          new Request(`http://localhost${url}`, {
            method: target === 'collection' ? 'POST' : 'PATCH',
            headers: { 'x-api-key': keyB, 'content-type': 'application/json' },
            body,
          }),
        );

        expect([200, 201, 404, 422]).toContain(response.status);
        const json = (await response.json()) as Record<string, unknown>;
        const sent = JSON.parse(body) as Record<string, unknown>;
        if (response.status === 422) {
          expect(json.status).toBe(422);
          return;
        }
        if (response.status >= 400) return;
        expect(json).not.toHaveProperty('organisation_id');
        if (sent.id !== undefined) expect(json.id).not.toBe(sent.id);
        if (sent.created_at !== undefined) expect(json.created_at).not.toBe(sent.created_at);
      }),
      { numRuns: Math.ceil(RUNS / 4) },
    );
  }, 120_000);

  it('leaves Object.prototype untouched', () => {
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(({} as Record<string, unknown>).name).toBeUndefined();
  });

  it('organisation A still has all its customers, unchanged', async () => {
    for (const id of idsA) {
      const response = await sendToApi(
        new Request(`http://localhost/api/v1/organisations/${orgA}/customers/${id}`, {
          headers: { 'x-api-key': keyA },
        }),
      );
      expect(response.status).toBe(200);
      expect(await response.json()).toMatchObject({ id, name: secret });
    }
  });
});
