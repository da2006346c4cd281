import { expect, test, type Page } from '@playwright/test';

import {
  apiStatus,
  expectAccessible,
  fixtures,
  keysPath,
  saveScreenshot,
  signIn,
} from './support/test';

const { admin } = fixtures.users;
const { acme, hooli, initech } = fixtures.organisations;

async function openCreateDialog(page: Page) {
  await page.getByRole('button', { name: 'Create API Key' }).click();
  // The dialog's title changes from "Create API key" to "Save your API key" after creation.
  const dialog = page.getByRole('dialog');
  await expect(dialog).toHaveAccessibleName('Create API key');
  return dialog;
}

test('the keys page lists masked keys with who, when and status, accessibly', async ({ page }) => {
  await page.goto(keysPath(acme.id));
  await signIn(page, admin);

  const rows = page.getByRole('row');
  const production = rows.filter({ hasText: 'production-intake-form' });
  await expect(production).toContainText(/sk_live_…[0-9a-f]{4}/);
  await expect(production).toContainText('Active');
  await expect(production).toContainText('2 hours ago');
  await expect(rows.filter({ hasText: 'staging-crm-sync' })).toContainText('Never');
  const legacy = rows.filter({ hasText: 'legacy-import' });
  await expect(legacy).toContainText('Revoked');
  await expect(legacy.getByRole('button', { name: /Revoke/ })).toHaveCount(0);
  await expect(page.locator('body')).not.toContainText(fixtures.keys.acmeActive.plaintext);
  await expectAccessible(page);
  await saveScreenshot(page, 'keys');

  const dialog = await openCreateDialog(page);
  await expect(dialog).toContainText(acme.name);
  await expect(dialog.getByLabel('Name')).toBeFocused();
  await dialog.getByLabel('Name').fill('zapier-webhooks');
  await expectAccessible(page);
  await saveScreenshot(page, 'keys-create-dialog');
});

test('create a key, use it, never see it again, revoke it', async ({ page }) => {
  await page.goto(keysPath(hooli.id));
  await signIn(page, admin);

  const dialog = await openCreateDialog(page);
  await dialog.getByLabel('Name').fill('  checkout-service  ');
  await dialog.getByRole('button', { name: 'Create' }).click();

  const keyField = dialog.getByLabel('API key');
  await expect(keyField).toHaveValue(/^sk_live_[0-9a-f]{32}$/);
  await expect(dialog).toContainText('This key will not be shown again');
  await saveScreenshot(page, 'keys-key-created');
  const key = await keyField.inputValue();
  await expect(dialog.getByRole('button', { name: 'Copy' })).toBeVisible();
  // Escape does not throw the key away: "Done" is the one way out.
  await page.keyboard.press('Escape');
  await expect(keyField).toHaveValue(key);

  expect(await apiStatus(page, hooli.id, key)).toBe(200);

  await dialog.getByRole('button', { name: 'Done' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('button', { name: 'Create API Key' })).toBeFocused();
  const row = page.getByRole('row').filter({ hasText: 'checkout-service' });
  await expect(row).toContainText(`sk_live_…${key.slice(-4)}`);
  expect(await page.content()).not.toContain(key);

  const reloaded = await page.reload();
  expect(await reloaded?.text()).not.toContain(key);
  expect(await page.content()).not.toContain(key);

  const revokeButton = row.getByRole('button', { name: 'Revoke checkout-service' });
  await revokeButton.click();
  const confirm = page.getByRole('alertdialog', { name: 'Revoke API key' });
  await expect(confirm).toContainText('checkout-service');
  await expectAccessible(page);
  await confirm.getByRole('button', { name: 'Cancel' }).click();
  await expect(confirm).toBeHidden();
  await expect(revokeButton).toBeFocused();
  expect(await apiStatus(page, hooli.id, key)).toBe(200);

  await revokeButton.click();
  await confirm.getByRole('button', { name: 'Revoke key' }).click();
  await expect(confirm).toBeHidden();
  await expect(row).toContainText('Revoked');
  await expect(page.getByRole('heading', { name: 'API keys' })).toBeFocused();

  expect(await apiStatus(page, hooli.id, key)).toBe(401);
});

test('revoking a key someone else revoked meanwhile explains it and updates the row', async ({
  page,
}) => {
  await page.goto(keysPath(hooli.id));
  await signIn(page, admin);
  const dialog = await openCreateDialog(page);
  await dialog.getByLabel('Name').fill('revoked-twice');
  await dialog.getByRole('button', { name: 'Create' }).click();
  await dialog.getByRole('button', { name: 'Done' }).click();

  const row = page.getByRole('row').filter({ hasText: 'revoked-twice' });
  await row.getByRole('button', { name: 'Revoke revoked-twice' }).click();
  const confirm = page.getByRole('alertdialog', { name: 'Revoke API key' });

  const other = await page.context().newPage();
  await other.goto(keysPath(hooli.id));
  const otherRow = other.getByRole('row').filter({ hasText: 'revoked-twice' });
  await otherRow.getByRole('button', { name: 'Revoke revoked-twice' }).click();
  await other.getByRole('alertdialog').getByRole('button', { name: 'Revoke key' }).click();
  await expect(otherRow).toContainText('Revoked');
  await other.close();

  await confirm.getByRole('button', { name: 'Revoke key' }).click();
  await expect(confirm.getByRole('alert')).toContainText(/No active API key/);
  await confirm.getByRole('button', { name: 'Cancel' }).click();
  await expect(confirm).toBeHidden();
  await expect(row).toContainText('Revoked');
  await expect(row.getByRole('button', { name: /Revoke/ })).toHaveCount(0);
  await expect(page.getByRole('heading', { name: 'API keys' })).toBeFocused();
});

test('name errors are shown in place, and Cancel returns focus', async ({ page }) => {
  await page.goto(keysPath(hooli.id));
  await signIn(page, admin);

  let dialog = await openCreateDialog(page);
  await dialog.getByRole('button', { name: 'Create' }).click();
  await expect(dialog.getByText('Enter a name for the key.')).toBeVisible();
  await expect(dialog.getByLabel('Name')).toHaveAttribute('aria-invalid', 'true');

  await dialog.getByLabel('Name').fill('x'.repeat(65));
  await dialog.getByRole('button', { name: 'Create' }).click();
  await expect(dialog.getByText('Use at most 64 characters.')).toBeVisible();

  await dialog.getByLabel('Name').fill('duplicate-name');
  await dialog.getByRole('button', { name: 'Create' }).click();
  await dialog.getByRole('button', { name: 'Done' }).click();

  dialog = await openCreateDialog(page);
  await dialog.getByLabel('Name').fill('duplicate-name');
  await dialog.getByRole('button', { name: 'Create' }).click();
  await expect(
    dialog.getByText('An active key named "duplicate-name" already exists.'),
  ).toBeVisible();

  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('button', { name: 'Create API Key' })).toBeFocused();
});

test('an organisation without keys explains what keys are for', async ({ page }) => {
  await page.goto(keysPath(initech.id));
  await signIn(page, admin);
  await expect(page.getByRole('heading', { name: 'No API keys yet' })).toBeVisible();
  await expect(page.getByText(/API keys let your own systems/)).toBeVisible();
  await expectAccessible(page);
  await saveScreenshot(page, 'keys-empty');
});
