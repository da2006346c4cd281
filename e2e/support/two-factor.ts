import { readFile } from 'node:fs/promises';

import { expect, type Page } from '@playwright/test';
import { generate } from 'otplib';

import type { FixtureUser } from './fixture-types';
import { fixtures } from './test';

const PERIOD_MS = 30_000;

export const currentStep = () => Math.floor(Date.now() / PERIOD_MS);

/** The code an authenticator app would show right now for this secret, and its step. */
export async function codeNow(secret: string) {
  const epoch = Math.floor(Date.now() / 1000);
  return { code: await generate({ secret, epoch }), step: Math.floor(epoch / 30) };
}

/**
 * A code from a later 30-second step than `usedStep`. Codes are single-use per step, so this
 * waits for the next step to begin (real time, no clock tricks), as a person would.
 */
export async function freshCode(secret: string, usedStep: number) {
  while (currentStep() <= usedStep) {
    const untilNext = (currentStep() + 1) * PERIOD_MS - Date.now();
    await new Promise((resolve) => setTimeout(resolve, untilNext + 250));
  }
  return codeNow(secret);
}

/** Six digits that are not the code of any step the server would accept now. */
export async function wrongCodeNow(secret: string): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  const near = await Promise.all(
    [-30, 0, 30].map((offset) => generate({ secret, epoch: now + offset })),
  );
  return ['000000', '111111', '222222', '333333'].find((code) => !near.includes(code)) ?? '';
}

/** The password step only; leaves the browser on the second step. */
export async function passwordStep(page: Page, user: FixtureUser, path = '/login') {
  await page.goto(path);
  await page.getByLabel('Email').fill(user.email);
  await page.getByLabel('Password').fill(fixtures.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByLabel('Authentication code')).toBeVisible();
}

/** Submits the second step and waits for the server's answer, so attempts never overlap. */
export async function submitCode(page: Page, code: string) {
  await page.getByLabel(/Authentication code|Recovery code/).fill(code);
  const answered = page.waitForResponse((response) =>
    response.url().includes('/api/auth/callback/challenge'),
  );
  await page.getByRole('button', { name: 'Verify' }).click();
  await answered;
}

/** Signs in (an account without 2FA) and enables 2FA on the security page, as a user would. */
export async function enrolThroughPage(page: Page, user: FixtureUser) {
  await page.goto('/login?callbackUrl=%2Faccount%2Fsecurity');
  await page.getByLabel('Email').fill(user.email);
  await page.getByLabel('Password').fill(fixtures.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL('/account/security');
  await expect(page.getByTestId('two-factor-status')).toHaveText('Off');

  await page.getByRole('button', { name: 'Enable two-factor authentication' }).click();
  await page.getByLabel('Current password').fill(fixtures.password);
  await page.getByRole('button', { name: 'Continue' }).click();

  await expect(page.getByRole('img', { name: /QR code/ })).toBeVisible();
  const secret = (await page.getByLabel('Secret key').inputValue()).replaceAll(' ', '');
  const first = await codeNow(secret);
  await page.getByLabel('Authentication code').fill(first.code);
  await page.getByRole('button', { name: 'Turn on two-factor authentication' }).click();

  const startedAt = new Date();
  await expect(page.getByRole('heading', { name: 'Save your recovery codes' })).toBeVisible();
  const recoveryCodes = await page
    .getByRole('list', { name: 'Recovery codes' })
    .getByRole('listitem')
    .allTextContents();
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download codes' }).click();
  const saved = await readFile(await (await download).path(), 'utf8');
  for (const code of recoveryCodes) expect(saved).toContain(code);

  await page.getByRole('button', { name: 'I have saved my codes' }).click();
  await expect(page.getByTestId('two-factor-status')).toHaveText('On');
  // "Enabled" shows when, as "4 December 2026 at 06:20 UTC"; either side of midnight will do.
  const day = new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeZone: 'UTC' });
  const enabledOn = new RegExp(`^(${day.format(startedAt)}|${day.format(new Date())}) at `);
  await expect(page.locator('dd').filter({ hasText: enabledOn })).toHaveCount(1);

  return { secret, recoveryCodes, usedStep: first.step };
}

export async function signOut(page: Page) {
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/login/);
}
