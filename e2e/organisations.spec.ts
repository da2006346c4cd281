import { expect, test } from '@playwright/test';

import { expectAccessible, fixtures, keysPath, saveScreenshot, signIn } from './support/test';

const { admin } = fixtures.users;
const { acme, globex, umbrella } = fixtures.organisations;

test('the Organisation dropdown lists roles and switches with the keyboard', async ({ page }) => {
  await page.goto('/login');
  await signIn(page, admin);
  await expect(page).toHaveURL(keysPath(acme.id));

  const trigger = page.getByRole('button', { name: /Organisation/ });
  await trigger.focus();
  await page.keyboard.press('Enter');
  const menu = page.getByRole('menu');
  await expect(menu.getByRole('menuitem', { name: /Acme Corp/ })).toContainText('Admin');
  await expect(menu.getByRole('menuitem', { name: /Globex Inc/ })).toContainText('Member');
  await expectAccessible(page);
  await saveScreenshot(page, 'organisation-menu');

  await menu.getByRole('menuitem', { name: /Globex Inc/ }).focus();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(keysPath(globex.id));
  await expect(trigger).toContainText(globex.name);
  await expect(page.getByRole('row').filter({ hasText: 'billing-export' })).toBeVisible();
  // A member there: the page says so and offers no key management.
  await expect(page.getByRole('button', { name: 'Create API Key' })).toHaveCount(0);

  // The last organisation viewed is where the next visit to / lands.
  await page.goto('/');
  await expect(page).toHaveURL(keysPath(globex.id));
});

test('another organisation’s URL is a 404 that shows none of its data', async ({ page }) => {
  await page.goto('/login');
  await signIn(page, admin);

  const response = await page.goto(keysPath(umbrella.id));
  expect(response?.status()).toBe(404);
  await expect(page.getByRole('heading', { name: 'Page not found' })).toBeVisible();
  await expect(page.locator('body')).not.toContainText('umbrella-secret-ops');
  await expect(page.locator('body')).not.toContainText(umbrella.name);
  await expectAccessible(page);

  expect((await page.goto('/orgs/not-an-id/keys'))?.status()).toBe(404);
});
