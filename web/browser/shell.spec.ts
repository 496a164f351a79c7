import { expect, test } from '@playwright/test';

test('the app opens in Danish and the language switch persists English', async ({ page }) => {
  await page.goto('/');
  await expect(page).toHaveURL(/\/map/);
  await expect(page.locator('html')).toHaveAttribute('lang', 'da');
  const nav = page.getByRole('navigation', { name: 'Hovedmenu' });
  await expect(nav.getByRole('link', { name: 'Organer' })).toBeVisible();

  await page.getByLabel('Sprog').selectOption('en');
  await expect(page.getByRole('navigation', { name: 'Main navigation' })).toBeVisible();
  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.getByRole('link', { name: 'Bodies' })).toBeVisible();
});

test('the skip link moves keyboard focus to the content', async ({ page }) => {
  await page.goto('/map');
  const skip = page.getByRole('link', { name: 'Gå til indhold' });
  await expect(skip).toBeAttached();
  await page.keyboard.press('Tab');
  await expect(skip).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.locator('main')).toBeFocused();
});

test('an unknown address shows a not-found page with a way home', async ({ page }) => {
  await page.goto('/no-such-page');
  await expect(page.getByRole('heading', { level: 1, name: 'Siden findes ikke.' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Til forsiden' })).toBeVisible();
});
