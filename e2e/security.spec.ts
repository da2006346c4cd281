import { expect, test, type Browser, type Page } from '@playwright/test';

import { watchCspViolations } from './support/security';
import { expectAccessible, fixtures, keysPath, saveScreenshot, signIn } from './support/test';

const { admin, member, traveller } = fixtures.users;
const { acme } = fixtures.organisations;
const auditPath = `/orgs/${acme.id}/audit`;

async function signedInPage(browser: Browser, user = traveller, password = fixtures.password) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto('/login');
  await signIn(page, user, password);
  return page;
}

/** True when the page's session still works: /account renders instead of sending to /login. */
async function stillSignedIn(page: Page): Promise<boolean> {
  await page.goto('/account');
  return new URL(page.url()).pathname === '/account';
}

test.describe('security headers', () => {
  test('every page gets its own CSP nonce, on every script, and the fixed headers', async ({
    request,
  }) => {
    const nonces: string[] = [];
    for (const path of ['/login', '/login', '/no-such-page']) {
      const response = await request.get(path, { maxRedirects: 0 });
      const headers = response.headers();
      const csp = headers['content-security-policy'] ?? '';
      const nonce = /script-src 'self' 'nonce-([A-Za-z0-9+/=]+)' 'strict-dynamic'/.exec(csp)?.[1];
      expect(nonce, `${path}: ${csp}`).toBeTruthy();
      expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
      expect(csp).toContain("frame-ancestors 'none'");
      nonces.push(nonce!);

      const scripts = (await response.text()).match(/<script\b[^>]*>/g) ?? [];
      expect(scripts.length).toBeGreaterThan(0);
      for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);

      expect(headers['x-content-type-options']).toBe('nosniff');
      expect(headers['x-frame-options']).toBe('DENY');
      expect(headers['referrer-policy']).toBe('strict-origin-when-cross-origin');
      expect(headers['permissions-policy']).toContain('camera=()');
      expect(headers['strict-transport-security']).toContain('max-age=');
    }
    expect(new Set(nonces).size).toBe(nonces.length);
  });

  test('no page breaks its CSP: login, keys, audit log, account, activity', async ({ page }) => {
    const violations = watchCspViolations(page);
    await page.goto('/login');
    await expect(page.getByLabel('Email')).toBeFocused();
    await signIn(page, admin);
    for (const path of [keysPath(acme.id), '/account', '/account/activity', auditPath]) {
      await page.goto(path);
      await expect(page.locator('h1')).toBeVisible();
    }
    // A client-side navigation and a dialog exercise the hydrated app, not just the HTML.
    await page.getByRole('link', { name: 'API keys' }).click();
    await page.getByRole('button', { name: 'Create API Key' }).click();
    await expect(page.getByRole('dialog')).toBeVisible();
    expect(violations).toEqual([]);
  });
});

