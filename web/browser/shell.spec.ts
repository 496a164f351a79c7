import { expect, test } from '@playwright/test';
import { expectAccessible, screenshot, signIn } from './helpers';

test('an anonymous visitor is asked to sign in, in Danish, and a wrong password is explained', async ({ page }) => {
  await page.goto('/organisations');
  await expect(page).toHaveURL(/\/login\?next=%2Forganisations/);
  await expect(page.locator('html')).toHaveAttribute('lang', 'da');
  await expect(page.getByRole('heading', { level: 1, name: 'Log ind' })).toBeVisible();
  await screenshot(page, 'login');
  await expectAccessible(page);

  await page.getByLabel('Brugernavn').fill('admin');
  await page.getByLabel('Adgangskode').fill('not-the-password');
  await page.getByRole('button', { name: 'Log ind' }).click();
  await expect(page.getByRole('alert')).toContainText('Brugernavn eller adgangskode er forkert.');
});

test('signing in returns to the page asked for, and signing out ends the session', async ({ page }) => {
  await signIn(page, '/organisations');
  await expect(page).toHaveURL(/\/organisations$/);
  await page.getByRole('button', { name: 'Log ud' }).click();
  await expect(page).toHaveURL(/\/login/);
  await page.goto('/organisations');
  await expect(page).toHaveURL(/\/login/);
});

test('the language switch changes to English and persists', async ({ page }) => {
  await signIn(page);
  const nav = page.getByRole('navigation', { name: 'Hovedmenu' });
  await expect(nav.getByRole('link', { name: 'Organer' })).toBeVisible();
  await page.getByLabel('Sprog').selectOption('en');
  await expect(page.getByRole('navigation', { name: 'Main navigation' })).toBeVisible();
  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.getByRole('link', { name: 'Bodies' })).toBeVisible();
  await page.getByLabel('Language').selectOption('da');
  await expect(page.locator('html')).toHaveAttribute('lang', 'da');
});

test('the skip link moves keyboard focus to the content', async ({ page }) => {
  await signIn(page, '/organisations');
  await page.reload();
  const skip = page.getByRole('link', { name: 'Gå til indhold' });
  await expect(skip).toBeAttached();
  await page.keyboard.press('Tab');
  await expect(skip).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.locator('main')).toBeFocused();
});

test('an unknown address shows a not-found page with a way home', async ({ page }) => {
  await signIn(page, '/no-such-page');
  await expect(page.getByRole('heading', { level: 1, name: 'Siden findes ikke.' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Til forsiden' })).toBeVisible();
});
