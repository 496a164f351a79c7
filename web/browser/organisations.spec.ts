import { expect, test } from '@playwright/test';
import { expectAccessible, screenshot, signIn } from './helpers';

test('organisations list shows the seeded parties and opens one', async ({ page }) => {
  await signIn(page, '/organisations');
  await expect(page.getByRole('heading', { level: 1, name: 'Organisationer' })).toBeVisible();
  const table = page.getByRole('table');
  await expect(table.getByRole('link', { name: /^Aalborg/ })).toBeVisible();
  await expect(table.getByRole('link', { name: /Region Nordjylland/ })).toBeVisible();
  await screenshot(page, 'organisations');
  await expectAccessible(page);

  await page.getByLabel('Type').selectOption('municipality');
  await expect(page).toHaveURL(/kind=municipality/);
  await expect(table.getByRole('link', { name: /Region Nordjylland/ })).toHaveCount(0);
  await expect(table.getByRole('link', { name: /^Aalborg/ })).toBeVisible();

  await table.getByRole('link', { name: /^Aalborg/ }).click();
  await expect(page).toHaveURL(/\/organisations\/[0-9a-f-]{36}$/);
  await expect(page.getByRole('heading', { level: 1, name: /^Aalborg/ })).toBeVisible();
  await expect(page.getByText('851')).toBeVisible();
  await screenshot(page, 'organisation');
  await expectAccessible(page);
});

test('editing an organisation saves, and a stale copy is refused with an explanation', async ({ page }) => {
  await signIn(page, '/organisations?q=L%C3%A6s%C3%B8');
  await page.getByRole('table').getByRole('link', { name: /^Læsø/ }).click();
  await expect(page.getByRole('heading', { level: 1, name: /^Læsø/ })).toBeVisible();
  const url = page.url();

  // A second person opens the same organisation before the first one saves.
  const other = await page.context().newPage();
  await other.goto(url);
  await other.getByRole('button', { name: 'Redigér organisation' }).click();

  await page.getByRole('button', { name: 'Redigér organisation' }).click();
  await page.getByLabel('Kort navn').fill('Læsø (ø)');
  await page.getByRole('button', { name: 'Gem' }).click();
  await expect(page.getByRole('button', { name: 'Redigér organisation' })).toBeVisible();
  await expect(page.getByText('Læsø (ø)')).toBeVisible();

  await other.getByLabel('Kort navn').fill('Læsø Ø');
  await other.getByRole('button', { name: 'Gem' }).click();
  await expect(other.getByRole('alert')).toContainText('ændret af en anden');
  await other.getByRole('button', { name: 'Genindlæs' }).click();
  await expect(other.getByText('Læsø (ø)')).toBeVisible();
  await other.close();
});

test('a validation problem is shown on the field it concerns', async ({ page }) => {
  await signIn(page, '/organisations?kind=municipality&q=Mors%C3%B8');
  await page.getByRole('table').getByRole('link', { name: /^Morsø/ }).click();
  await page.getByRole('button', { name: 'Redigér organisation' }).click();
  await page.getByLabel(/^Navn/).fill('');
  await page.getByRole('button', { name: 'Gem' }).click();
  const name = page.getByLabel(/^Navn/);
  await expect(name).toHaveAttribute('aria-invalid', 'true');
  await expect(page.locator('.field-error')).not.toHaveCount(0);
  await expectAccessible(page);
});

test('a new organisation can be created, and a duplicate municipality code is refused', async ({ page }) => {
  await signIn(page, '/organisations');
  await page.getByRole('button', { name: 'Ny organisation' }).click();
  const form = page.getByRole('form', { name: 'Ny organisation' });
  await form.getByLabel(/^Navn/).fill('Nordjysk Klimaforening');
  await form.getByLabel(/^Type/).selectOption('association');
  await form.getByRole('button', { name: 'Gem' }).click();
  await expect(page).toHaveURL(/\/organisations\/[0-9a-f-]{36}$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Nordjysk Klimaforening' })).toBeVisible();
  await expect(page.locator('dd').filter({ hasText: /^Forening$/ })).toBeVisible();

  await page.goto('/organisations');
  await page.getByRole('button', { name: 'Ny organisation' }).click();
  await form.getByLabel(/^Navn/).fill('Endnu en Aalborg');
  await form.getByLabel('Kommunekode').fill('851');
  await form.getByRole('button', { name: 'Gem' }).click();
  await expect(form.getByRole('alert')).toBeVisible();
  await expect(page).toHaveURL(/\/organisations$/);
});