test.describe('session cookie and server-side session end', () => {
  test('the session cookie is __Secure-, HttpOnly, Secure, SameSite=Lax and expires within the hour', async ({
    browser,
  }) => {
    const page = await signedInPage(browser);
    const cookies = await page.context().cookies();
    const session = cookies.find((cookie) => cookie.name.endsWith('next-auth.session-token'));

    expect(session?.name).toBe('__Secure-next-auth.session-token');
    expect(session).toMatchObject({ httpOnly: true, secure: true, sameSite: 'Lax' });
    expect(session!.expires - Date.now() / 1000).toBeLessThanOrEqual(3600 + 60);
    await page.context().close();
  });

  test('after sign-out, a copy of the old cookie no longer works', async ({ browser }) => {
    const page = await signedInPage(browser);
    const copied = await page.context().cookies();
    await page.goto('/account');
    await page.getByRole('button', { name: 'Sign out', exact: true }).click();
    await expect(page).toHaveURL(/\/login/);

    const thief = await browser.newContext();
    await thief.addCookies(copied);
    const stolen = await thief.newPage();
    expect(await stillSignedIn(stolen)).toBe(false);
    await thief.close();
    await page.context().close();
  });

  test('"Sign out of all other sessions" ends the others and keeps this one; cross-origin replay does nothing', async ({
    browser,
  }) => {
    const here = await signedInPage(browser);
    const there = await signedInPage(browser);

    await here.goto('/account');
    const action = here.waitForRequest((request) => Boolean(request.headers()['next-action']));
    await here.getByRole('button', { name: 'Sign out of all other sessions' }).click();
    await expect(here.getByRole('status')).toHaveText(/other sessions have been signed out/);
    const captured = await action;

    expect(await stillSignedIn(there)).toBe(false);
    expect(await stillSignedIn(here)).toBe(true);
    await saveScreenshot(here, 'account');
    await here.goto('/account/activity');
    await expect(activityRow(here, 'Signed out of other sessions')).toBeVisible();

    // The same server action POST, replayed from another site with this browser's cookie.
    const again = await signedInPage(browser);
    const forged = await here.request.post('/account', {
      headers: { ...captured.headers(), origin: 'https://evil.test' },
      data: captured.postDataBuffer() ?? '',
    });
    expect(forged.status()).toBeGreaterThanOrEqual(400);
    expect(await stillSignedIn(again)).toBe(true);

    for (const page of [here, there, again]) await page.context().close();
  });

  test('a cross-origin POST to the sign-in server action is refused and sets no cookie', async ({
    page,
  }) => {
    await page.goto('/login');
    const action = page.waitForRequest((request) => Boolean(request.headers()['next-action']));
    await page.getByLabel('Email').fill(traveller.email);
    await page.getByLabel('Password').fill(fixtures.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    const captured = await action;
    await page.waitForURL((url) => url.pathname !== '/login');
    await page.context().clearCookies();

    const replay = (origin: string) =>
      page.request.post('/login', {
        headers: { ...captured.headers(), origin },
        data: captured.postDataBuffer() ?? '',
      });
    const forged = await replay('https://evil.test');
    expect(forged.status()).toBeGreaterThanOrEqual(400);
    expect(forged.headers()['set-cookie'] ?? '').not.toContain('sign-in-challenge');

    // The same bytes from the right origin do pass the password step: the refusal was the origin.
    const genuine = await replay(new URL(page.url()).origin);
    expect(genuine.status()).toBe(200);
    expect(genuine.headers()['set-cookie'] ?? '').toContain('sign-in-challenge');
  });

  test('a password change ends the other sessions and the new password works', async ({
    browser,
  }) => {
    const here = await signedInPage(browser);
    const there = await signedInPage(browser);
    const newPassword = `${fixtures.password}-renewed-orbit`;

    await here.goto('/account');
    await here.getByLabel('Current password').fill('not my password at all');
    await here.getByLabel('New password').fill(newPassword);
    await here.getByRole('button', { name: 'Change password' }).click();
    await expect(here.getByText('The current password is not correct.')).toBeVisible();

    await here.getByLabel('Current password').fill(fixtures.password);
    await here.getByLabel('New password').fill('password1234');
    await here.getByRole('button', { name: 'Change password' }).click();
    await expect(here.getByLabel('New password')).toHaveAttribute('aria-invalid', 'true');

    await here.getByLabel('Current password').fill(fixtures.password);
    await here.getByLabel('New password').fill(newPassword);
    await here.getByRole('button', { name: 'Change password' }).click();
    await expect(here.getByRole('status')).toHaveText(/Password changed/);
    await expectAccessible(here);

    expect(await stillSignedIn(there)).toBe(false);
    expect(await stillSignedIn(here)).toBe(true);
    const fresh = await (await browser.newContext()).newPage();
    await fresh.goto('/login');
    await fresh.getByLabel('Email').fill(traveller.email);
    await fresh.getByLabel('Password').fill(fixtures.password);
    await fresh.getByRole('button', { name: 'Sign in' }).click();
    await expect(fresh.locator('form').getByRole('alert')).toHaveText('Invalid email or password');
    await signIn(fresh, traveller, newPassword);
    expect(await stillSignedIn(fresh)).toBe(true);

    await fresh.goto('/account/activity');
    for (const action of ['Password changed', 'Sign-in failed']) {
      await expect(activityRow(fresh, action)).toBeVisible();
    }
    await expect(activityRow(fresh, 'Signed in')).toContainText(/Chrome/);
    await expectAccessible(fresh);
    await saveScreenshot(fresh, 'account-activity');
    for (const p of [here, there, fresh]) await p.context().close();
  });
});

function activityRow(page: Page, action: string) {
  return page.getByRole('row').filter({ hasText: action }).first();
}

test.describe('access does not depend on the proxy', () => {
  for (const value of [
    'proxy:proxy:proxy:proxy:proxy',
    'middleware:middleware:middleware:middleware:middleware',
    'src/middleware:src/middleware:src/middleware:src/middleware:src/middleware',
  ]) {
    test(`x-middleware-subrequest: ${value.split(':')[0]} gets nothing more`, async ({
      request,
    }) => {
      const headers = { 'x-middleware-subrequest': value };
      for (const path of [keysPath(acme.id), auditPath, '/account']) {
        const plain = await request.get(path, { maxRedirects: 0 });
        const spoofed = await request.get(path, { maxRedirects: 0, headers });
        expect(spoofed.status()).toBe(plain.status());
        // Both are sent to sign in (a 307, or Next's streamed redirect), and show nothing else.
        const body = await spoofed.text();
        const target = spoofed.headers()['location'] ?? body;
        expect(target).toContain('/login?callbackUrl=');
        expect(body).not.toContain(acme.name);
      }
      const create = await request.post(`/api/portal/organisations/${acme.id}/keys`, {
        headers,
        data: { name: 'via-subrequest' },
      });
      expect(create.status()).toBe(401);
    });
  }

  test('x-middleware-subrequest gives a signed-in member no admin rights', async ({ page }) => {
    const header = 'proxy:proxy:proxy:proxy:proxy';
    await page.goto('/login');
    await signIn(page, member);

    const audit = await page.request.get(auditPath, {
      headers: { 'x-middleware-subrequest': header },
      maxRedirects: 0,
    });
    expect(audit.status()).toBe(404);
    // The proxy still ran for it (its page headers are there): the header skipped nothing.
    expect(audit.headers()['content-security-policy']).toContain("frame-ancestors 'none'");
    const create = await page.evaluate(
      async ({ url, value }) => {
        const response = await fetch(url, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', 'x-middleware-subrequest': value },
          body: JSON.stringify({ name: 'member-via-subrequest' }),
        });
        return response.status;
      },
      { url: `/api/portal/organisations/${acme.id}/keys`, value: header },
    );
    expect(create).toBe(403);
    const api = await page.request.get(`/api/v1/organisations/${acme.id}/customers`, {
      headers: { 'x-middleware-subrequest': header },
    });
    expect(api.status()).toBe(401);
  });
});

