import { expect, test } from '@playwright/test';
import { expectAccessible, screenshot, signIn } from './helpers';

// Figure 1 of the North Jutland governance model.
const FIGURE_1 = [
  'BRN-bestyrelsen',
  'KKR Nordjylland',
  'Regionsrådet',
  'Klimapolitisk Dialogforum',
  'T11+',
  /^Projektstyregruppe/,
  'Det Fælles Klimasekretariat',
  'BRN-sekretariatet',
  'KKR-sekretariatet',
];

test('the map draws every body of Figure 1 and a click opens the body', async ({ page }) => {
  await signIn(page, '/map');
  await expect(page).toHaveURL(/\/map\/[0-9a-f-]{36}/);
  const map = page.getByRole('figure', { name: /Diagram over styringsmodellen/ });
  await expect(map.locator('.react-flow__node').first()).toBeVisible({ timeout: 30_000 });
  // The map opens on the political level; Figure 1 is the whole model.
  await page.getByRole('group', { name: 'Vis niveau' }).getByRole('radio', { name: 'Hele modellen' }).check();
  for (const name of FIGURE_1) {
    await expect(map.getByRole('link', { name, exact: typeof name === 'string' })).toBeVisible();
  }
  // Labelled, typed relations are drawn as edges.
  await expect(map.locator('.react-flow__edge').first()).toBeAttached();
  await expect(map.getByTestId('map-edge-label').filter({ hasText: 'forbereder' }).first()).toBeAttached();
  // No two drawn bodies overlap, every name fits its box, and the dialogue forum (a political
  // forum) sits in the political band, above T11+.
  const boxes = await map.locator('.react-flow__node').evaluateAll((nodes) =>
    nodes.map((n) => {
      const r = n.getBoundingClientRect();
      const inner = n.querySelector('.map-node')!;
      return {
        name: n.textContent ?? '',
        x: r.x,
        y: r.y,
        w: r.width,
        h: r.height,
        fits: inner.scrollHeight <= inner.clientHeight + 1,
      };
    }),
  );
  // The seeded 27, with the 11 municipal councils and the 5 geographic organisations drawn as one box each
  // (other tests may add bodies of their own).
  expect(boxes.length).toBeGreaterThanOrEqual(13);
  const overlapping = boxes.flatMap((a, i) =>
    boxes
      .slice(i + 1)
      .filter((b) => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h)
      .map((b) => `${a.name} / ${b.name}`),
  );
  expect(overlapping).toEqual([]);
  expect(boxes.filter((b) => !b.fits).map((b) => b.name)).toEqual([]);
  const box = (name: string) => boxes.find((b) => b.name.startsWith(name))!;
  expect(box('Klimapolitisk Dialogforum').y + box('Klimapolitisk Dialogforum').h).toBeLessThan(box('T11+').y);
  await screenshot(page, 'map');
  await expectAccessible(page);

  // At zoom 1 T11+ may lie outside the frame until one pans; its link is reached by keyboard all the same.
  await map.getByRole('link', { name: 'T11+', exact: true }).focus();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/bodies\/[0-9a-f-]{36}/);
  await expect(page.getByRole('heading', { level: 1, name: 'T11+' })).toBeVisible();
});

test('a body page shows its mandate, relations, seats and vacancies, also as of a date', async ({ page }) => {
  await signIn(page, '/bodies');
  await expect(page.getByRole('heading', { level: 1, name: 'Organer' })).toBeVisible();
  await screenshot(page, 'bodies');
  await expectAccessible(page);
  await page.getByRole('table').getByRole('link', { name: 'BRN-bestyrelsen' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'BRN-bestyrelsen' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Kommissorium' })).toBeVisible();
  await expect(page.getByText(/Politisk styregruppe for projektet\. Behandler/)).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Relationer' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Det Fælles Klimasekretariat' }).first()).toBeVisible();
  const seats = page.getByRole('table', { name: 'Pladser og medlemmer' });
  await expect(seats.getByRole('rowheader', { name: /Borgmester, Aalborg Kommune/ })).toBeVisible();
  await expect(page.getByText(/\d+ pladser: \d+ besat, \d+ ledige\./)).toBeVisible();
  await screenshot(page, 'body');
  await expectAccessible(page);

  await page.getByLabel('Vis organet pr. dato').fill('2023-06-01');
  await expect(page).toHaveURL(/asOf=2023-06-01/);
  await expect(seats.getByRole('rowheader', { name: /Borgmester, Aalborg Kommune/ })).toBeVisible();
});

