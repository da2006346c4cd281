import { expect, test, type Page } from '@playwright/test';

import { E2E_PORT } from '../playwright.config';
import { TcpProxy } from '../tests/helpers/tcp-proxy';

import { startAppServer, type AppServer } from './support/app-server';
import { expectAccessible, fixtures, keysPath, saveScreenshot, signIn } from './support/test';

// This spec runs its own `next start`, whose database is reached through a TCP proxy the spec
// cuts and restores: the suite's shared server and the database server itself are never
// touched, so the other specs keep running in parallel.
const OUTAGE_PORT = Number(process.env.E2E_OUTAGE_PORT ?? E2E_PORT + 1);
const PROXY_PORT = Number(process.env.E2E_OUTAGE_PROXY_PORT ?? E2E_PORT + 2);
const BASE_URL = `http://localhost:${OUTAGE_PORT}`;

const { admin } = fixtures.users;
const { acme } = fixtures.organisations;

test.skip(
  !process.env.DATABASE_URL,
  'needs DATABASE_URL: the embedded database has no network connection for a proxy to cut',
);
test.use({ baseURL: BASE_URL });

let proxy: TcpProxy;
let server: AppServer;

test.beforeAll(async () => {
  test.setTimeout(60_000);
  const target = new URL(process.env.DATABASE_URL ?? '');
  proxy = new TcpProxy(PROXY_PORT, { host: target.hostname, port: Number(target.port || 5432) });
  await proxy.start();

  const viaProxy = new URL(target);
  viaProxy.host = `127.0.0.1:${PROXY_PORT}`;
  server = await startAppServer(OUTAGE_PORT, {
    DATABASE_URL: viaProxy.toString(),
    // Short waits, so a page gives up on the missing database quickly.
    DATABASE_CONNECT_TIMEOUT_SECONDS: '2',
    DATABASE_STATEMENT_TIMEOUT_MS: '2000',
    API_REQUEST_TIMEOUT_MS: '3000',
  });
});

test.afterAll(async () => {
  await server?.stop();
  await proxy?.stop();
});

/** "Try again" fetches the page from the server again; the pool reconnects by itself. */
async function tryAgainUntilKeysPage(page: Page) {
  await expect(async () => {
    const retry = page.getByRole('button', { name: 'Try again' });
    if (await retry.isVisible()) await retry.click();
    await expect(page.getByRole('heading', { name: 'API keys', level: 1 })).toBeVisible({
      timeout: 3_000,
    });
  }).toPass({ timeout: 20_000 });
}

async function expectKeysPage(page: Page) {
  await expect(page.getByRole('heading', { name: 'API keys', level: 1 })).toBeVisible();
  await expect(page.getByRole('row').filter({ hasText: 'staging-crm-sync' })).toBeVisible();
}

test('a page shows a friendly error while the database is gone, and recovers without a restart', async ({
  page,
}) => {
  test.setTimeout(60_000);
  const serverPid = server.process.pid;

  await page.goto(keysPath(acme.id));
  await signIn(page, admin);
  await expectKeysPage(page);

  await proxy.cut();
  await page.reload();

  // The product's own error page, within the expect timeout: no stack, no driver message.
  await expect(page.getByRole('heading', { name: 'Something went wrong', level: 1 })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Try again' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Go home' })).toBeVisible();
  const text = await page.locator('body').innerText();
  expect(text).not.toMatch(/ECONNREFUSED|CONNECTION_CLOSED|CONNECT_TIMEOUT|postgres|\bat \S+ \(/i);
  expect(text).not.toMatch(/Application error|Internal Server Error/i);
  await expectAccessible(page);
  await saveScreenshot(page, 'outage-error');

  await proxy.restore();

  await tryAgainUntilKeysPage(page);
  await expectKeysPage(page);

  await page.reload();
  await expectKeysPage(page);
  expect(server.process.exitCode).toBeNull();
  expect(server.process.pid).toBe(serverPid);
});

test('a page shows the friendly error while the network stalls, and recovers after', async ({
  page,
}) => {
  test.setTimeout(60_000);
  await page.goto(keysPath(acme.id));
  await signIn(page, admin);
  await expectKeysPage(page);

  // The connections stay open but nothing comes back: no server-side timeout can fire.
  proxy.stall();
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Something went wrong', level: 1 })).toBeVisible();

  await proxy.restore();
  await tryAgainUntilKeysPage(page);
});
