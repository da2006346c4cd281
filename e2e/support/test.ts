import { readFileSync } from 'node:fs';
import path from 'node:path';

import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';

import type { E2eFixtures, FixtureUser } from './fixture-types';
import { FIXTURES_FILE, SCREENSHOTS_DIR } from './paths';

export const fixtures: E2eFixtures = JSON.parse(readFileSync(FIXTURES_FILE, 'utf8'));

export function keysPath(organisationId: string): string {
  return `/orgs/${organisationId}/keys`;
}

/** Fills in the login form the way a person would and waits for the signed-in page. */
export async function signIn(page: Page, user: FixtureUser, password = fixtures.password) {
  if (!page.url().includes('/login')) await page.goto('/login');
  await page.getByLabel('Email').fill(user.email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL((url) => url.pathname !== '/login');
}

/** axe-core over the whole page: no serious or critical violation is allowed. */
export async function expectAccessible(page: Page) {
  // A server action can leave the page re-rendering for a moment (seen once after a password
  // change: axe found no <title>); check the page once it has settled, with its title back.
  await expect(page).toHaveTitle(/\S/);
  // @axe-core/playwright types its page against a different copy of playwright-core.
  type AxePage = ConstructorParameters<typeof AxeBuilder>[0]['page'];
  const results = await new AxeBuilder({ page: page as unknown as AxePage }).analyze();
  const blocking = results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => `${violation.id}: ${violation.help} (${violation.nodes.length} nodes)`);
  expect(blocking).toEqual([]);
}

export async function saveScreenshot(page: Page, name: string) {
  await page.screenshot({ path: path.join(SCREENSHOTS_DIR, `${name}.png`), fullPage: true });
}

/** Calls the public API from inside the page with fetch, as an integration would. */
export async function apiStatus(page: Page, organisationId: string, key: string): Promise<number> {
  return page.evaluate(
    async ({ url, apiKey }) => (await fetch(url, { headers: { 'X-API-Key': apiKey } })).status,
    { url: `/api/v1/organisations/${organisationId}/customers`, apiKey: key },
  );
}
