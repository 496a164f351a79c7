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

// ---- Grants, budgets, actuals and staffing: the screens that change financing data. ----
// Each test makes its own data (a grant, a draft, an actual) rather than moving the seed's, so
// the figures checked above stay as the source document states them. scripts/test.sh starts
// every run on a fresh database.

const run = Date.now().toString(36);
/** "1.234.567,89 kr." -> øre, exactly (for checking a sum the page shows). */
const ore = (text: string) => {
  const m = /(-?[\d.]+)(?:,(\d{1,2}))?/.exec(n(text).replace(/\s/g, ''));
  if (!m) throw new Error(`no amount in ${text}`);
  return Number(m[1]!.replace(/\./g, '')) * 100 + Number((m[2] ?? '0').padEnd(2, '0'));
};

test('a reserved grant is released after a confirmation, and the released sum goes up by its amount', async ({ page }) => {
  await signIn(page, '/financing/grants');
  await expect(page.getByRole('heading', { level: 1, name: 'Bevillinger' })).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Økonomi' }).getByRole('link', { name: 'Bevillinger' })).toHaveAttribute('aria-current', 'page');
  await page.getByLabel('Program').selectOption({ label: 'Det Fælles Klimasekretariat' });
  await expect(page).toHaveURL(/programme=/);
  await expect(page.getByRole('table', { name: /Bevillinger til Det Fælles Klimasekretariat/ })).toBeVisible();
  await screenshot(page, 'financing-grants');
  await expectAccessible(page);

  // Reserve a grant through the form; an amount in Danish notation with øre.
  await page.getByRole('link', { name: 'Reservér en bevilling' }).click();
  const reserve = page.getByRole('form', { name: 'Reservér en bevilling' });
  await expect(reserve.getByLabel(/^Program/)).toHaveValue(/.+/);
  await reserve.getByLabel(/^Betaler/).selectOption({ label: 'Business Region North Denmark (BRN)' });
  await reserve.getByLabel(/^Titel/).fill(`Webtest-reservation ${run}`);
  await reserve.getByLabel(/^Beløb/).fill('1234.5');
  await reserve.getByLabel(/^Reserveret ved beslutning/).fill('SAG-TEST, BRN-bestyrelsen');
  await reserve.getByRole('button', { name: 'Reservér en bevilling' }).click();
  // Danish notation is asked for rather than guessed.
  await expect(reserve.getByLabel(/^Beløb/)).toHaveAttribute('aria-invalid', 'true');
  await expect(reserve.locator('.field-error')).toContainText('punktum mellem tusinder og komma før øre');
  await screenshot(page, 'financing-grant-reserve');
  await expectAccessible(page);
  await reserve.getByLabel(/^Beløb/).fill('125.000,50');
  await reserve.getByRole('button', { name: 'Reservér en bevilling' }).click();

  await expect(page).toHaveURL(/\/financing\/grants\/[0-9a-f-]{36}$/);
  await expect(page.getByRole('heading', { level: 1, name: new RegExp(`Webtest-reservation ${run}`) })).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: 'Bevillingen er reserveret.' })).toBeVisible();
  const totals = page.getByRole('table', { name: 'Bevillinger til Det Fælles Klimasekretariat efter status' });
  const released = totals.getByRole('row', { name: /Frigivet/ }).getByRole('cell');
  const reserved = totals.getByRole('row', { name: /Reserveret/ }).getByRole('cell');
  await expect(reserved).not.toHaveText('0 kr.');
  const releasedBefore = ore(await released.innerText());
  const reservedBefore = ore(await reserved.innerText());
  // Only the steps a reserved grant allows.
  await expect(page.getByRole('button', { name: 'Frigiv' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Registrér som forbrugt' })).toHaveCount(0);

  // Someone else opens the same grant before it is released.
  const other = await page.context().newPage();
  await other.goto(page.url());
  await other.getByRole('button', { name: 'Frigiv' }).click();

  await page.getByRole('button', { name: 'Frigiv' }).click();
  const form = page.getByRole('form', { name: 'Frigiv bevillingen' });
  await form.getByLabel(/^Beslutning/).fill('SAG-TEST, BRN-bestyrelsen 01.03.2026');
  await form.getByRole('button', { name: 'Frigiv' }).click();
  const confirm = page.getByRole('alertdialog');
  await expect(confirm).toContainText('Frigive 125.000,50 kr. fra Business Region North Denmark (BRN) til Det Fælles Klimasekretariat?');
  await expect(confirm.getByRole('button', { name: 'Ja, frigiv' })).toBeFocused();
  await screenshot(page, 'financing-grant-confirm');
  await expectAccessible(page);
  await confirm.getByRole('button', { name: 'Ja, frigiv' }).click();

  await expect(page.getByRole('status').filter({ hasText: 'Bevillingen er frigivet.' })).toBeVisible();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Frigivet');
  await expect.poll(async () => ore(await released.innerText())).toBe(releasedBefore + 12_500_050);
  await expect.poll(async () => ore(await reserved.innerText())).toBe(reservedBefore - 12_500_050);
  await expect(page.getByRole('button', { name: 'Frigiv' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Registrér som forbrugt' })).toBeVisible();
  await expect(page.getByRole('listitem').filter({ hasText: 'SAG-TEST, BRN-bestyrelsen 01.03.2026' })).toBeVisible();
  await screenshot(page, 'financing-grant');
  await expectAccessible(page);

  // The other copy is stale now: the API's 412 is explained, and a reload shows the release.
  const otherForm = other.getByRole('form', { name: 'Frigiv bevillingen' });
  await otherForm.getByLabel(/^Beslutning/).fill('SAG-TEST, dobbelt');
  await otherForm.getByRole('button', { name: 'Frigiv' }).click();
  await other.getByRole('button', { name: 'Ja, frigiv' }).click();
  await expect(other.getByRole('alert')).toContainText('ændret af en anden');
  await other.getByRole('button', { name: 'Genindlæs' }).click();
  await expect(other.getByRole('heading', { level: 1 })).toContainText('Frigivet');
  await expect(other.getByRole('button', { name: 'Frigiv' })).toHaveCount(0);
  await other.close();
});

test('a new draft of a budget shows the API\'s line errors, is saved and then approved', async ({ page }) => {
  await signIn(page, '/financing/budgets');
  await expect(page.getByRole('heading', { level: 1, name: 'Budgetter' })).toBeVisible();
  await expect(page.getByRole('table', { name: 'Budgetter' }).getByRole('row', { name: /DK2020-sekretariatet/ })).toContainText('4.000.000 kr.');
  await screenshot(page, 'financing-budgets');
  await expectAccessible(page);
  await page.getByRole('link', { name: /^Det Fælles Klimasekretariat 2\. halvår 2023/ }).click();
  await expect(page).toHaveURL(/\/financing\/budgets\/[0-9a-f-]{36}$/);
  const versions = page.getByRole('table', { name: 'Versioner' });
  await expect(versions.getByRole('row', { name: /Version 1\b/ })).toContainText('I kraft');
  await screenshot(page, 'financing-budget');
  await expectAccessible(page);

  await page.getByRole('link', { name: /^Ny kladde ud fra version \d+/ }).click();
  await expect(page).toHaveURL(/\/versions\/new\?from=\d+$/);
  const editor = page.getByRole('form', { name: /^Ny kladde til/ });
  await expect(editor.getByLabel('Periode, linje 6')).toHaveValue('2026-H1');
  await expect(editor.getByLabel('Beløb, linje 1')).toHaveValue('800.000');
  // A period outside the programme: only the API knows, and it says so on that line's field.
  await editor.getByLabel('Periode, linje 1').fill('2030');
  await editor.getByLabel('Bemærkning, linje 1').fill(`Webtest ${run}`);
  await editor.getByRole('button', { name: 'Gem kladde' }).click();
  const period = editor.getByLabel('Periode, linje 1');
  await expect(period).toHaveAttribute('aria-invalid', 'true');
  await expect(editor.locator('.field-error').first()).toContainText('uden for programmet');
  await screenshot(page, 'financing-budget-draft');
  await expectAccessible(page);
  await period.fill('2023-H2');
  await editor.getByRole('button', { name: 'Gem kladde' }).click();

  await expect(page).toHaveURL(/\/versions\/\d+$/);
  const number = page.url().split('/').pop();
  await expect(page.getByRole('status').filter({ hasText: `Kladden er gemt som version ${number}.` })).toBeVisible();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Kladde');
  await expect(page.getByRole('table', { name: 'Budgetlinjer' }).locator('tfoot')).toContainText('4.800.000 kr.');

  // By keyboard only: Enter submits the form, Escape leaves the confirmation, Enter confirms.
  const approve = page.getByRole('form', { name: 'Godkend versionen' });
  await approve.getByLabel(/^Beslutning/).focus();
  await page.keyboard.type('SAG-TEST, BRN-bestyrelsen');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('alertdialog')).toContainText(`Godkende version ${number} af Det Fælles Klimasekretariat`);
  await expect(page.getByRole('button', { name: 'Ja, godkend' })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('alertdialog')).toHaveCount(0);
  await approve.getByRole('button', { name: 'Godkend versionen' }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('button', { name: 'Ja, godkend' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('status').filter({ hasText: `Version ${number} er godkendt.` })).toBeVisible();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Revideret');
  await expect(page.getByRole('heading', { level: 1 })).toContainText('I kraft');
  await expect(page.getByRole('form', { name: 'Godkend versionen' })).toHaveCount(0);
  await screenshot(page, 'financing-budget-version');
  await expectAccessible(page);

  await page.getByRole('link', { name: 'Alle versioner af budgettet' }).click();
  await expect(versions.getByRole('row', { name: new RegExp(`Version ${number}\\b`) })).toContainText('I kraft');
  await expect(versions.getByRole('row', { name: /Version 1\b/ })).not.toContainText('I kraft');
});

test('a new budget is created with its first lines and listed', async ({ page }) => {
  await signIn(page, '/financing/budgets');
  await page.getByRole('link', { name: 'Nyt budget' }).click();
  await expect(page).toHaveURL(/\/financing\/budgets\/new$/);
  const form = page.getByRole('form', { name: 'Nyt budget' });
  const name = `Webtestbudget ${run}`;
  await form.getByLabel(/^Program/).selectOption({ label: 'GEN2040, fase 3' });
  // A code the API refuses: its message lands on the field.
  await form.getByLabel(/^Kode/).fill('Ikke En Kode');
  await form.getByLabel(/^Navn/).fill(name);
  await form.getByLabel('Periode, linje 1').fill('2024');
  await form.getByLabel('Betaler, linje 1').selectOption({ index: 1 });
  await form.getByLabel('Beløb, linje 1').fill('250.000');
  await form.getByRole('button', { name: 'Opret budget' }).click();
  await expect(form.getByLabel(/^Kode/)).toHaveAttribute('aria-invalid', 'true');
  await expect(form.locator('.field-error').first()).toContainText('små bogstaver');
  await screenshot(page, 'financing-budget-new');
  await expectAccessible(page);

  await form.getByLabel(/^Kode/).fill(`webtest-${run}`);
  await form.getByRole('button', { name: 'Opret budget' }).click();
  await expect(page).toHaveURL(/\/financing\/budgets\/[0-9a-f-]{36}$/);
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: `Budgettet ${name} er oprettet` })).toBeVisible();
  await expect(page.getByRole('table', { name: 'Versioner' }).getByRole('row', { name: /Version 1\b/ })).toContainText('Kladde');

  await page.getByRole('link', { name: 'Alle budgetter' }).click();
  const row = page.getByRole('table', { name: 'Budgetter' }).getByRole('row', { name: new RegExp(name) });
  await expect(row).toContainText(`webtest-${run}`);
  await expect(row).toContainText('Kladde');
});

test('an actual is recorded against a budget line and listed with budget versus actual', async ({ page }) => {
  await signIn(page, '/financing/actuals');
  await expect(page.getByRole('heading', { level: 1, name: 'Forbrug' })).toBeVisible();
  await page.getByRole('link', { name: 'Registrér forbrug' }).click();
  const form = page.getByRole('form', { name: 'Registrér forbrug' });
  await form.getByLabel(/^Budget$|^Budget \*/).selectOption({ label: 'Det Fælles Klimasekretariat 2. halvår 2023 - 1. halvår 2026' });
  await form.getByLabel(/^Budgetlinje/).selectOption({ index: 3 });
  await expect(form.getByLabel(/^Periode/)).toHaveValue('2024-H2');
  await form.getByLabel(/^Beløb/).fill('12.345,67');
  await form.getByLabel(/^Bilag eller reference/).fill(`WEB-${run}`);
  await screenshot(page, 'financing-actual-record');
  await expectAccessible(page);
  await form.getByRole('button', { name: 'Registrér forbrug' }).click();

  await expect(page).toHaveURL(/\/financing\/actuals\?budget=[0-9a-f-]{36}$/);
  await expect(page.getByRole('status').filter({ hasText: 'Forbruget er registreret.' })).toBeVisible();
  const row = page.getByRole('row', { name: new RegExp(`WEB-${run}`) });
  await expect(row).toContainText('12.345,67 kr.');
  await expect(row).toContainText('2. halvår 2024');
  await expect(page.getByRole('figure', { name: 'Budget mod forbrug pr. år: Det Fælles Klimasekretariat' }).locator('canvas')).toBeVisible();
  await page.getByRole('figure', { name: /Budget mod forbrug/ }).getByText('Vis tallene som tabel').click();
  await expect(page.getByRole('figure', { name: /Budget mod forbrug/ }).getByRole('row', { name: /2024/ })).toContainText('12.345,67');
  await screenshot(page, 'financing-actuals');
  await expectAccessible(page);
  await expect(page.getByRole('link', { name: 'Se økonomioversigten for programmet' })).toHaveAttribute('href', /\/financing\?programme=/);
});

test('the funding of a secretariat position is edited with its version', async ({ page }) => {
  await signIn(page, '/financing/staffing');
  await expect(page.getByRole('heading', { level: 1, name: 'Bemanding' })).toBeVisible();
  const table = page.getByRole('table', { name: 'Bemanding' });
  const position = table.getByRole('row', { name: /Klimamedarbejder \(GEN2040\)/ });
  await expect(position).toContainText('Det Fælles Klimasekretariat');
  await screenshot(page, 'financing-staffing');
  await expectAccessible(page);

  await position.getByRole('link', { name: /Redigér finansieringen af Klimamedarbejder \(GEN2040\)/ }).click();
  await expect(page).toHaveURL(/\/financing\/staffing\/[0-9a-f-]{36}$/);
  const form = page.getByRole('form', { name: /^Finansiering af Klimamedarbejder \(GEN2040\)/ });
  const cost = 600_000 + (Date.now() % 1000);
  const typed = cost.toLocaleString('da-DK');
  await form.getByLabel(/^Årlig udgift/).fill(typed);
  await screenshot(page, 'financing-position');
  await expectAccessible(page);
  await form.getByRole('button', { name: 'Gem' }).click();
  await expect(page).toHaveURL(/\/financing\/staffing$/);
  await expect(page.getByRole('status').filter({ hasText: 'er gemt' })).toBeVisible();
  await expect(position).toContainText(`${typed} kr.`);
});

test('the financing screens are in English when English is chosen', async ({ page }) => {
  await signIn(page, '/financing/budgets');
  await page.getByLabel('Sprog').selectOption('en');
  await expect(page.getByRole('heading', { level: 1, name: 'Budgets' })).toBeVisible();
  const nav = page.getByRole('navigation', { name: 'Financing' });
  await expect(nav.getByRole('link', { name: 'Actuals' })).toBeVisible();
  await nav.getByRole('link', { name: 'Staffing' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Staffing' })).toBeVisible();
  await expect(page.getByRole('table', { name: 'Staffing' }).getByRole('columnheader', { name: 'Funded by' })).toBeVisible();
  await nav.getByRole('link', { name: 'Grants' }).click();
  await page.getByLabel('Programme').selectOption({ label: 'GEN2040, fase 3' });
  const totals = page.getByRole('table', { name: 'Grants to GEN2040, fase 3 by state' });
  await expect(totals.getByRole('row', { name: /Reserved/ })).toContainText('DKK 860,000');
  await screenshot(page, 'financing-grants-en');
  await expectAccessible(page);
  await page.getByLabel('Language').selectOption('da');
});
