import { and, eq } from 'drizzle-orm';
import { beforeAll, expect, it } from 'vitest';

import { getDb } from '@/db/client';
import { upsertMembership } from '@/db/queries/organisations';
import { memberships } from '@/db/schema';
import { makeMember, makeOrganisation } from '@/tests/helpers/fixtures';
import { callCreateKey, sessionCookieFor } from '@/tests/helpers/portal-client';

beforeAll(async () => {
  await getDb();
});

// The session token names the user only; the role comes from the database on each request, so
// a change applies to the very next request of a session that is already open.
it('a demoted admin gets 403 on the next create, and 404 once removed', async () => {
  const db = await getDb();
  const orgId = (await makeOrganisation()).id;
  const admin = await makeMember(orgId, 'admin');
  const cookie = await sessionCookieFor(admin);

  expect((await callCreateKey(orgId, { cookie, body: { name: 'before' } })).status).toBe(201);

  await upsertMembership(db, { organisationId: orgId, userId: admin.id, role: 'member' });
  expect((await callCreateKey(orgId, { cookie, body: { name: 'after-demotion' } })).status).toBe(
    403,
  );

  await db
    .delete(memberships)
    .where(and(eq(memberships.organisationId, orgId), eq(memberships.userId, admin.id)));
  expect((await callCreateKey(orgId, { cookie, body: { name: 'after-removal' } })).status).toBe(
    404,
  );
});
