import { expect, request, test } from '@playwright/test';
import { expectAccessible, screenshot, signIn } from './helpers';

test('an administrator finds the users from the navigation and creates an account; others see no administration', async ({ page }) => {
  await signIn(page, '/');
  const nav = page.getByRole('navigation', { name: 'Hovedmenu' });
  await nav.getByRole('link', { name: 'Administration' }).click();
  await expect(page).toHaveURL(/\/admin\/users$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Brugere' })).toBeVisible();
  const users = page.getByRole('table', { name: 'Brugere' });
  await expect(users.getByRole('rowheader', { name: 'admin', exact: true })).toBeVisible();
  await screenshot(page, 'admin-users');
  await expectAccessible(page);

  await page.getByRole('link', { name: 'Ny bruger' }).click();
  await expect(page).toHaveURL(/\/admin\/users\/new$/);
  const form = page.getByRole('form', { name: 'Ny bruger' });
  await form.getByLabel(/^Brugernavn/).fill('sekretariat.test');
  await form.getByLabel(/^Navn/).fill('Sekretær Test');
  await form.getByLabel(/^Adgangskode/).fill('for-kort');
  await form.getByLabel(/^Rolle/).selectOption('secretariat');
  await form.getByLabel(/^Organisation/).selectOption({ label: 'Region Nordjylland' });
  await form.getByRole('button', { name: 'Opret bruger' }).click();
  // The API's problem details land on the field they name.
  await expect(form.getByLabel(/^Adgangskode/)).toHaveAttribute('aria-invalid', 'true');
  await expect(form.locator('.field-error')).toContainText('12');
  await screenshot(page, 'admin-user-new');
  await expectAccessible(page);

  const password = 'sekretariatets-test-adgangskode';
  await form.getByLabel(/^Adgangskode/).fill(password);
  await form.getByRole('button', { name: 'Opret bruger' }).click();
  await expect(page).toHaveURL(/\/admin\/users$/);
  await expect(page.getByRole('status').filter({ hasText: 'Brugeren »sekretariat.test« er oprettet.' })).toBeVisible();
  const created = users.getByRole('row', { name: /sekretariat\.test/ });
  await expect(created).toContainText('Sekretariat');
  await expect(created).toContainText('Region Nordjylland');

  // The new account signs in and sees no administration, and is refused it by URL too.
  await page.getByRole('button', { name: 'Log ud' }).click();
  await page.getByLabel('Brugernavn').fill('sekretariat.test');
  await page.getByLabel('Adgangskode').fill(password);
  await page.getByRole('button', { name: 'Log ind' }).click();
  await expect(page.getByRole('button', { name: 'Log ud' })).toBeVisible();
  await expect(nav.getByRole('link', { name: 'Organer' })).toBeVisible();
  await expect(nav.getByRole('link', { name: 'Administration' })).toHaveCount(0);
  await page.goto('/admin/api-keys');
  await expect(page.getByRole('alert')).toContainText('Den er for administratorer.');
});

test('an API key is issued with its secret shown once, works, is rotated and revoked after asking', async ({ page, context, baseURL }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: baseURL });
  await signIn(page, '/admin/api-keys');
  await expect(page.getByRole('heading', { level: 1, name: 'API-nøgler' })).toBeVisible();

  await page.getByRole('link', { name: 'Udsted API-nøgle' }).click();
  await expect(page).toHaveURL(/\/admin\/api-keys\/new$/);
  const form = page.getByRole('form', { name: 'Udsted API-nøgle' });
  await form.getByLabel(/^Navn/).fill('Aalborg ESDH (test)');
  await form.getByRole('checkbox', { name: /Læse sager/ }).check();
  await form.getByRole('checkbox', { name: /Rette sager/ }).check();
  await form.getByLabel(/^Bundet til organisation/).selectOption({ label: 'Aalborg Kommune' });
  await screenshot(page, 'admin-api-key-new');
  await expectAccessible(page);
  await form.getByRole('button', { name: 'Udsted nøgle' }).click();

  // The secret, once, with a plain warning and a copy button.
  await expect(page.getByRole('heading', { name: 'Ny nøgle til »Aalborg ESDH (test)«' })).toBeFocused();
  await expect(page.getByText('Du kan ikke se den igen')).toBeVisible();
  const field = page.getByLabel('API-nøgle', { exact: true });
  const secret = await field.inputValue();
  expect(secret).toMatch(/^klima_[A-Za-z0-9]+_\S+$/);
  await page.getByRole('button', { name: 'Kopiér nøglen' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Nøglen er kopieret.' })).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(secret);
  await screenshot(page, 'admin-api-key-secret');
  await expectAccessible(page);

  // The key works for a system (no cookie, only the key).
  const system = await request.newContext({ baseURL });
  const asSystem = (key: string) => system.get('/api/cases?limit=1', { headers: { Authorization: `ApiKey ${key}` } });
  expect((await asSystem(secret)).status()).toBe(200);

  await page.getByRole('button', { name: 'Jeg har gemt nøglen' }).click();
  await expect(page).toHaveURL(/\/admin\/api-keys$/);
  const keys = page.getByRole('table', { name: 'API-nøgler' });
  const row = keys.getByRole('row', { name: /Aalborg ESDH \(test\)/ });
  await expect(row).toContainText('Aktiv');
  await expect(row).toContainText('cases:read');
  await expect(row).toContainText('Aalborg Kommune');
  await expect(page.getByText(secret)).toHaveCount(0);
  // Gone for good: back on the issuing screen there is only an empty form.
  await page.goBack();
  await expect(page.getByRole('form', { name: 'Udsted API-nøgle' })).toBeVisible();
  await expect(page.getByLabel('API-nøgle', { exact: true })).toHaveCount(0);
  await page.goForward();

  // Rotation: a new secret, shown once; the old key stops working.
  await row.getByRole('button', { name: 'Forny nøglen Aalborg ESDH (test)' }).click();
  await expect(page.getByRole('group', { name: /Forny »Aalborg ESDH \(test\)«\?/ })).toBeFocused();
  await page.getByRole('button', { name: 'Ja, forny' }).click();
  const rotated = await page.getByLabel('API-nøgle', { exact: true }).inputValue();
  expect(rotated).not.toBe(secret);
  expect((await asSystem(secret)).status()).toBe(401);
  expect((await asSystem(rotated)).status()).toBe(200);
  await page.getByRole('button', { name: 'Jeg har gemt nøglen' }).click();
  await expect(keys.getByRole('row', { name: /Aalborg ESDH \(test\)/ }).filter({ hasText: 'Erstattet' })).toHaveCount(1);

  // Revocation, after a question.
  const active = keys.getByRole('row', { name: /Aalborg ESDH \(test\)/ }).filter({ hasText: 'Aktiv' });
  await active.getByRole('button', { name: 'Tilbagekald nøglen Aalborg ESDH (test)' }).click();
  await expect(page.getByRole('group', { name: /Tilbagekald »Aalborg ESDH \(test\)«\?/ })).toBeFocused();
  await screenshot(page, 'admin-api-key-revoke');
  await expectAccessible(page);
  await page.getByRole('button', { name: 'Ja, tilbagekald' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Nøglen »Aalborg ESDH (test)« er tilbagekaldt.' })).toBeVisible();
  await expect(keys.getByRole('row', { name: /Aalborg ESDH \(test\)/ }).filter({ hasText: 'Tilbagekaldt' })).toHaveCount(1);
  expect((await asSystem(rotated)).status()).toBe(401);
  await screenshot(page, 'admin-api-keys');
  await expectAccessible(page);
  await system.dispose();

  // The audit log has the revocation, without the secret's hash.
  await page.goto('/admin/audit?entityType=api_key');
  const newest = page.getByRole('table', { name: 'Ændringer i revisionsloggen' }).locator('tbody > tr').first();
  await expect(newest).toContainText('Ændret');
  await newest.getByText(/^Vis \d+ felt/).click();
  await expect(newest.getByRole('row', { name: /revoked_at/ })).toBeVisible();
  await expect(page.getByText('secret_hash')).toHaveCount(0);
});

test('the administration screens work in English and on a tablet', async ({ page }) => {
  await page.setViewportSize({ width: 768, height: 1024 });
  await signIn(page, '/admin/users');
  await page.getByLabel('Sprog').selectOption('en');
  await expect(page.getByRole('heading', { level: 1, name: 'Users' })).toBeVisible();
  const menu = page.getByRole('navigation', { name: 'Administration menu' });
  await menu.getByRole('link', { name: 'API keys' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'API keys' })).toBeVisible();
  await menu.getByRole('link', { name: 'Audit log' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Audit log' })).toBeVisible();
  await expect(page.getByLabel('Order')).toHaveValue('newest');
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await screenshot(page, 'admin-audit-en-tablet');
  await expectAccessible(page);
  // Keyboard: the menu is reachable and followable with Tab and Enter.
  await menu.getByRole('link', { name: 'Users' }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'Users' })).toBeVisible();
  await page.getByLabel('Language').selectOption('da');
});
