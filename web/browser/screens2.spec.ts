import { expect, test } from '@playwright/test';
import { expectAccessible, screenshot, signIn } from './helpers';

// The rest of issue 20's screens in Danish, at 1400 × 900, each checked with axe.
test.use({ viewport: { width: 1400, height: 900 } });

test('a body is created from the bodies list; the server’s messages land on the fields they name', async ({ page }) => {
  // A code and name of this run's own, so that the spec can run again on the same database.
  const run = Date.now().toString(36);
  const name = `Arbejdsgruppe for energi ${run}`;
  await signIn(page, '/bodies');
  await page.getByRole('link', { name: 'Opret organ' }).click();
  const form = page.getByRole('form', { name: 'Nyt organ' });
  await expect(form).toBeVisible();

  // An invalid code and no name: the server answers per field.
  await form.getByLabel(/^Kode/).fill('Arbejdsgruppe Energi');
  await form.getByRole('button', { name: 'Opret organet' }).click();
  await expect(form.getByRole('alert')).toBeVisible();
  await expect(form.getByLabel(/^Kode/)).toHaveAttribute('aria-invalid', 'true');
  await expect(form.getByLabel(/^Navn(?! på)/)).toHaveAttribute('aria-invalid', 'true');
  await screenshot(page, 'body-create-errors');
  await expectAccessible(page);

  await form.getByLabel(/^Kode/).fill(`arbejdsgruppe-energi-${run}`);
  await form.getByLabel(/^Navn(?! på)/).fill(name);
  await form.getByLabel(/^Type/).selectOption({ label: 'Arbejdsgruppe' });
  await form.getByLabel(/^Forankret hos/).selectOption({ label: 'Aalborg Kommune' });
  await form.getByLabel(/^Nedsat den/).fill('2026-03-01');
  await form.getByRole('button', { name: 'Opret organet' }).click();

  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Aalborg Kommune' }).first()).toBeVisible();
  await screenshot(page, 'body-created');

  await page.getByRole('link', { name: '← Organer' }).click();
  await page.getByRole('searchbox').fill(run);
  await expect(page.getByRole('table').getByRole('link', { name })).toBeVisible();
});

test('the report form asks for the last day of the period, and the audit log names what changed in Danish', async ({ page }) => {
  await signIn(page, '/reports?from=2024-01-01&to=2024-07-01');
  const period = page.getByRole('form', { name: 'Periode' });
  await expect(period.getByLabel('Til og med')).toHaveValue('2024-06-30');
  await expect(page.getByText(/ekskl\./)).toHaveCount(0);
  await period.getByLabel('Til og med').fill('2024-12-31');
  await expect(page).toHaveURL(/from=2024-01-01&to=2025-01-01/);
  await expect(period.getByLabel('Halvår')).toHaveValue('2024-y');
  await screenshot(page, 'report-period');

  await page.goto('/admin/audit?entityType=body');
  const filters = page.getByRole('search', { name: 'Filtre' });
  await expect(filters.getByLabel('Type')).toHaveValue('body');
  const newest = page.getByRole('table', { name: 'Ændringer i revisionsloggen' }).locator('tbody > tr').first();
  await expect(newest).toContainText('Organ');
  await filters.getByLabel('Type').selectOption({ label: 'Person' });
  await filters.getByRole('button', { name: 'Vis' }).click();
  await expect(page).toHaveURL(/entityType=person/);
  await screenshot(page, 'audit-types');
  await expectAccessible(page);
});
