import { expect, test } from '@playwright/test';
import { expectAccessible, screenshot, signIn } from './helpers';

// The screens of issue 20 in Danish, at the 1400 × 900 the issue names, each checked with axe.
test.use({ viewport: { width: 1400, height: 900 } });

test('what Region Nordjylland and BRN each pay for the secretariat in 2024, found from the organisation pages', async ({ page }) => {
  await signIn(page, '/organisations');
  await page.getByRole('table').getByRole('link', { name: /^Region Nordjylland/ }).click();
  await expect(page.getByRole('heading', { level: 1, name: /^Region Nordjylland/ })).toBeVisible();

  const regionPays = page.getByRole('table', { name: 'Betaler i 2024' });
  const resource = regionPays.getByRole('row', { name: /Klimaalliancen/ });
  await expect(resource).toContainText('Region Nordjylland');
  await expect(resource).toContainText('1 årsværk');
  await expect(resource).toContainText('Tilsagn');
  // The Region employs two of the joint secretariat's funded positions.
  await expect(page.getByRole('table', { name: 'Modtager i 2024' }).getByRole('row', { name: /Det Fælles Klimasekretariat/ })).toHaveCount(2);
  await expect(page.getByRole('heading', { level: 2, name: 'Pladser' })).toBeVisible();
  await screenshot(page, 'organisation-region');
  await expectAccessible(page);

  await page.getByRole('link', { name: '← Organisationer' }).click();
  await page.getByRole('table').getByRole('link', { name: /^Business Region North Denmark/ }).click();
  await expect(page.getByRole('heading', { level: 1, name: /^Business Region North Denmark/ })).toBeVisible();
  const brnPays = page.getByRole('table', { name: 'Betaler i 2024' });
  // Its approved budget for the year, beside its commitment for the whole three-year period.
  const secretariat = brnPays.getByRole('row', { name: /Det Fælles Klimasekretariat/ }).filter({ hasText: 'Budget' });
  await expect(secretariat).toContainText(/1\.600\.000\s*kr\./);
  await expect(brnPays.getByRole('row', { name: /Det Fælles Klimasekretariat/ }).filter({ hasText: 'Tilsagn' })).toContainText('3 årsværk');
  await screenshot(page, 'organisation-brn');
  await expectAccessible(page);
});

test('a person is appointed to a body from their own page, offered only their organisation’s vacant seats', async ({ page }) => {
  await signIn(page, '/people');
  await page.getByRole('button', { name: 'Ny person' }).click();
  const personForm = page.getByRole('form', { name: 'Ny person' });
  await personForm.getByLabel(/^Navn/).fill('Frida Frederiksen');
  await personForm.getByLabel('Titel').fill('Borgmester');
  await personForm.getByLabel('Organisation').selectOption({ label: 'Frederikshavn Kommune' });
  await personForm.getByRole('button', { name: 'Gem' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Frida Frederiksen' })).toBeVisible();

  await page.getByRole('button', { name: 'Udpeg til et organ' }).click();
  const form = page.getByRole('form', { name: 'Udpeg til et organ' });
  const seat = form.getByLabel(/Ledig plads/);
  await expect(seat.getByRole('option').first()).toBeAttached();
  const options = await seat.getByRole('option').allTextContents();
  expect(options.length).toBeGreaterThan(0);
  // Only Frederikshavn's seats are offered.
  expect(options.filter((o) => /Læsø|Aalborg Kommune/.test(o))).toEqual([]);
  const brnSeat = options.find((o) => o.startsWith('BRN-bestyrelsen'));
  expect(brnSeat, `a vacant BRN board seat among ${options.join(' | ')}`).toBeTruthy();
  await seat.selectOption({ label: brnSeat! });
  await form.getByLabel(/Beslutning/).fill('Frederikshavn BY 2026-11-30');
  await screenshot(page, 'person-appoint');
  await expectAccessible(page);
  await form.getByRole('button', { name: 'Udpeg', exact: true }).click();

  await expect(page.getByRole('status')).toContainText('Udpeget til BRN-bestyrelsen');
  await expect(page.getByRole('table', { name: 'Medlemskaber' }).getByRole('link', { name: 'BRN-bestyrelsen' })).toBeVisible();

  // The seat is no longer offered.
  await page.getByRole('button', { name: 'Udpeg til et organ' }).click();
  await expect(page.getByRole('form', { name: 'Udpeg til et organ' }).getByRole('option', { name: brnSeat!, exact: true })).toHaveCount(0);
});

test('meetings are in the main navigation and the list counts the items on each agenda', async ({ page }) => {
  await signIn(page, '/');
  await page.getByRole('navigation', { name: 'Hovedmenu' }).getByRole('link', { name: 'Møder' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Møder' })).toBeVisible();
  // The seed puts the governance-model case on KKR Nordjylland's meeting of 10 February 2023.
  const kkr = page.getByRole('row', { name: /10\. feb\.? 2023.*KKR Nordjylland/ });
  await expect(kkr.getByRole('cell').last()).toHaveText('1');
  await screenshot(page, 'meetings');
  await expectAccessible(page);
});

test('the organisation page is a readable list on a phone', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await signIn(page, '/organisations');
  await page.getByRole('table').getByRole('link', { name: /^Region Nordjylland/ }).click();
  await expect(page.getByRole('table', { name: 'Betaler i 2024' })).toBeVisible();
  await screenshot(page, 'organisation-region-phone');
  await expectAccessible(page);
});
