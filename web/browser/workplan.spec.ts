import { expect, test } from '@playwright/test';
import { decisionText, expectAccessible, screenshot, signIn } from './helpers';

test('arbejdsplanen: et nyt initiativ, en opgave med milepæl og fremdrift, og en fejl fra serveren på dansk under feltet', async ({ page }) => {
  const token = Date.now().toString(36);
  await signIn(page, '/work-plan');
  await expect(page.getByRole('navigation', { name: /./ }).getByRole('link', { name: 'Arbejdsplan' })).toBeVisible();
  await expect(page.getByRole('heading', { level: 1, name: 'Arbejdsplan' })).toBeVisible();
  const area = page.getByRole('region', { name: 'Vidensdeling og Governance' });
  await expect(area).toBeVisible();
  // Funding and statuses by their names, never their codes.
  await expect(page.getByText('climate-secretariat')).toHaveCount(0);
  await expect(page.getByText('notReported')).toHaveCount(0);

  await area.getByRole('button', { name: 'Nyt initiativ' }).click();
  const form = page.getByRole('form', { name: 'Nyt initiativ under Vidensdeling og Governance' });
  // Nothing filled in: the server refuses, and says so in Danish under the fields, naming them in Danish.
  await form.getByRole('button', { name: 'Gem' }).click();
  await expect(form.getByText("'Navn' må ikke være tom.")).toBeVisible();
  await expect(form.getByLabel(/^Navn \*/)).toHaveAttribute('aria-invalid', 'true');
  await expect(form.getByText(/'Kode' må ikke være tom\./)).toBeVisible();

  const name = `Klimatilpasning i kystbyerne ${token}`;
  await form.getByLabel(/^Navn \*/).fill(name);
  await form.getByLabel(/^Kode/).fill(`kyst-${token}`);
  await form.getByLabel(/^Status/).selectOption({ label: 'I gang' });
  await form.getByLabel('Ansvarligt organ').selectOption({ label: 'Det Fælles Klimasekretariat' });
  await form.getByRole('button', { name: 'Gem' }).click();
  const initiative = page.getByRole('article', { name: new RegExp(name) });
  await expect(initiative).toContainText('I gang');
  await expect(initiative).toContainText('Det Fælles Klimasekretariat');

  await initiative.getByRole('button', { name: 'Ny opgave' }).click();
  const taskForm = page.getByRole('form', { name: `Ny opgave under ${name}` });
  await taskForm.getByLabel(/^Titel/).fill('Kortlæg risikoen for oversvømmelse');
  await taskForm.getByLabel('Frist').fill('2027-06-30');
  await taskForm.getByRole('button', { name: 'Tilføj milepæl' }).click();
  await taskForm.getByLabel('Milepæl 1').fill('Data fra kommunerne indsamlet');
  await taskForm.getByRole('button', { name: 'Gem' }).click();
  const task = initiative.getByRole('listitem').filter({ hasText: 'Kortlæg risikoen for oversvømmelse' }).first();
  await expect(task).toContainText('0 af 1 milepæle nået');
  await expect(initiative).toContainText('0 af 1 opgaver udført');

  // Progress: the task is done (the day is recorded), and the initiative counts it.
  await initiative.getByRole('combobox', { name: 'Status for Kortlæg risikoen for oversvømmelse' }).selectOption({ label: 'Udført' });
  await expect(initiative).toContainText('1 af 1 opgaver udført');
  await expect(task).toContainText('Udført den');
  await screenshot(page, 'workplan');
  await expectAccessible(page);

  // Usable on a phone: nothing wider than the screen.
  await page.setViewportSize({ width: 390, height: 844 });
  await expect(initiative).toBeVisible();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await screenshot(page, 'workplan-390');
});

test('en fælles sag føres til "Afgjort" fra skærmen alene, med forklaringen af vejen på dansk og navne frem for koder', async ({ page }) => {
  await page.setViewportSize({ width: 1400, height: 900 });
  await signIn(page, '/cases');
  await page.getByRole('button', { name: 'Ny sag' }).click();
  const form = page.getByRole('form', { name: 'Ny sag' });
  await form.getByLabel(/^Titel/).fill('Fælles klimatilpasningsplan for kysten');
  await form.getByLabel(/^Interesse/).selectOption({ label: 'Fælles kommunal og regional interesse' });
  await form.getByRole('button', { name: 'Opret sag' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Fælles klimatilpasningsplan for kysten' })).toBeVisible();

  // Why this route, in Danish, with the rule and the interest by their names.
  const why = page.getByTestId('route-explanation');
  await expect(why).toContainText('passede');
  await expect(why).toContainText("sagens interesse 'Fælles kommunal og regional interesse'");
  await expect(why).not.toContainText('matched');
  const main = page.getByRole('main');
  for (const code of ['joint', 'climate-secretariat', 'workingGroup', 'recommendation', 'decision']) {
    await expect(main).not.toContainText(new RegExp(`\\b${code}\\b`));
  }

  // The reader's language, not the creator's: the same stored explanation in English, and back.
  await page.getByLabel('Sprog').selectOption('en');
  await expect(why).toContainText('matched');
  await page.getByLabel('Language').selectOption('da');
  await expect(why).toContainText('passede');

  const route = page.getByRole('list', { name: 'Sagens forløb' });
  const recommend = async (body: string, text: string) => {
    await route.getByRole('button', { name: `Registrér indstilling fra ${body}` }).click();
    const rec = page.getByRole('form', { name: `Registrér indstilling fra ${body}` });
    await rec.getByLabel(/^Indstilling/).fill(text);
    await rec.getByRole('button', { name: 'Gem' }).click();
    await expect(route.getByText(text)).toBeVisible();
  };
  const decide = async (body: string, outcome: string) => {
    await route.getByRole('button', { name: `Registrér beslutning i ${body}` }).click();
    const decision = page.getByRole('form', { name: `Registrér beslutning i ${body}` });
    await decision.getByLabel(/^Udfald/).selectOption({ label: outcome });
    await decision.getByLabel('Beslutningstekst').fill(decisionText(body, outcome));
    await decision.getByRole('button', { name: 'Gem' }).click();
    await expect(route.getByText(decisionText(body, outcome))).toBeVisible();
  };
  await recommend('Det Fælles Klimasekretariat', 'Sekretariatet indstiller planen til faglig behandling.');
  await decide('Projektstyregruppen', 'Taget til efterretning');
  await recommend('T11+', 'T11+ indstiller, at planen godkendes.');
  await decide('BRN-bestyrelsen', 'Godkendt');
  await decide('KKR Nordjylland', 'Godkendt');

  await expect(page.getByTestId('case-state')).toHaveText(/^Afgjort/);
  for (const code of ['joint', 'approved', 'noted', 'climate-secretariat']) {
    await expect(main).not.toContainText(new RegExp(`\\b${code}\\b`));
  }
  await screenshot(page, 'case-joint-decided-1400');
  await expectAccessible(page);
});