test.describe('audit log', () => {
  test('an admin sees key events with actor, address and agent, and can filter them', async ({
    page,
  }) => {
    await page.goto('/login');
    await signIn(page, admin);
    const name = `audited-${Date.now()}`;
    const status = await page.evaluate(
      async ({ url, name }) => {
        const response = await fetch(url, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ name }),
        });
        return response.status;
      },
      { url: `/api/portal/organisations/${acme.id}/keys`, name },
    );
    expect(status).toBe(201);

    await page.goto(keysPath(acme.id));
    await page.getByRole('link', { name: 'Audit log' }).click();
    await expect(page).toHaveURL(auditPath);
    const row = page.getByRole('row').filter({ hasText: name });
    await expect(row).toContainText('API key created');
    await expect(row).toContainText(admin.email);
    await expect(row).toContainText(/Chrome/);

    await page.getByLabel('Action').selectOption({ label: 'API key created' });
    await page.getByLabel('Actor').selectOption({ label: admin.email });
    await page.getByRole('button', { name: 'Filter' }).click();
    await expect(page).toHaveURL(/action=api_key.created&actor=/);
    await expect(page.getByRole('row').filter({ hasText: name })).toBeVisible();
    const actions = await page.locator('tbody tr td:nth-child(2)').allTextContents();
    expect(new Set(actions)).toEqual(new Set(['API key created']));
    await expectAccessible(page);
    await saveScreenshot(page, 'audit-log');
  });

  test('a member has no Audit log tab and gets 404 for the page', async ({ page }) => {
    await page.goto('/login');
    await signIn(page, member);
    await expect(page.getByRole('link', { name: 'Audit log' })).toHaveCount(0);
    expect((await page.goto(auditPath))?.status()).toBe(404);
  });
});
