import { expect, test } from '@playwright/test';
import { danishToday, decisionText, expectAccessible, screenshot, signIn } from './helpers';

test('the seeded case shows its route as a timeline with recommendation and decisions', async ({ page }) => {
  await signIn(page, '/cases');
  await expect(page.getByRole('heading', { level: 1, name: 'Sager' })).toBeVisible();
  const link = page.getByRole('table').getByRole('link', { name: /Model for geografisk organisering/ });
  await expect(link).toBeVisible();
  await screenshot(page, 'cases');
  await expectAccessible(page);

  await link.click();
  await expect(page.getByRole('heading', { level: 1, name: /Model for geografisk organisering/ })).toBeVisible();
  await expect(page.getByText('KLIMA-2023-0001')).toBeVisible();
  const route = page.getByRole('list', { name: 'Sagens forløb' });
  // Financing is sequential, as the seeds describe it: KKR recommends, then the BRN board decides.
  await expect(route.getByRole('heading', { name: /Politisk behandling i KKR/ })).toBeVisible();
  await expect(route.getByRole('heading', { name: /Beslutning om finansiering/ })).toBeVisible();
  await expect(route.getByText('Behandles parallelt')).toHaveCount(0);
  await expect(route.getByRole('link', { name: 'KKR Nordjylland' })).toBeVisible();
  await expect(route.getByRole('link', { name: 'BRN-bestyrelsen' })).toBeVisible();
  await expect(route.getByText(/Det indstilles, at KKR Nordjylland/)).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Hvorfor denne vej?' })).toBeVisible();
  await screenshot(page, 'case');
  await expectAccessible(page);

  await page.goto('/meetings');
  await expect(page.getByRole('heading', { level: 1, name: 'Møder og dagsordener' })).toBeVisible();
  // The KKR meeting of 10 February 2023 treated the seed case (the one of 18 November 2022 has no agenda in Klima).
  await page.getByRole('row', { name: /KKR Nordjylland/ }).filter({ hasText: '2023' }).getByRole('link').first().click();
  await expect(page.getByRole('heading', { name: 'Dagsorden' })).toBeVisible();
  await expect(page.getByRole('link', { name: /KLIMA-2023-0001/ })).toBeVisible();
  await screenshot(page, 'meeting');
  await expectAccessible(page);
});

