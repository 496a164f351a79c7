import { expect, test, type Page } from '@playwright/test';
import { expectAccessible, screenshot, signIn } from './helpers';

// A body no other spec changes: the national political development group (Figure 2).
const BODY = 'Den nationale politiske udviklingsgruppe';

async function openBody(page: Page) {
  await signIn(page, '/bodies?q=nationale');
  await page.getByRole('table').getByRole('link', { name: BODY }).click();
  await expect(page.getByRole('heading', { level: 1, name: BODY })).toBeVisible();
}

test('editing a body’s mandate saves it, a stale copy is refused, and the audit log shows the change', async ({ page }) => {
  await openBody(page);
  const url = page.url();
  const mandate = 'Klimaalliancens nationale politiske udviklingsgruppe. KKR og regionsrådet udpeger hver ét medlem for valgperioden.';

  // A second person opens the same body for editing before the first one saves.
  const other = await page.context().newPage();
  await other.goto(url);
  await other.getByRole('button', { name: 'Redigér organ' }).click();

  await page.getByRole('button', { name: 'Redigér organ' }).click();
  const form = page.getByRole('form', { name: `Redigér ${BODY}` });
  await expect(form.getByLabel(/^Navn/).first()).toHaveValue(BODY);
  await expect(form.getByLabel('Forankret hos')).toHaveValue('10000000-0000-0000-0000-000000000002');
  await screenshot(page, 'body-edit');
  await expectAccessible(page);

  await form.getByLabel('Kommissorium').fill(mandate);
  await form.getByRole('button', { name: 'Gem' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Ændringerne er gemt.' })).toBeVisible();
  await expect(form).toHaveCount(0);
  await expect(page.getByText(mandate)).toBeVisible();
  await page.reload();
  await expect(page.getByText(mandate)).toBeVisible();

  // The second copy is now stale: the API answers 412 and the form says why, with a reload.
  await other.getByLabel('Kommissorium').fill('En anden tekst');
  await other.getByRole('button', { name: 'Gem' }).click();
  await expect(other.getByRole('alert')).toContainText('ændret af en anden');
  await other.getByRole('button', { name: 'Genindlæs' }).click();
  await expect(other.getByText(mandate)).toBeVisible();
  await other.close();

  // A validation problem lands on the field it concerns.
  await page.getByRole('button', { name: 'Redigér organ' }).click();
  await form.getByLabel(/^Kode/).fill('Ikke En Kode');
  await form.getByRole('button', { name: 'Gem' }).click();
  await expect(form.getByLabel(/^Kode/)).toHaveAttribute('aria-invalid', 'true');
  await expect(form.locator('.field-error')).toContainText('små bogstaver');
  await expectAccessible(page);
  await form.getByRole('button', { name: 'Annuller' }).click();

  // The audit log, reached from the body, shows who changed the mandate, from what to what.
  await page.getByRole('link', { name: 'Se organets ændringer i revisionsloggen' }).click();
  await expect(page).toHaveURL(/\/admin\/audit\?entityType=body&entityId=20000000-0000-0000-0000-000000000010$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Revisionslog' })).toBeVisible();
  const newest = page.getByRole('table', { name: 'Ændringer i revisionsloggen' }).locator('tbody > tr').first();
  await expect(newest).toContainText('admin');
  await expect(newest).toContainText('Ændret');
  await newest.getByText(/^Vis 1 felt/).click();
  const change = newest.getByRole('row', { name: /mandate/ });
  await expect(change.locator('td.before')).toContainText('(figur 2)');
  await expect(change.locator('td.after')).toHaveText(mandate);
  await screenshot(page, 'admin-audit');
  await expectAccessible(page);

  // On a tablet the log and its filters still fit; the table scrolls sideways inside itself if it must.
  await page.setViewportSize({ width: 768, height: 1024 });
  await expect(page.getByRole('search', { name: 'Filtre' })).toBeVisible();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await screenshot(page, 'admin-audit-tablet');
});

test('seats are added and removed, and composition rules added, changed and removed', async ({ page }) => {
  await openBody(page);
  const seats = page.getByRole('table', { name: 'Pladser og medlemmer' });

  // A seat.
  await page.getByRole('button', { name: 'Tilføj plads' }).click();
  const seatForm = page.getByRole('form', { name: `Ny plads i ${BODY}` });
  await seatForm.getByLabel(/^Betegnelse/).fill('Observatør fra Realdania');
  await seatForm.getByLabel(/^Rolle/).selectOption('observer');
  await seatForm.getByLabel('Repræsenterer').selectOption({ label: 'Realdania' });
  await seatForm.getByLabel('Med stemmeret').uncheck();
  await screenshot(page, 'body-seat-form');
  await expectAccessible(page);
  await seatForm.getByRole('button', { name: 'Tilføj plads' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Pladsen »Observatør fra Realdania« er tilføjet.' })).toBeVisible();
  const seat = seats.getByRole('row', { name: /Observatør fra Realdania/ });
  await expect(seat.getByText('Ledig')).toBeVisible();
  await expect(seat.getByRole('link', { name: 'Realdania' })).toBeVisible();
  await expect(page.getByText(/3 pladser: \d+ besat, \d+ ledige\./)).toBeVisible();

  // A hard rule: at most one seat per organisation.
  await page.getByRole('button', { name: 'Ny regel' }).click();
  const ruleForm = page.getByRole('form', { name: `Ny regel for ${BODY}` });
  await ruleForm.getByLabel(/^Regeltype/).selectOption('maxSeatsPerOrganisation');
  await ruleForm.getByLabel(/^Kode/).fill('max-1-per-organisation');
  await ruleForm.getByLabel(/^Antal/).fill('1');
  await ruleForm.getByLabel(/^Beskrivelse/).fill('Højst én repræsentant pr. organisation.');
  await ruleForm.getByRole('button', { name: 'Ny regel' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Reglen »max-1-per-organisation« er oprettet.' })).toBeVisible();
  const rules = page.getByRole('table', { name: 'Regler for sammensætningen' });
  await expect(rules.getByRole('row', { name: /max-1-per-organisation/ })).toContainText('Hård');

  // The rule now refuses a second Realdania seat, on the field it concerns.
  await page.getByRole('button', { name: 'Tilføj plads' }).click();
  await seatForm.getByLabel(/^Betegnelse/).fill('Endnu en fra Realdania');
  await seatForm.getByLabel('Repræsenterer').selectOption({ label: 'Realdania' });
  await seatForm.getByRole('button', { name: 'Tilføj plads' }).click();
  await expect(seatForm.getByLabel('Repræsenterer')).toHaveAttribute('aria-invalid', 'true');
  await expect(seatForm.getByRole('alert')).toBeVisible();
  await seatForm.getByRole('button', { name: 'Annuller' }).click();

  // Changed to a soft rule.
  await rules.getByRole('button', { name: 'Redigér reglen max-1-per-organisation' }).click();
  const editForm = page.getByRole('form', { name: 'Redigér reglen max-1-per-organisation' });
  await editForm.getByLabel(/^Håndhævelse/).selectOption('soft');
  await screenshot(page, 'body-rule-edit');
  await expectAccessible(page);
  await editForm.getByRole('button', { name: 'Gem' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Reglen »max-1-per-organisation« er gemt.' })).toBeVisible();
  await expect(rules.getByRole('row', { name: /max-1-per-organisation/ })).toContainText('Blød');

  // Removed, after a question.
  await rules.getByRole('button', { name: 'Fjern reglen max-1-per-organisation' }).click();
  await page.getByRole('button', { name: 'Ja, fjern' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Reglen »max-1-per-organisation« er fjernet.' })).toBeVisible();
  await expect(page.getByText('Organet har ingen regler for sammensætningen.')).toBeVisible();

  // And the seat goes again; Escape first answers no.
  await seat.getByRole('button', { name: 'Fjern plads – Observatør fra Realdania' }).click();
  const question = page.getByRole('group', { name: /Fjern pladsen »Observatør fra Realdania«\?/ });
  await expect(question).toBeFocused();
  await screenshot(page, 'body-seat-remove');
  await page.keyboard.press('Escape');
  await expect(question).toHaveCount(0);
  await seat.getByRole('button', { name: 'Fjern plads – Observatør fra Realdania' }).click();
  await page.getByRole('button', { name: 'Ja, fjern' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Pladsen »Observatør fra Realdania« er fjernet.' })).toBeVisible();
  await expect(seats.getByRole('row', { name: /Observatør fra Realdania/ })).toHaveCount(0);
  await expect(page.getByText(/2 pladser: \d+ besat, \d+ ledige\./)).toBeVisible();

  // On a tablet the editing controls stay within the page.
  await page.setViewportSize({ width: 768, height: 1024 });
  await page.getByRole('button', { name: 'Redigér organ' }).click();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await screenshot(page, 'body-edit-tablet');
});

test('a seat is edited with its version, and a relation is added and removed', async ({ page }) => {
  await openBody(page);
  const seats = page.getByRole('table', { name: 'Pladser og medlemmer' });

  // The first seat's label is changed, and then changed back.
  const edit = seats.getByRole('button', { name: /^Redigér plads – / }).first();
  const original = ((await edit.getAttribute('aria-label')) ?? '').replace(/^Redigér plads – /, '');
  await edit.click();
  const seatForm = page.getByRole('form', { name: `Redigér pladsen »${original}«` });
  await expect(seatForm.getByLabel(/^Betegnelse/)).toHaveValue(original);
  await screenshot(page, 'body-seat-edit');
  await expectAccessible(page);
  const changed = `${original} (webtest)`;
  await seatForm.getByLabel(/^Betegnelse/).fill(changed);
  await seatForm.getByRole('button', { name: 'Gem pladsen' }).click();
  await expect(page.getByRole('status').filter({ hasText: `Pladsen »${changed}« er gemt.` })).toBeVisible();
  await page.reload();
  await expect(seats.getByRole('rowheader', { name: changed })).toBeVisible();
  await seats.getByRole('button', { name: `Redigér plads – ${changed}` }).click();
  await page.getByRole('form', { name: `Redigér pladsen »${changed}«` }).getByLabel(/^Betegnelse/).fill(original);
  await page.getByRole('button', { name: 'Gem pladsen' }).click();
  await expect(page.getByRole('status').filter({ hasText: `Pladsen »${original}« er gemt.` })).toBeVisible();

  // A relation to another body of the model.
  await page.getByRole('button', { name: 'Tilføj relation' }).click();
  const relationForm = page.getByRole('form', { name: `Ny relation fra ${BODY}` });
  await relationForm.getByLabel(/^Relation/).selectOption('coordinatesWith');
  const to = relationForm.getByLabel(/^Til organ/);
  await expect(to.locator('option').nth(1)).toBeAttached();
  await to.selectOption({ index: 1 });
  const other = (await to.locator('option:checked').textContent())!.trim();
  await screenshot(page, 'body-relation-form');
  await expectAccessible(page);
  await relationForm.getByRole('button', { name: 'Tilføj relation' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Relationen er tilføjet.' })).toBeVisible();
  const relations = page.locator('ul.relations');
  await expect(relations.getByRole('listitem').filter({ hasText: 'koordinerer med' }).getByRole('link', { name: other })).toBeVisible();
  await page.reload();
  await expect(relations.getByRole('listitem').filter({ hasText: 'koordinerer med' }).getByRole('link', { name: other })).toBeVisible();

  // And removed again, after a question.
  await page.getByRole('button', { name: `Fjern relationen koordinerer med ${other}` }).click();
  await expect(page.getByRole('group', { name: `Fjern relationen »koordinerer med« til ${other}?` })).toBeFocused();
  await expectAccessible(page);
  await page.getByRole('button', { name: 'Ja, fjern' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Relationen er fjernet.' })).toBeVisible();
  await expect(page.getByRole('button', { name: `Fjern relationen koordinerer med ${other}` })).toHaveCount(0);
});
