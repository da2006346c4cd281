import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';

import { POST as createKey } from '@/app/api/portal/organisations/[orgId]/keys/route';
import { POST as revokeKey } from '@/app/api/portal/organisations/[orgId]/keys/[keyId]/revoke/route';
import { getDb } from '@/db/client';
import { listApiKeys } from '@/db/queries/api-keys';
import { makeApiKey, makeMember, makeOrganisation, makeUser } from '@/tests/helpers/fixtures';
import { sessionCookieFor } from '@/tests/helpers/portal-client';

// The portal's session-cookie routes get the same treatment as the public API (tests/api/
// fuzz.test.ts): random and hostile bodies, content types, path segments and sessions. Never a
// 500, always problem details whose status matches, and nobody but an admin of the
// organisation in the path changes its keys.
// A third of the API's runs per property: each run here also reads the organisation's keys.
const RUNS = Math.ceil(Number(process.env.FUZZ_RUNS ?? 3_000) / 3);
const HOST = 'portal.test';
const ORIGIN = `http://${HOST}`;

let orgId: string;
let otherOrgId: string;
let keyId: string;
const cookies: Record<'admin' | 'member' | 'outsider' | 'otherAdmin' | 'forged', string> = {
  admin: '',
  member: '',
  outsider: '',
  otherAdmin: '',
  forged: '',
};

beforeAll(async () => {
  orgId = (await makeOrganisation()).id;
  otherOrgId = (await makeOrganisation()).id;
  keyId = (await makeApiKey(orgId)).id;
  cookies.admin = await sessionCookieFor(await makeMember(orgId, 'admin'));
  cookies.member = await sessionCookieFor(await makeMember(orgId, 'member'));
  cookies.outsider = await sessionCookieFor(await makeUser());
  cookies.otherAdmin = await sessionCookieFor(await makeMember(otherOrgId, 'admin'));
  cookies.forged = `${cookies.admin.slice(0, -8)}AAAAAAAA`;
});

const hostile = fc.constantFrom(
  '',
  '\u0000',
  '../..',
  '%2e%2e',
  '__proto__',
  "' or 1=1 --",
  '9'.repeat(300),
  '😀'.repeat(80),
  'null',
);
// Weighted towards well-formed requests, so that the role and origin checks are reached often.
const segment = fc.oneof(
  { arbitrary: fc.constant('ORG'), weight: 4 },
  { arbitrary: fc.constant('KEY'), weight: 2 },
  { arbitrary: fc.uuid(), weight: 1 },
  { arbitrary: hostile, weight: 1 },
  { arbitrary: fc.string({ maxLength: 40 }), weight: 1 },
);
const jsonValue = fc.jsonValue({ maxDepth: 4 });
const body = fc.oneof(
  { arbitrary: jsonValue.map((value) => JSON.stringify(value)), weight: 1 },
  {
    arbitrary: fc
      .record({ name: fc.oneof(fc.string({ minLength: 1, maxLength: 80 }), hostile, jsonValue) })
      .map((value) => JSON.stringify(value)),
    weight: 4,
  },
  { arbitrary: fc.string({ maxLength: 200 }), weight: 1 },
  { arbitrary: fc.constant('{"name":'), weight: 1 },
  { arbitrary: fc.constant(`{"name":"${'x'.repeat(70_000)}"}`), weight: 1 },
);
const contentType = fc.oneof(
  { arbitrary: fc.constant('application/json'), weight: 4 },
  {
    arbitrary: fc.constantFrom(
      'application/json; charset=utf-8',
      'text/plain',
      'application/x-www-form-urlencoded',
      '',
    ),
    weight: 2,
  },
);
const session = fc.constantFrom(
  ...(['admin', 'member', 'outsider', 'otherAdmin', 'forged'] as const),
  null,
);
const origin = fc.oneof(
  { arbitrary: fc.constant(ORIGIN), weight: 3 },
  { arbitrary: fc.constantFrom('https://evil.test', null), weight: 1 },
);

function resolve(value: string): string {
  if (value === 'ORG') return orgId;
  if (value === 'KEY') return keyId;
  return value;
}

function portalRequest(
  path: string,
  input: { body: string; type: string; cookie: string | null; origin: string | null },
) {
  const headers = new Headers({ host: HOST });
  if (input.type) headers.set('content-type', input.type);
  if (input.origin) headers.set('origin', input.origin);
  if (input.cookie) headers.set('cookie', input.cookie);
  return new Request(`http://${HOST}${path}`, { method: 'POST', headers, body: input.body });
}

async function expectProblemOrSuccess(response: Response, allowed: number[]) {
  expect(allowed).toContain(response.status);
  if (response.status >= 400) {
    expect(response.headers.get('content-type')).toBe('application/problem+json; charset=utf-8');
    expect(((await response.json()) as { status: number }).status).toBe(response.status);
  }
}

async function keyCount(): Promise<number> {
  return (await listApiKeys(await getDb(), orgId)).length;
}

describe('portal key routes under random and hostile input', () => {
  it('create: never a 500, and only an admin of the path organisation adds a key', async () => {
    let created = 0;
    await fc.assert(
      fc.asyncProperty(
        segment,
        body,
        contentType,
        session,
        origin,
        async (org, raw, type, who, from) => {
          const before = await keyCount();
          const orgParam = resolve(org);
          const response = await createKey(
            portalRequest(`/api/portal/organisations/${encodeURIComponent(orgParam)}/keys`, {
              body: raw,
              type,
              cookie: who ? cookies[who] : null,
              origin: from,
            }),
            { params: Promise.resolve({ orgId: orgParam }) },
          );

          await expectProblemOrSuccess(response, [201, 400, 401, 403, 404, 409, 413, 415, 422]);
          const added = (await keyCount()) - before;
          if (response.status === 201) {
            expect([who, orgParam, from]).toEqual(['admin', orgId, ORIGIN]);
            expect(added).toBe(1);
            created += 1;
          } else {
            expect(added).toBe(0);
          }
        },
      ),
      {
        numRuns: RUNS,
        // One request that must succeed, so the property is known to hold for allowed ones too.
        examples: [['ORG', '{"name":"fuzz-example"}', 'application/json', 'admin', ORIGIN]],
      },
    );
    expect(created).toBeGreaterThan(0);
  });

  it('revoke: never a 500, and nobody but an admin of its organisation revokes a key', async () => {
    await fc.assert(
      fc.asyncProperty(segment, segment, session, origin, async (org, key, who, from) => {
        // The one request that would really revoke the key is left out; any other must not.
        if (org === 'ORG' && key === 'KEY' && who === 'admin' && from === ORIGIN) return;
        const orgParam = resolve(org);
        const keyParam = resolve(key);
        const response = await revokeKey(
          portalRequest(`/api/portal/organisations/${orgParam}/keys/${keyParam}/revoke`, {
            body: '{}',
            type: 'application/json',
            cookie: who ? cookies[who] : null,
            origin: from,
          }),
          { params: Promise.resolve({ orgId: orgParam, keyId: keyParam }) },
        );

        await expectProblemOrSuccess(response, [400, 401, 403, 404]);
      }),
      { numRuns: RUNS },
    );

    const [key] = (await listApiKeys(await getDb(), orgId)).filter((row) => row.id === keyId);
    expect(key?.revokedAt).toBeNull();
  });
});