test('appoint a member to a vacant seat and see the seat filled, then end the membership', async ({ page }) => {
  // A person to appoint (people are not seeded: the register starts empty of personal data).
  await signIn(page, '/people');
  await page.getByRole('button', { name: 'Ny person' }).click();
  const personForm = page.getByRole('form', { name: 'Ny person' });
  await personForm.getByLabel(/^Navn/).fill('Testa Testesen');
  await personForm.getByLabel('Titel').fill('Borgmester');
  await personForm.getByLabel('Organisation').selectOption({ label: 'Læsø Kommune' });
  await personForm.getByRole('button', { name: 'Gem' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Testa Testesen' })).toBeVisible();
  await screenshot(page, 'person');
  await expectAccessible(page);

  await page.goto('/bodies?q=BRN-bestyrelsen');
  await page.getByRole('table').getByRole('link', { name: 'BRN-bestyrelsen' }).click();
  const seats = page.getByRole('table', { name: 'Pladser og medlemmer' });
  const row = seats.getByRole('row', { name: /Borgmester, Læsø Kommune/ });
  await expect(row.getByText('Ledig')).toBeVisible();
  await row.getByRole('button', { name: /Udpeg medlem til Borgmester, Læsø Kommune/ }).click();

  const form = page.getByRole('form', { name: /Udpeg medlem til Borgmester, Læsø Kommune/ });
  await form.getByLabel('Søg efter person').fill('Testa');
  await expect(form.getByRole('option', { name: /Testa Testesen/ })).toBeAttached();
  await form.getByLabel(/^Person/).selectOption({ label: 'Testa Testesen (Læsø Kommune)' });
  await form.getByLabel(/Fra dato/).fill('2024-01-01');
  await form.getByLabel('Beslutning (reference)').fill('Læsø KB 2023-12-14');
  await form.getByRole('button', { name: 'Udpeg', exact: true }).click();

  await expect(page.getByRole('status').filter({ hasText: 'Medlemmet er udpeget.' })).toBeVisible();
  const filled = seats.getByRole('row', { name: /Borgmester, Læsø Kommune/ });
  await expect(filled.getByRole('link', { name: 'Testa Testesen' })).toBeVisible();
  await expect(filled.getByText('Ledig')).toHaveCount(0);
  await screenshot(page, 'body-appointed');

  // The person's page lists the membership.
  await filled.getByRole('link', { name: 'Testa Testesen' }).click();
  await expect(page.getByRole('table', { name: 'Medlemskaber' }).getByRole('link', { name: 'BRN-bestyrelsen' })).toBeVisible();
  await page.goBack();

  await seats
    .getByRole('row', { name: /Borgmester, Læsø Kommune/ })
    .getByRole('button', { name: /Afslut Testa Testesens medlemskab/ })
    .click();
  const endForm = page.getByRole('form', { name: /Afslut Testa Testesens medlemskab/ });
  await endForm.getByLabel(/Slutdato/).fill('2024-06-30');
  await endForm.getByLabel(/Begrundelse/).fill('Fratrådt');
  await endForm.getByRole('button', { name: 'Afslut', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Medlemskabet er afsluttet.' })).toBeVisible();
  await expect(seats.getByRole('row', { name: /Borgmester, Læsø Kommune/ }).getByText('Ledig')).toBeVisible();
});

test('an invalid appointment is explained on the field it concerns', async ({ page }) => {
  await signIn(page, '/bodies?q=KKR%20Nordjylland');
  await page.getByRole('table').getByRole('link', { name: 'KKR Nordjylland' }).click();
  const seats = page.getByRole('table', { name: 'Pladser og medlemmer' });
  await seats.getByRole('button', { name: /^Udpeg medlem til/ }).first().click();
  const form = page.getByRole('form', { name: /^Udpeg medlem til/ });
  await form.getByLabel(/Fra dato/).fill('');
  await form.getByRole('button', { name: 'Udpeg', exact: true }).click();
  await expect(form.getByRole('alert')).toBeVisible();
  await expect(form.locator('[aria-invalid="true"]').first()).toBeVisible();
});
