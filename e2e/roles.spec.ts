import { randomBytes, randomUUID } from 'node:crypto';

import { expect, test, type Page } from '@playwright/test';

import { closeDb, getDb } from '@/db/client';
import { insertOrganisation, removeMembership, upsertMembership } from '@/db/queries/organisations';
import { createUser } from '@/lib/accounts/create-user';

import { keysPath, signIn } from './support/test';

// The test changes a role behind the running server's back, so it needs a database that both
// can reach. The embedded database lives inside the server process.
test.skip(!process.env.DATABASE_URL, 'needs DATABASE_URL: PGlite serves only the app process');

const password = `roles-${randomBytes(12).toString('base64url')}`;
let organisation: { id: string; name: string };
let user: { id: string; email: string };

test.beforeAll(async () => {
  const db = await getDb();
  const created = await insertOrganisation(db, `Cyberdyne ${randomUUID().slice(0, 6)}`);
  organisation = { id: created.id, name: created.name };
  const account = await createUser(db, {
    email: `demoted-${randomUUID().slice(0, 8)}@e2e.test`,
    password,
  });
  user = { id: account.id, email: account.email };
  await upsertMembership(db, { organisationId: organisation.id, userId: user.id, role: 'admin' });
});

test.afterAll(async () => {
  await closeDb();
});

function createKey(page: Page) {
  return page.evaluate(async (url) => {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ name: 'after-demotion' }),
    });
    return response.status;
  }, `/api/portal/organisations/${organisation.id}/keys`);
}

test('a role change and a removal apply on the very next request', async ({ page }) => {
  await page.goto(keysPath(organisation.id));
  await signIn(page, user, password);
  await expect(page.getByRole('button', { name: 'Create API Key' })).toBeVisible();

  const db = await getDb();
  await upsertMembership(db, { organisationId: organisation.id, userId: user.id, role: 'member' });

  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: 'API keys' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Create API Key' })).toHaveCount(0);
  expect(await createKey(page)).toBe(403);

  await removeMembership(db, organisation.id, user.id);
  const response = await page.reload();
  expect(response?.status()).toBe(404);
  expect(await createKey(page)).toBe(404);
});
