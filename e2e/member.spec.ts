import { expect, test, type Page } from '@playwright/test';

import { apiStatus, expectAccessible, fixtures, keysPath, signIn } from './support/test';

const { member, outsider } = fixtures.users;
const { acme } = fixtures.organisations;
const target = fixtures.keys.acmeActive;

const createUrl = `/api/portal/organisations/${acme.id}/keys`;
const revokeUrl = `/api/portal/organisations/${acme.id}/keys/${target.id}/revoke`;

/** A request forged from inside the signed-in page: same origin, real session cookie. */
async function forge(page: Page, url: string, body: unknown = {}) {
  return page.evaluate(
    async ({ url, body }) => {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
      });
      return response.status;
    },
    { url, body },
  );
}

test('a member sees the keys but no Create or Revoke', async ({ page }) => {
  await page.goto('/login');
  await signIn(page, member);
  await expect(page).toHaveURL(keysPath(acme.id));

  await expect(page.getByRole('row').filter({ hasText: target.name })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Create API Key' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: /Revoke/ })).toHaveCount(0);
  await expect(page.getByText(/You are a member of Acme Corp/)).toBeVisible();
  await expectAccessible(page);
});

test('a member’s forged create and revoke are 403 and change nothing', async ({ page }) => {
  await page.goto('/login');
  await signIn(page, member);

  expect(await forge(page, createUrl, { name: 'forged-by-member' })).toBe(403);
  expect(await forge(page, revokeUrl)).toBe(403);

  await page.reload();
  await expect(page.getByRole('row').filter({ hasText: 'forged-by-member' })).toHaveCount(0);
  await expect(page.getByRole('row').filter({ hasText: target.name })).toContainText('Active');
  expect(await apiStatus(page, acme.id, target.plaintext)).toBe(200);
});

test('a user outside the organisation gets 404, and so does its page', async ({ page }) => {
  await page.goto('/login');
  await signIn(page, outsider);

  expect(await forge(page, createUrl, { name: 'forged-by-outsider' })).toBe(404);
  expect(await forge(page, revokeUrl)).toBe(404);
  expect((await page.goto(keysPath(acme.id)))?.status()).toBe(404);
});

test('no session is 401 and a cross-origin request is 403', async ({ page, request }) => {
  const anonymous = await request.post(createUrl, { data: { name: 'anonymous' } });
  expect(anonymous.status()).toBe(401);
  expect((await request.post(revokeUrl)).status()).toBe(401);

  await page.goto('/login');
  await signIn(page, member);
  const crossSite = await page.request.post(createUrl, {
    data: { name: 'cross-site' },
    headers: { Origin: 'https://evil.test' },
  });
  expect(crossSite.status()).toBe(403);
});
