import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';

import { getDb } from '@/db/client';
import { listApiKeys } from '@/db/queries/api-keys';
import { auditEvents, users } from '@/db/schema';
import { callApi } from '@/tests/helpers/api-client';
import { makeApiKey, makeMember, makeOrganisation, makeUser } from '@/tests/helpers/fixtures';
import { callCreateKey, callRevokeKey, sessionCookieFor } from '@/tests/helpers/portal-client';

let orgId: string;
let adminCookie: string;
let memberCookie: string;
let outsiderCookie: string;

beforeAll(async () => {
  orgId = (await makeOrganisation()).id;
  adminCookie = await sessionCookieFor(await makeMember(orgId, 'admin'));
  memberCookie = await sessionCookieFor(await makeMember(orgId, 'member'));
  outsiderCookie = await sessionCookieFor(await makeUser());
});

async function keyNames() {
  return (await listApiKeys(await getDb(), orgId)).map((key) => key.name);
}

describe('POST /api/portal/organisations/{orgId}/keys', () => {
  it('201: creates a key that works once, shown only in this no-store response', async () => {
    const created = await callCreateKey(orgId, { cookie: adminCookie, body: { name: '  ci  ' } });

    expect(created.status).toBe(201);
    expect(created.headers.get('cache-control')).toBe('no-store');
    expect(created.json.name).toBe('ci');
    expect(created.json.key).toMatch(/^sk_live_[0-9a-f]{32}$/);

    const api = await callApi('GET', `/api/v1/organisations/${orgId}/customers`, {
      key: created.json.key,
    });
    expect(api.status).toBe(200);

    const [audit] = await (
      await getDb()
    )
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.organisationId, orgId), eq(auditEvents.action, 'api_key.created')));
    expect(audit?.details).toEqual({ key_id: created.json.id, key_name: 'ci' });
    expect(JSON.stringify(audit)).not.toContain(created.json.key);
  });

  it('401 without a session, or with a session whose version was bumped', async () => {
    expect((await callCreateKey(orgId, { body: { name: 'x' } })).status).toBe(401);

    const user = await makeMember(orgId, 'admin');
    const cookie = await sessionCookieFor(user);
    await (await getDb()).update(users).set({ sessionVersion: 1 }).where(eq(users.id, user.id));
    expect((await callCreateKey(orgId, { cookie, body: { name: 'x' } })).status).toBe(401);
  });

  it('403 for a member, 404 for an outsider and for a malformed id, nothing created', async () => {
    const member = await callCreateKey(orgId, { cookie: memberCookie, body: { name: 'forged' } });
    expect(member.status).toBe(403);

    const outsider = await callCreateKey(orgId, {
      cookie: outsiderCookie,
      body: { name: 'forged' },
    });
    expect(outsider.status).toBe(404);
    expect((await callCreateKey('nope', { cookie: adminCookie, body: { name: 'x' } })).status).toBe(
      404,
    );

    expect(await keyNames()).not.toContain('forged');
  });

  it.each([
    ['a foreign origin', 'https://evil.test'],
    ['no origin', null],
  ])('403 for %s', async (_label, origin) => {
    const response = await callCreateKey(orgId, {
      cookie: adminCookie,
      origin,
      body: { name: 'csrf' },
    });
    expect(response.status).toBe(403);
    expect(await keyNames()).not.toContain('csrf');
  });

  it.each([
    [{ name: '   ' }, 'Enter a name for the key.'],
    [{ name: 'x'.repeat(65) }, 'Use at most 64 characters.'],
    [{}, 'Enter a name for the key.'],
    [{ name: 'ok', extra: 1 }, 'Unknown field.'],
  ])('422 with a field error for %j', async (body, message) => {
    const response = await callCreateKey(orgId, { cookie: adminCookie, body });
    expect(response.status).toBe(422);
    expect(response.json.errors.map((error: { message: string }) => error.message)).toContain(
      message,
    );
  });

  it('409 for a duplicate active name; the name is free again after revocation', async () => {
    const first = await callCreateKey(orgId, { cookie: adminCookie, body: { name: 'dup' } });
    const again = await callCreateKey(orgId, { cookie: adminCookie, body: { name: 'dup' } });
    expect(again.status).toBe(409);
    expect(again.json.errors[0].path).toBe('name');

    await callRevokeKey(orgId, first.json.id, { cookie: adminCookie });
    expect(
      (await callCreateKey(orgId, { cookie: adminCookie, body: { name: 'dup' } })).status,
    ).toBe(201);
  });
});

describe('POST /api/portal/organisations/{orgId}/keys/{keyId}/revoke', () => {
  it('200: the next API request with the key is 401, and the revocation is audited', async () => {
    const key = await makeApiKey(orgId);
    const response = await callRevokeKey(orgId, key.id, { cookie: adminCookie });

    expect(response.status).toBe(200);
    expect(response.json).toEqual({ id: key.id, name: key.name, status: 'revoked' });
    const api = await callApi('GET', `/api/v1/organisations/${orgId}/customers`, {
      key: key.plaintext,
    });
    expect(api.status).toBe(401);

    const events = await (
      await getDb()
    )
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.organisationId, orgId), eq(auditEvents.action, 'api_key.revoked')));
    expect(events.map((event) => event.details.key_id)).toContain(key.id);
  });

  it('refuses members (403), outsiders (404) and no session (401); the key keeps working', async () => {
    const key = await makeApiKey(orgId);

    expect((await callRevokeKey(orgId, key.id, { cookie: memberCookie })).status).toBe(403);
    expect((await callRevokeKey(orgId, key.id, { cookie: outsiderCookie })).status).toBe(404);
    expect((await callRevokeKey(orgId, key.id, {})).status).toBe(401);

    const api = await callApi('GET', `/api/v1/organisations/${orgId}/customers`, {
      key: key.plaintext,
    });
    expect(api.status).toBe(200);
  });

  it('404 for a key of another organisation, an already revoked key and a malformed id', async () => {
    const otherOrg = await makeOrganisation();
    const foreign = await makeApiKey(otherOrg.id);
    expect((await callRevokeKey(orgId, foreign.id, { cookie: adminCookie })).status).toBe(404);

    const key = await makeApiKey(orgId);
    await callRevokeKey(orgId, key.id, { cookie: adminCookie });
    expect((await callRevokeKey(orgId, key.id, { cookie: adminCookie })).status).toBe(404);
    expect((await callRevokeKey(orgId, 'not-a-uuid', { cookie: adminCookie })).status).toBe(404);
  });
});
