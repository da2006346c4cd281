import { randomBytes, randomUUID } from 'node:crypto';

import { expect, test, type Page } from '@playwright/test';

import { E2E_PORT } from '../playwright.config';

import { startAppServer, type AppServer } from './support/app-server';
import { fixtures, keysPath, signIn } from './support/test';

// Two more `next start` processes on the suite's database and Redis, as two instances behind a
// load balancer: what one does must hold on the other from its very next request.
const PORTS = [E2E_PORT + 3, E2E_PORT + 4] as const;
const LIMIT = 6;

const { admin } = fixtures.users;
const { hooli } = fixtures.organisations;

test.skip(
  !process.env.DATABASE_URL || !process.env.REDIS_URL,
  'needs DATABASE_URL and REDIS_URL: the embedded database and in-process limits serve one process',
);

let first: AppServer;
let second: AppServer;

test.beforeAll(async () => {
  test.setTimeout(90_000);
  const shared = {
    RATE_LIMIT_PREFIX: `e2e-two-${randomBytes(6).toString('hex')}`,
    API_RATE_LIMIT_PER_MINUTE: String(LIMIT),
  };
  [first, second] = await Promise.all([
    startAppServer(PORTS[0], shared),
    startAppServer(PORTS[1], shared),
  ]);
});

test.afterAll(async () => {
  await Promise.all([first?.stop(), second?.stop()]);
});

/** Creates a key through the first instance's keys page; returns its name and value. */
async function createKeyOnFirst(page: Page) {
  const name = `two-instances-${randomUUID().slice(0, 8)}`;
  await page.goto(`${first.baseUrl}${keysPath(hooli.id)}`);
  await signIn(page, admin);
  await page.getByRole('button', { name: 'Create API Key' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Name').fill(name);
  await dialog.getByRole('button', { name: 'Create' }).click();
  const key = await dialog.getByLabel('API key').inputValue();
  await dialog.getByRole('button', { name: 'Done' }).click();
  return { name, key };
}

function callApi(server: AppServer, key: string) {
  return fetch(`${server.baseUrl}/api/v1/organisations/${hooli.id}/customers?limit=1`, {
    headers: { 'X-API-Key': key },
  });
}

test('a key revoked through one instance is refused by the other on its next request', async ({
  page,
}) => {
  const { name, key } = await createKeyOnFirst(page);
  expect((await callApi(second, key)).status).toBe(200);

  const row = page.getByRole('row').filter({ hasText: name });
  await row.getByRole('button', { name: `Revoke ${name}` }).click();
  await page.getByRole('alertdialog').getByRole('button', { name: 'Revoke key' }).click();
  await expect(row).toContainText('Revoked');

  expect((await callApi(second, key)).status).toBe(401);
  expect((await callApi(first, key)).status).toBe(401);
});

test('one per-key rate limit counts the requests of both instances', async ({ page }) => {
  const { key } = await createKeyOnFirst(page);
  const remaining = (response: Response) => response.headers.get('ratelimit');

  for (let sent = 1; sent <= LIMIT; sent += 1) {
    const response = await callApi(sent % 2 === 0 ? second : first, key);
    expect(response.status).toBe(200);
    expect(remaining(response)).toContain(`r=${LIMIT - sent}`);
  }

  const refused = await callApi(second, key);
  expect(refused.status).toBe(429);
  expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
  expect((await callApi(first, key)).status).toBe(429);
});