test('create a case and record decisions until it shows decided', async ({ page }) => {
  await signIn(page, '/cases');
  await page.getByRole('button', { name: 'Ny sag' }).click();
  const form = page.getByRole('form', { name: 'Ny sag' });
  await form.getByRole('button', { name: 'Opret sag' }).click();
  // An empty title is refused on the title field.
  await expect(form.getByLabel(/^Titel/)).toHaveAttribute('aria-invalid', 'true');

  await form.getByLabel(/^Titel/).fill('Fælles indkøb af klimaregnskaber');
  await form.getByLabel('Sagsfremstilling (resumé)').fill('Forslag om fælles indkøb af værktøj til klimaregnskaber.');
  await form.getByLabel(/^Interesse/).selectOption({ label: 'Fælles kommunal og regional interesse' });
  await form.getByRole('button', { name: 'Opret sag' }).click();

  await expect(page).toHaveURL(/\/cases\/[0-9a-f-]{36}$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Fælles indkøb af klimaregnskaber' })).toBeVisible();
  await expect(page.getByTestId('case-state')).toHaveText('Under behandling');
  const route = page.getByRole('list', { name: 'Sagens forløb' });
  await expect(route.getByRole('heading', { name: /Politisk behandling/ })).toBeVisible();

  // Only what the step's role, its body's mandate and the order allow is offered: the secretariat recommends (it cannot
  // decide), and nothing is offered at the political bodies before the administrative path is done.
  await expect(route.getByRole('button', { name: 'Registrér beslutning i Det Fælles Klimasekretariat' })).toHaveCount(0);
  await expect(route.getByRole('button', { name: 'Registrér beslutning i BRN-bestyrelsen' })).toHaveCount(0);
  await expect(route.getByRole('button', { name: 'Registrér indstilling fra T11+' })).toHaveCount(0);

  const recommend = async (body: string, text: string) => {
    await route.getByRole('button', { name: `Registrér indstilling fra ${body}` }).click();
    const rec = page.getByRole('form', { name: `Registrér indstilling fra ${body}` });
    await rec.getByLabel(/^Indstilling/).fill(text);
    await rec.getByRole('button', { name: 'Gem' }).click();
    await expect(route.getByText(text)).toBeVisible();
  };
  const decide = async (body: string, outcome: string) => {
    await expect(page.getByTestId('case-state')).toHaveText('Under behandling');
    await route.getByRole('button', { name: `Registrér beslutning i ${body}` }).click();
    const decision = page.getByRole('form', { name: `Registrér beslutning i ${body}` });
    await decision.getByLabel(/^Udfald/).selectOption(outcome);
    await decision.getByLabel('Besluttet den').fill(danishToday());
    await decision.getByLabel('Beslutningstekst').fill(decisionText(body, outcome));
    await decision.getByRole('button', { name: 'Gem' }).click();
    await expect(route.getByText(decisionText(body, outcome))).toBeVisible();
  };

  // Every step along the route, in order, finished by what its role asks; then both political bodies decide in parallel.
  await recommend('Det Fælles Klimasekretariat', 'Sekretariatet indstiller, at sagen behandles fagligt.');
  await decide('Projektstyregruppen', 'noted');
  await recommend('T11+', 'T11+ indstiller, at forslaget godkendes.');
  const board = page.getByRole('form', { name: 'Registrér beslutning i BRN-bestyrelsen' });
  await route.getByRole('button', { name: 'Registrér beslutning i BRN-bestyrelsen' }).click();
  // A deciding body is never offered "noted".
  await expect(board.getByLabel(/^Udfald/).locator('option[value="noted"]')).toHaveCount(0);
  await board.getByRole('button', { name: 'Annuller' }).click();
  await decide('BRN-bestyrelsen', 'approved');
  await decide('KKR Nordjylland', 'approved');

  await expect(page.getByTestId('case-state')).toHaveText(/Afgjort/);
  await screenshot(page, 'case-decided');
  await expectAccessible(page);
});

test('a step is put on a new meeting and the meeting’s agenda lists the case', async ({ page }) => {
  await signIn(page, '/cases');
  await page.getByRole('button', { name: 'Ny sag' }).click();
  const form = page.getByRole('form', { name: 'Ny sag' });
  await form.getByLabel(/^Titel/).fill('Ren kommunal sag om KL-initiativ');
  await form.getByLabel(/^Interesse/).selectOption({ label: 'Ren kommunal interesse' });
  await form.getByRole('button', { name: 'Opret sag' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Ren kommunal sag om KL-initiativ' })).toBeVisible();
  const caseNumber = (await page.locator('p.hint').first().innerText()).trim();

  const route = page.getByRole('list', { name: 'Sagens forløb' });
  await route.getByRole('button', { name: 'Sæt på dagsordenen i KKR Nordjylland' }).click();
  const schedule = page.getByRole('form', { name: 'Sæt på dagsordenen i KKR Nordjylland' });
  await schedule.getByLabel(/^Møde\b/).selectOption('new');
  await schedule.getByLabel(/^Mødedato/).fill('2027-05-03');
  await schedule.getByRole('button', { name: 'Sæt på dagsorden' }).click();
  await expect(route.getByText(/Planlagt: 3\. maj 2027/)).toBeVisible();

  await page.goto('/meetings');
  await page.getByRole('row', { name: /3\. maj 2027.*KKR Nordjylland/ }).getByRole('link').first().click();
  await expect(page.getByRole('heading', { name: 'Dagsorden' })).toBeVisible();
  await expect(page.getByRole('link', { name: new RegExp(caseNumber) })).toBeVisible();
});

test('the case list filters by where a case is now and by overdue deadlines, and the link keeps the filters', async ({
  page,
}) => {
  const KKR = '20000000-0000-0000-0000-000000000002';
  const token = `F${Date.now().toString(36)}`;
  await signIn(page, '/cases');

  // Two cases through the API as the signed-in administrator: one waiting for KKR past its
  // deadline (a route change sets the date), one fresh at the secretariat.
  const session = await (await page.request.get('/api/auth/session')).json();
  const headers = { 'X-CSRF-TOKEN': session.csrfToken as string };
  const create = async (title: string) => {
    const response = await page.request.post('/api/cases', {
      headers,
      data: { title, interest: 'municipal', councilDecisionRequired: false },
    });
    expect(response.status()).toBe(201);
    return (await response.json()) as { id: string };
  };
  const late = await create(`Forsinket sag ${token}`);
  await create(`Ny sag ${token}`);
  const current = await page.request.get(`/api/cases/${late.id}`);
  const rerouted = await page.request.put(`/api/cases/${late.id}/route`, {
    headers: { ...headers, 'If-Match': current.headers()['etag']! },
    data: {
      reason: 'Sagen går direkte til KKR; fristen er overskredet.',
      stages: [
        { name: 'Politisk behandling', steps: [{ bodyId: KKR, role: 'decision', authoritative: true, deadline: '2024-01-15' }] },
      ],
    },
  });
  expect(rerouted.status()).toBe(200);

  await page.goto('/cases');
  const filters = page.getByRole('search', { name: 'Filtrér sager' });
  await filters.getByLabel('Søg').fill(token);
  const table = page.getByRole('table', { name: 'Sager' });
  await expect(table.getByRole('link', { name: `Forsinket sag ${token}` })).toBeVisible();
  await expect(table.getByRole('link', { name: `Ny sag ${token}` })).toBeVisible();

  // Where is it now: with KKR.
  await filters.getByLabel('Hvor er sagen nu').selectOption({ label: 'KKR Nordjylland' });
  await expect(page).toHaveURL(new RegExp(`currentBodyId=${KKR}`));
  await expect(table.getByRole('link', { name: `Forsinket sag ${token}` })).toBeVisible();
  await expect(table.getByRole('link', { name: `Ny sag ${token}` })).toHaveCount(0);
  const row = table.getByRole('row', { name: new RegExp(`Forsinket sag ${token}`) });
  await expect(row.getByText('1 frist overskredet')).toBeVisible();
  await expect(row.getByText(/KKR Nordjylland/)).toBeVisible();

  // At the secretariat instead: the fresh case only.
  await filters.getByLabel('Hvor er sagen nu').selectOption({ label: 'Det Fælles Klimasekretariat' });
  await expect(table.getByRole('link', { name: `Ny sag ${token}` })).toBeVisible();
  await expect(table.getByRole('link', { name: `Forsinket sag ${token}` })).toHaveCount(0);

  // Overdue, wherever the case is.
  await filters.getByLabel('Hvor er sagen nu').selectOption({ label: 'Alle organer' });
  await filters.getByLabel('Kun sager med overskredet frist').check();
  await expect(page).toHaveURL(/overdue=true/);
  await expect(table.getByRole('link', { name: `Forsinket sag ${token}` })).toBeVisible();
  await expect(table.getByRole('link', { name: `Ny sag ${token}` })).toHaveCount(0);
  await screenshot(page, 'cases-filtered');
  await expectAccessible(page);

  // The link is the filtered list: opened afresh, the same filters apply.
  await page.goto(page.url());
  await expect(page.getByLabel('Kun sager med overskredet frist')).toBeChecked();
  await expect(page.getByLabel('Søg')).toHaveValue(token);
  await expect(table.getByRole('link', { name: `Forsinket sag ${token}` })).toBeVisible();
  await expect(table.getByRole('link', { name: `Ny sag ${token}` })).toHaveCount(0);

  // Nothing matches: said plainly, and the filters can be cleared.
  await page.getByLabel('Status').selectOption({ label: 'Afgjort: afvist' });
  await expect(page.getByText('Ingen sager matcher filtrene.')).toBeVisible();
  await expectAccessible(page);
  await page.getByRole('button', { name: 'Nulstil filtre' }).click();
  await expect(page).toHaveURL(/\/cases$/);
});
