import { expect, test } from '@playwright/test';
import { signIn } from './helpers';

// Issue 20's third everyday task on the financing screens (the organisation pages are in screens.spec.ts): what
// Region Nordjylland and BRN each pay for the joint secretariat in 2024, found from the main menu alone.
test.use({ viewport: { width: 1400, height: 900 } });

const n = (s: string) => s.replace(/\s/g, ' ');

test('hvad Region Nordjylland og BRN hver betaler til sekretariatet i 2024, fundet på økonomiskærmene', async ({ page }) => {
  await signIn(page, '/');
  await page.getByRole('navigation', { name: 'Hovedmenu' }).getByRole('link', { name: 'Økonomi' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Økonomi' })).toBeVisible();

  // BRN's share of the budgets in force, in the 2024 column.
  const allocation = page.getByRole('table', { name: 'Fordeling pr. betaler og år' });
  await expect(allocation.getByRole('columnheader', { name: '2024', exact: true })).toBeVisible();
  const years = (await allocation.locator('thead th').allInnerTexts()).map(n);
  const column = years.indexOf('2024');
  expect(column, `a 2024 column among ${years.join(' | ')}`).toBeGreaterThan(0);
  const brnRow = allocation.getByRole('row', { name: /Business Region North Denmark/ });
  const brnCells = (await brnRow.locator('th, td').allInnerTexts()).map(n);
  expect(brnCells[column]).toBe('1.600.000 kr.');

  // Region Nordjylland pays in kind: a full-time climate employee for the secretariat, on the staffing screen with
  // its annual cost and a period that covers 2024, said with its last day.
  await page.getByRole('link', { name: 'Bemanding' }).first().click();
  await expect(page.getByRole('heading', { level: 1, name: 'Bemanding' })).toBeVisible();
  const staffing = page.getByRole('table', { name: 'Bemanding' });
  const region = staffing.getByRole('row', { name: /regionalt finansieret ressource/ });
  await expect(region).toContainText('Region Nordjylland');
  await expect(region).toContainText('Det Fælles Klimasekretariat');
  await expect(region).toContainText(/800\.000\s*kr\./);
  await expect(region).toContainText('1. jul. 2023 – 30. jun. 2026');
  await expect(region.getByRole('cell').first()).toHaveText('1');
});
