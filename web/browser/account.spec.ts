import { expect, test } from '@playwright/test';
import { expectAccessible, screenshot, signIn } from './helpers';

test('a staff member changes their password, and an administrator disables the account: its session ends at once', async ({ page, browser }) => {
  // The administrator creates the account.
  await signIn(page, '/admin/users/new');
  const username = `konto.${Date.now()}`;
  const form = page.getByRole('form', { name: 'Ny bruger' });
  await form.getByLabel(/^Brugernavn/).fill(username);
  await form.getByLabel(/^Navn/).fill('Konto Test');
  await form.getByLabel(/^Adgangskode/).fill('den-første-adgangskode');
  await form.getByLabel(/^Rolle/).selectOption('reader');
  await form.getByRole('button', { name: 'Opret bruger' }).click();
  await expect(page).toHaveURL(/\/admin\/users$/);

  // The staff member signs in in another browser and changes the password.
  const other = await browser.newContext();
  const staff = await other.newPage();
  await staff.goto('/login?next=%2F');
  await staff.getByLabel('Brugernavn').fill(username);
  await staff.getByLabel('Adgangskode').fill('den-første-adgangskode');
  await staff.getByRole('button', { name: 'Log ind' }).click();
  await staff.getByRole('link', { name: 'Skift adgangskode' }).click();
  await expect(staff.getByRole('heading', { level: 1, name: 'Skift adgangskode' })).toBeVisible();
  await staff.getByLabel(/Nuværende adgangskode/).fill('forkert-adgangskode');
  await staff.getByLabel(/^Ny adgangskode/).fill('den-anden-adgangskode');
  await staff.getByLabel(/Gentag ny adgangskode/).fill('den-anden-adgangskode');
  await staff.getByRole('button', { name: 'Skift adgangskode' }).click();
  await expect(staff.getByRole('alert')).toContainText('Den nuværende adgangskode er forkert.');
  await staff.getByLabel(/Nuværende adgangskode/).fill('den-første-adgangskode');
  await staff.getByRole('button', { name: 'Skift adgangskode' }).click();
  await expect(staff.getByRole('status')).toContainText('Din adgangskode er skiftet.');
  await screenshot(staff, 'account-password');
  await expectAccessible(staff);
  // Still signed in with the new session.
  await staff.goto('/organisations');
  await expect(staff.getByRole('button', { name: 'Log ud' })).toBeVisible();

  // The administrator disables the account; the staff member's next request is refused.
  await page.reload();
  await page.getByRole('button', { name: `Deaktivér ${username} (logges ud med det samme)` }).click();
  await expect(page.getByRole('row', { name: new RegExp(username.replace('.', '\\.')) })).toContainText('Deaktiveret');
  await screenshot(page, 'admin-user-disabled');
  const refused = await staff.request.get('/api/organisations');
  expect(refused.status()).toBe(401);
  await staff.reload();
  await expect(staff).toHaveURL(/\/login/);
  await expect(staff.getByRole('heading', { level: 1, name: 'Log ind' })).toBeVisible();

  // Enabled again, the new password signs in.
  await page.getByRole('button', { name: `Aktivér ${username} igen` }).click();
  await expect(page.getByRole('row', { name: new RegExp(username.replace('.', '\\.')) })).toContainText('Aktiv');
  await staff.goto('/login?next=%2F');
  await staff.getByLabel('Brugernavn').fill(username);
  await staff.getByLabel('Adgangskode').fill('den-anden-adgangskode');
  await staff.getByRole('button', { name: 'Log ind' }).click();
  await expect(staff.getByRole('button', { name: 'Log ud' })).toBeVisible();
  await other.close();
});
