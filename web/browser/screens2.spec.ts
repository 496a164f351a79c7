import { expect, test } from '@playwright/test';
import { expectAccessible, screenshot, signIn } from './helpers';

// The rest of issue 20's screens in Danish, at 1400 × 900, each checked with axe.
test.use({ viewport: { width: 1400, height: 900 } });

test('a body is created from the bodies list; the server’s messages land on the fields they name', async ({ page }) => {
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

  await form.getByLabel(/^Kode/).fill('arbejdsgruppe-energi-s2');
  await form.getByLabel(/^Navn(?! på)/).fill('Arbejdsgruppe for energi');
  await form.getByLabel(/^Type/).selectOption({ label: 'Arbejdsgruppe' });
  await form.getByLabel(/^Forankret hos/).selectOption({ label: 'Aalborg Kommune' });
  await form.getByLabel(/^Nedsat den/).fill('2026-03-01');
  await form.getByRole('button', { name: 'Opret organet' }).click();

  await expect(page.getByRole('heading', { level: 1, name: 'Arbejdsgruppe for energi' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Aalborg Kommune' }).first()).toBeVisible();
  await screenshot(page, 'body-created');

  await page.getByRole('link', { name: '← Organer' }).click();
  await page.getByRole('searchbox').fill('energi');
  await expect(page.getByRole('table').getByRole('link', { name: 'Arbejdsgruppe for energi' })).toBeVisible();
});
