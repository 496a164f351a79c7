import { expect, test } from '@playwright/test';
import { expectAccessible, screenshot, signIn } from './helpers';

// Figures of the seed (SAG-2023-01121): DK2020 0.8 million a year each from BRN and the
// municipalities jointly, the joint secretariat 1.6 million a year from BRN, GEN2040 grants.
const n = (s: string) => s.replace(/\s/g, ' ');

test('the financing dashboard shows the seed figures in charts, allocation table and grants', async ({ page }) => {
  await signIn(page, '/financing');
  await expect(page.getByRole('heading', { level: 1, name: 'Økonomi' })).toBeVisible();
  await expect(page.getByRole('figure', { name: 'Budget pr. år fordelt på betalere' }).locator('canvas')).toBeVisible();
  await expect(page.getByRole('figure', { name: 'Budget og forbrug pr. program' }).locator('canvas')).toBeVisible();
  await expect(page.getByRole('figure', { name: 'Budget mod forbrug pr. år' }).locator('canvas')).toBeVisible();

  const allocation = page.getByRole('table', { name: 'Fordeling pr. betaler og år' });
  const brn = allocation.getByRole('row', { name: /Business Region North Denmark/ });
  const municipalities = allocation.getByRole('row', { name: /De nordjyske kommuner i fællesskab/ });
  await expect(brn).toBeVisible();
  // 2021 | 2022 | 2023 | 2024 | 2025 | 2026 | total
  const brnCells = (await brn.getByRole('cell').allInnerTexts()).map(n);
  expect(brnCells).toEqual([
    '800.000 kr.',
    '800.000 kr.',
    '1.200.000 kr.',
    '1.600.000 kr.',
    '1.600.000 kr.',
    '800.000 kr.',
    '6.800.000 kr.',
  ]);
  const municipalityCells = (await municipalities.getByRole('cell').allInnerTexts()).map(n);
  expect(municipalityCells[0]).toBe('800.000 kr.');
  expect(municipalityCells[2]).toBe('400.000 kr.');
  expect(municipalityCells.at(-1)).toBe('2.000.000 kr.');
  const totals = (await allocation.locator('tfoot td').allInnerTexts()).map(n);
  expect(totals.at(-1)).toBe('8.800.000 kr.');

  const grants = page.getByRole('table', { name: 'Bevillinger' });
  const phase2 = grants.getByRole('row', { name: /GEN2040, fase 2/ }).first();
  await expect(phase2).toContainText('900.000');
  await expect(phase2).toContainText('Frigivet');
  const phase3 = grants.getByRole('row', { name: /GEN2040, fase 3/ }).first();
  await expect(phase3).toContainText('860.000');
  await expect(phase3).toContainText('Reserveret');

  await screenshot(page, 'financing');
  await expectAccessible(page);

  // Filter grants by state; the URL can be shared.
  await page.getByLabel('Status').selectOption('reserved');
  await expect(page).toHaveURL(/grantState=reserved/);
  await expect(grants.getByRole('row', { name: /fase 2/ })).toHaveCount(0);
  await expect(grants.getByRole('row', { name: /fase 3/ })).toHaveCount(1);
});

test('the allocation table downloads as CSV', async ({ page }) => {
  await signIn(page, '/financing');
  await expect(page.getByRole('table', { name: 'Fordeling pr. betaler og år' })).toBeVisible();
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Hent som CSV' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toBe('klima-budget.csv');
  const path = await file.path();
  const { readFileSync } = await import('node:fs');
  const text = readFileSync(path, 'utf8');
  expect(text).toContain('dk2020-secretariat');
  expect(text).toContain('climate-secretariat');
  expect(text.split('\n').length).toBeGreaterThan(5);
});

test('a joint amount is split equally over the 11 municipalities to the øre', async ({ page }) => {
  await signIn(page, '/financing');
  const form = page.getByRole('form', { name: 'Fordel et fælles beløb' });
  await form.getByLabel(/^Beløb/).fill('800000');
  await form.getByLabel(/^Gruppe/).selectOption({ label: 'De nordjyske kommuner i fællesskab (11)' });
  await form.getByRole('button', { name: 'Beregn fordeling' }).click();
  const result = page.getByRole('table', { name: 'Fordelt på 11 parter' });
  await expect(result.getByRole('rowheader', { name: /Aalborg/ })).toBeVisible();
  await expect(result.locator('tbody tr')).toHaveCount(11);
  // 800,000 / 11 = 72,727.27...: largest remainder keeps the sum exact.
  await expect(result.locator('tfoot td')).toHaveText(/800\.000/);
  await expect(result.locator('tbody')).toContainText('72.727,2');
  await expectAccessible(page);
});
