import { expect, test } from '@playwright/test';

import { expectAccessible, fixtures, saveScreenshot } from './support/test';
import {
  codeNow,
  enrolThroughPage,
  freshCode,
  passwordStep,
  signOut,
  submitCode,
  wrongCodeNow,
} from './support/two-factor';

const { enrol, lock, guard, apiAdmin } = fixtures.twoFactor.users;

// Fresh codes need the next 30-second step, and these tests wait for it in real time.
test.describe.configure({ timeout: 240_000 });

test('enrol, sign in with a code, reuse refused, recovery code once, then disable', async ({
  page,
}) => {
  const { secret, recoveryCodes, usedStep } = await enrolThroughPage(page, enrol);
  expect(recoveryCodes).toHaveLength(10);
  for (const code of recoveryCodes) expect(code).toMatch(/^[0-9a-z]{5}-[0-9a-z]{5}$/);
  await expect(page.getByTestId('recovery-codes-left')).toHaveText('10 of 10');
  await signOut(page);

  // The second step, reached from a protected page, returns there afterwards.
  await passwordStep(page, enrol, '/account/security');
  await expect(page.getByRole('button', { name: 'Verify' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Use a recovery code instead' })).toBeVisible();
  await expectAccessible(page);
  await saveScreenshot(page, 'two-factor-second-step');

  const signInCode = await freshCode(secret, usedStep);
  await submitCode(page, signInCode.code);
  await expect(page).toHaveURL('/account/security');
  await expect(page.getByTestId('two-factor-status')).toHaveText('On');
  await expectAccessible(page);
  await signOut(page);

  await passwordStep(page, enrol);
  await submitCode(page, signInCode.code);
  await expect(page.locator('form').getByRole('alert')).toHaveText(
    'That code has already been used. Wait for the next code in your app.',
  );
  await expect(page).toHaveURL(/\/login/);

  await page.getByRole('button', { name: 'Use a recovery code instead' }).click();
  await submitCode(page, recoveryCodes[0] ?? '');
  await page.waitForURL((url) => url.pathname !== '/login');
  await page.goto('/account/security');
  await expect(page.getByTestId('recovery-codes-left')).toHaveText('9 of 10');
  await signOut(page);

  await passwordStep(page, enrol);
  await page.getByRole('button', { name: 'Use a recovery code instead' }).click();
  await submitCode(page, recoveryCodes[0] ?? '');
  await expect(page.locator('form').getByRole('alert')).toHaveText(
    'That recovery code is not valid or has already been used.',
  );

  await page
    .getByRole('button', { name: 'Use a code from your authenticator app instead' })
    .click();
  const later = await freshCode(secret, signInCode.step);
  await submitCode(page, later.code);
  await page.waitForURL((url) => url.pathname !== '/login');

  await page.goto('/account/security');
  await page.getByRole('button', { name: 'Turn off two-factor authentication' }).click();
  await page.getByLabel('Current password').fill(fixtures.password);
  const disableCode = await freshCode(secret, later.step);
  await page.getByLabel('Authentication code').fill(disableCode.code);
  await page
    .getByRole('form', { name: 'Turn off 2FA' })
    .getByRole('button', { name: 'Turn off two-factor authentication' })
    .click();
  await expect(page.getByTestId('two-factor-status')).toHaveText('Off');

  // The current session survived the change; a new sign-in needs only the password again.
  await signOut(page);
  await page.getByLabel('Email').fill(enrol.email);
  await page.getByLabel('Password').fill(fixtures.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL((url) => url.pathname !== '/login');
});

test('a wrong code is explained inline and keeps the pending secret', async ({ page }) => {
  await page.goto('/login?callbackUrl=%2Faccount%2Fsecurity');
  await page.getByLabel('Email').fill(guard.email);
  await page.getByLabel('Password').fill(fixtures.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL('/account/security');

  await page.getByRole('button', { name: 'Enable two-factor authentication' }).click();
  await page.getByLabel('Current password').fill('not-the-password');
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page.getByText('The password is not correct.')).toBeVisible();

  await page.getByLabel('Current password').fill(fixtures.password);
  await page.getByRole('button', { name: 'Continue' }).click();
  const secret = (await page.getByLabel('Secret key').inputValue()).replaceAll(' ', '');
  await expectAccessible(page);
  await saveScreenshot(page, 'two-factor-enrol');

  await page.getByLabel('Authentication code').fill(await wrongCodeNow(secret));
  await page.getByRole('button', { name: 'Turn on two-factor authentication' }).click();
  await expect(page.getByText(/That code is not correct/)).toBeVisible();
  await expect(page.getByLabel('Secret key')).toHaveValue(/^[A-Z2-7 ]+$/);
  expect((await page.getByLabel('Secret key').inputValue()).replaceAll(' ', '')).toBe(secret);

  // Leaving the page leaves 2FA off.
  await page.reload();
  await expect(page.getByTestId('two-factor-status')).toHaveText('Off');
});

test('wrong codes abandon the sign-in, then lock the second factor', async ({ page }) => {
  const { secret } = await enrolThroughPage(page, lock);
  await signOut(page);

  await passwordStep(page, lock);
  for (let attempt = 1; attempt <= 4; attempt += 1) {
    await submitCode(page, await wrongCodeNow(secret));
    await expect(page.locator('form').getByRole('alert')).toHaveText(
      'That code is not correct. Check your authenticator app and try again.',
    );
  }
  await submitCode(page, await wrongCodeNow(secret));
  await expect(page.locator('form').getByRole('alert')).toHaveText(
    'Too many wrong codes for this sign-in. Sign in again with your password.',
  );
  await expect(page.getByLabel('Password')).toBeVisible();

  await passwordStep(page, lock);
  for (let attempt = 1; attempt <= 4; attempt += 1) {
    await submitCode(page, await wrongCodeNow(secret));
    await expect(page.locator('form').getByRole('alert')).toContainText(
      'That code is not correct.',
    );
  }
  await submitCode(page, await wrongCodeNow(secret));
  await expect(page.locator('form').getByRole('alert')).toContainText(
    'Too many wrong codes. Two-factor verification for this account is locked until',
  );

  // Locked: even the right code is refused.
  await passwordStep(page, lock);
  await submitCode(page, (await codeNow(secret)).code);
  await expect(page.locator('form').getByRole('alert')).toContainText('is locked until');
  await expect(page).toHaveURL(/\/login/);
});

// In order: the first test turns 2FA on for the organisation's only admin.
test.describe.serial('an organisation whose only admin uses 2FA', () => {
  test('the password step alone opens no page, route or server action', async ({
    page,
    browser,
  }) => {
    // Sign in once with a session, remembering how the browser calls a server action.
    await enrolThroughPage(page, apiAdmin);
    await page.getByRole('button', { name: 'Regenerate recovery codes' }).click();
    await page.getByLabel('Current password').fill(fixtures.password);
    await page.getByLabel('Authentication code').fill('000000');
    const actionRequest = page.waitForRequest((request) =>
      Boolean(request.headers()['next-action']),
    );
    await page.getByRole('button', { name: 'Generate new codes' }).click();
    const captured = await actionRequest;

    const context = await browser.newContext({ baseURL: test.info().project.use.baseURL });
    const pending = await context.newPage();
    await passwordStep(pending, apiAdmin);
    const cookies = await context.cookies();
    expect(cookies.map((cookie) => cookie.name).join()).toContain('servicebay.sign-in-challenge');
    expect(cookies.map((cookie) => cookie.name).join()).not.toContain('session-token');

    for (const path of [
      '/',
      '/account',
      '/account/activity',
      '/account/security',
      `/orgs/${fixtures.twoFactor.organisation.id}/keys`,
      `/orgs/${fixtures.twoFactor.organisation.id}/audit`,
    ]) {
      await pending.goto(path);
      await expect(pending).toHaveURL(/\/login/);
    }

    const keyRoute = await pending.request.post(
      `/api/portal/organisations/${fixtures.twoFactor.organisation.id}/keys`,
      { data: { name: 'sneaky' }, headers: { origin: new URL(pending.url()).origin } },
    );
    expect(keyRoute.status()).toBe(401);

    const headers = { ...captured.headers() };
    delete headers.cookie;
    const replay = await pending.request.post(captured.url(), {
      headers,
      data: captured.postDataBuffer() ?? undefined,
    });
    expect(await replay.text()).toContain('Your session has ended. Sign in again to continue.');
    await context.close();
  });

  test('its API key still works: the key is the credential, with no second factor', async ({
    request,
  }) => {
    const { organisation, key } = fixtures.twoFactor;
    const response = await request.get(`/api/v1/organisations/${organisation.id}/customers`, {
      headers: { 'X-API-Key': key.plaintext },
    });
    expect(response.status()).toBe(200);
  });
});
