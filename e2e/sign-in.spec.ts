import { expect, test } from '@playwright/test';

import { expectAccessible, fixtures, keysPath, saveScreenshot, signIn } from './support/test';

const { admin, loner } = fixtures.users;
const { acme, globex } = fixtures.organisations;

test('the login page is accessible and looks right', async ({ page }) => {
  await page.goto('/login');
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
  await expect(page.getByLabel('Email')).toBeFocused();
  await expectAccessible(page);
  await saveScreenshot(page, 'login');
});

test('a right email and password land on the first organisation’s keys page', async ({ page }) => {
  await page.goto('/');
  await expect(page).toHaveURL(/\/login$/);
  await signIn(page, admin);

  await expect(page).toHaveURL(keysPath(acme.id));
  await expect(page.getByRole('heading', { name: 'API keys' })).toBeVisible();
});

test('a wrong password and an unknown email get the same generic message', async ({ page }) => {
  await page.goto('/login');
  for (const email of [admin.email, `nobody-${Date.now()}@e2e.test`]) {
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill('definitely-not-the-password');
    await page.getByRole('button', { name: 'Sign in' }).click();

    await expect(page.locator('form').getByRole('alert')).toHaveText('Invalid email or password');
    await expect(page).toHaveURL(/\/login$/);
    await expect(page.getByLabel('Email')).toHaveValue(email);
  }

  const cookies = await page.context().cookies();
  expect(cookies.map((cookie) => cookie.name).join()).not.toContain('session-token');
});

test('empty fields are explained inline', async ({ page }) => {
  await page.goto('/login');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByText('Enter your email address.')).toBeVisible();
  await expect(page.getByText('Enter your password.')).toBeVisible();
});

test('a protected page sends you to sign in and back again', async ({ page }) => {
  await page.goto(keysPath(globex.id));
  await expect(page).toHaveURL(`/login?callbackUrl=${encodeURIComponent(keysPath(globex.id))}`);

  await signIn(page, admin);
  await expect(page).toHaveURL(keysPath(globex.id));
  await expect(page.getByRole('button', { name: /Organisation/ })).toContainText(globex.name);
});

test('the return address cannot leave the site', async ({ page }) => {
  await page.goto('/login?callbackUrl=https%3A%2F%2Fevil.test%2Fphish');
  await signIn(page, admin);
  await expect(page).toHaveURL(keysPath(acme.id));

  await page.context().clearCookies();
  await page.goto('/login?callbackUrl=%2F%2Fevil.test');
  await signIn(page, admin);
  await expect(page).toHaveURL(keysPath(acme.id));
});

test('Sign out ends the session', async ({ page }) => {
  await page.goto('/login');
  await signIn(page, admin);
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/login/);

  await page.goto(keysPath(acme.id));
  await expect(page).toHaveURL(/\/login\?callbackUrl=/);
});

test('a user without an organisation sees a clear empty state', async ({ page }) => {
  await page.goto('/login');
  await signIn(page, loner);
  await expect(page).toHaveURL('/');
  await expect(
    page.getByRole('heading', { name: 'You are not in an organisation yet' }),
  ).toBeVisible();
  await expectAccessible(page);
});
