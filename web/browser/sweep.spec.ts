import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { screenshotDir, signIn } from './helpers';

// Issue 20: "no English word on any Danish screen". Every route of the app is opened once, in Danish, at 1400 × 900,
// with data present (a routed joint case with a recommendation, a meeting with an item, a budget with an actual, an
// issued report, work-plan tasks from the seed), and the visible text, the aria-labels, titles and placeholders are
// checked against a list of English words and the shapes of raw codes. A screenshot of every screen is attached.
// KLIMA_SWEEP_VIEWPORT=390x844 runs the same sweep at a phone's size.
const [width, height] = (process.env.KLIMA_SWEEP_VIEWPORT ?? '1400x900').split('x').map(Number);
test.use({ viewport: { width: width!, height: height! } });

const MODEL = '01000000-0000-0000-0000-000000000001';
const BRN_PAYER = '40000000-0000-0000-0000-000000000001';
const SEED_BUDGET = '44000000-0000-0000-0000-000000000001';

/**
 * English UI words that are not Danish words and do not occur in the seed's proper nouns ("Business Region North
 * Denmark", "DK2020", "GEN2040"): words such as "for", "by", "under", "budget", "status", "region", "model", "plan",
 * "total" or "agenda" are Danish too and are therefore not on the list.
 */
const ENGLISH = [
  'the', 'and', 'of', 'with', 'without', 'from', 'until', 'not', 'none', 'are', 'was', 'this', 'that',
  'found', 'error', 'failed', 'loading', 'save', 'cancel', 'delete', 'remove', 'edit', 'create', 'new', 'add', 'name',
  'date', 'case', 'cases', 'body', 'bodies', 'people', 'meeting', 'meetings', 'amount', 'page', 'next',
  'previous', 'back', 'search', 'close', 'yes', 'submit', 'required', 'must', 'cannot', 'does', 'exist',
  'matched', 'rule', 'rules', 'step', 'steps', 'approved', 'rejected', 'decision', 'decided', 'recommendation',
  'noted', 'pending', 'draft', 'vacant', 'seat', 'seats', 'member', 'members', 'chair', 'user', 'users', 'password',
  'settings', 'show', 'hide', 'more', 'less', 'unknown', 'grant', 'grants', 'actual', 'actuals', 'payer', 'payers',
  'staffing', 'report', 'reports', 'issued', 'interest', 'interests', 'overview', 'funding', 'task', 'tasks',
  'progress', 'initiative', 'initiatives', 'joint', 'municipal', 'financing', 'released', 'reserved',
  'spent', 'closed', 'cancelled', 'scheduled', 'done', 'ongoing', 'open', 'overdue', 'unrouted', 'concluded',
  'salaries', 'operations', 'secretariat', 'council', 'board', 'working', 'steering', 'group', 'vice', 'observer',
  'secretary', 'municipality', 'association', 'foundation', 'knowledge', 'consultation', 'approval',
  'orientation', 'discussion', 'serves', 'steers', 'prepares', 'appoints', 'reports', 'coordinates', 'refers',
  'hard', 'soft', 'fixed', 'shares', 'population', 'equal', 'split', 'versions', 'key', 'keys', 'sign',
  'signed', 'logout', 'account', 'audit', 'entity', 'action', 'changed', 'created', 'deleted', 'updated',
  'may', 'oct', 'unauthorized', 'forbidden', 'denied', 'access', 'permission', 'request', 'try', 'again',
  'please', 'only', 'every', 'each', 'all', 'any', 'year', 'years', 'half', 'first', 'second', 'period',
  'assumed', 'expected', 'expires', 'expired', 'active', 'inactive', 'role', 'download', 'upload',
  'file', 'files', 'view', 'table', 'list', 'map', 'filters', 'apply', 'reset', 'clear', 'select', 'choose',
];
const ENGLISH_WORD = new RegExp(`(?<![\\p{L}\\p{N}_-])(${[...new Set(ENGLISH)].join('|')})(?![\\p{L}\\p{N}_-])`, 'iu');

/** Shapes of codes and machine values that must be said as names. */
const RAW = [
  { what: 'camelCase code', re: /(?<![\p{L}\p{N}])[a-z]+[A-Z][a-z]+[A-Za-z]*(?![\p{L}\p{N}])/u },
  { what: 'snake_case code', re: /(?<![\p{L}\p{N}])[a-z]+_[a-z_]+(?![\p{L}\p{N}])/u },
  { what: 'ISO half-year', re: /\b\d{4}-H[12]\b/ },
  { what: 'half-open period', re: /\[\d{4}-\d{2}-\d{2},/ },
  { what: 'ISO date', re: /\b\d{4}-\d{2}-\d{2}\b/ },
  { what: 'enum-looking word', re: /(?<![\p{L}\p{N}-])(climate-secretariat|max-1-per-organisation|dk2020-secretariat)(?![\p{L}\p{N}-])/u },
  { what: 'i18n key', re: /(?<![\p{L}\p{N}])[a-z]+\.[a-z]+[A-Z][A-Za-z]*(?![\p{L}\p{N}])/u },
];

/**
 * The visible text of the page, one text node a line, and every aria-label, title, placeholder and alt. Left out, as
 * they are meant to be as they are: codes shown as codes (`<code>`, `<kbd>`, e.g. an interest's code on the screen that
 * edits it), text marked as another language (`lang="en"`: an English name beside the Danish one), and the attributes
 * of an element whose only content is such a code (a link to an id, its title the whole id).
 */
async function screenText(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const exempt = (el: Element | null) => !!el?.closest('code, kbd, [lang]:not([lang|="da"]):not(html)');
    const visible = (el: Element) => (el as HTMLElement).checkVisibility?.({ visibilityProperty: true, opacityProperty: false }) ?? true;
    const lines: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = node.textContent?.replace(/\s+/g, ' ').trim();
      const parent = node.parentElement;
      if (!text || !parent || exempt(parent) || !visible(parent)) continue;
      if (parent.closest('script, style, noscript, template')) continue;
      lines.push(text);
    }
    for (const el of Array.from(document.querySelectorAll('[aria-label],[title],[placeholder],[alt]'))) {
      if (exempt(el)) continue;
      const onlyCode = el.children.length === 1 && el.children[0]!.matches('code') && el.textContent === el.children[0]!.textContent;
      if (onlyCode) continue;
      for (const a of ['aria-label', 'title', 'placeholder', 'alt']) {
        const v = el.getAttribute(a)?.trim();
        if (v) lines.push(`@${a}: ${v}`);
      }
    }
    lines.push(`@document.title: ${document.title}`);
    return lines;
  });
}

/**
 * The one place a code is right on a Danish screen: the period field says the form it takes ("2024-H1" is what a
 * person types for the first half of 2024), next to its name.
 */
const INPUT_FORMAT = [/^@placeholder: \d{4}(-H[12])?$/, /halvår.*\d{4}-H1.*\d{4}-H2|\d{4}-H1.*halvår/];

function findings(lines: string[]): string[] {
  const found: string[] = [];
  for (const line of lines) {
    if (INPUT_FORMAT.some((re) => re.test(line))) continue;
    const english = ENGLISH_WORD.exec(line);
    if (english) found.push(`English "${english[1]}" in: ${line}`);
    for (const { what, re } of RAW) {
      const m = re.exec(line);
      if (m) found.push(`${what} "${m[0]}" in: ${line}`);
    }
  }
  return found;
}

async function json<T>(request: APIRequestContext, url: string): Promise<T> {
  const response = await request.get(url);
  expect(response.status(), url).toBe(200);
  return (await response.json()) as T;
}

type Page1<T> = { items: T[] };

test('hver skærm på dansk: ingen engelske ord, koder eller ISO-perioder, og et skærmbillede af hver', async ({ page }, testInfo) => {
  test.setTimeout(600_000);
  await signIn(page, '/');
  const request = page.request;
  const session = await json<{ csrfToken: string }>(request, '/api/auth/session');
  const headers = { 'X-CSRF-TOKEN': session.csrfToken };

  // Data on every screen: a routed joint case with a recommendation recorded, an actual on the seed budget, an
  // issued status report. The seed holds meetings with items, grants, staff positions and work-plan tasks.
  const created = await request.post('/api/cases', {
    headers,
    data: { title: 'Fælles klimatilpasning af kysten (gennemgang)', interest: 'joint', councilDecisionRequired: false },
  });
  expect(created.status()).toBe(201);
  const jointCase = (await created.json()) as { id: string; route: { stages: { steps: { id: string }[] }[] } };
  const first = jointCase.route.stages[0].steps[0];
  const recommended = await request.post(`/api/cases/${jointCase.id}/steps/${first.id}/recommendation`, {
    headers,
    data: { text: 'Sekretariatet indstiller sagen til behandling.' },
  });
  expect(recommended.ok(), await recommended.text()).toBeTruthy();
  const actual = await request.post('/api/financing/actuals', {
    headers,
    data: {
      budgetId: SEED_BUDGET, period: '2022', costType: 'salaries', payerId: BRN_PAYER,
      amount: { amount: 123456.78, currency: 'DKK' }, isAdjustment: false, bookedOn: '2022-12-15', reference: 'Bilag 17',
    },
  });
  expect(actual.status(), await actual.text()).toBe(201);
  const report = await request.post('/api/reports', {
    headers,
    data: { governanceModelId: MODEL, from: '2023-01-01', to: '2024-01-01' },
  });
  expect(report.status(), await report.text()).toBe(201);
  const reportId = ((await report.json()) as { id: string }).id;

  const organisations = await json<Page1<{ id: string; name: string }>>(request, '/api/organisations?limit=100');
  const region = organisations.items.find((o) => o.name === 'Region Nordjylland') ?? organisations.items[0];
  const person = await request.post('/api/people', {
    headers,
    data: { name: 'Gitte Gennemgang', title: 'Klimachef', organisationId: region.id },
  });
  expect(person.status(), await person.text()).toBe(201);
  const personId = ((await person.json()) as { id: string }).id;

  const bodies = await json<Page1<{ id: string; code: string }>>(request, '/api/bodies?limit=100');
  const meetings = await json<Page1<{ id: string; agenda: unknown[] }>>(request, '/api/meetings?limit=100');
  const grants = await json<Page1<{ id: string }>>(request, '/api/financing/grants?limit=5');
  const staffing = await json<Page1<{ id: string }>>(request, '/api/financing/staffing?limit=5');
  const secretariat = bodies.items.find((b) => b.code === 'climate-secretariat') ?? bodies.items[0];
  const meeting = meetings.items.find((m) => m.agenda.length > 0) ?? meetings.items[0];

  const screens: [string, string][] = [
    ['styringsmodel', '/map'],
    ['styringsmodel-model', `/map/${MODEL}`],
    ['organer', '/bodies'],
    ['organ-nyt', '/bodies/new'],
    ['organ', `/bodies/${secretariat.id}`],
    ['personer', '/people'],
    ['person', `/people/${personId}`],
    ['organisationer', '/organisations'],
    ['organisation', `/organisations/${region.id}`],
    ['sager', '/cases'],
    ['sag', `/cases/${jointCase.id}`],
    ['moeder', '/meetings'],
    ['moede', `/meetings/${meeting.id}`],
    ['oekonomi', '/financing'],
    ['bevillinger', '/financing/grants'],
    ['bevilling-ny', '/financing/grants/new'],
    ['bevilling', `/financing/grants/${grants.items[0].id}`],
    ['budgetter', '/financing/budgets'],
    ['budget-nyt', '/financing/budgets/new'],
    ['budget', `/financing/budgets/${SEED_BUDGET}`],
    ['budgetversion-ny', `/financing/budgets/${SEED_BUDGET}/versions/new`],
    ['budgetversion', `/financing/budgets/${SEED_BUDGET}/versions/1`],
    ['forbrug', '/financing/actuals'],
    ['forbrug-nyt', '/financing/actuals/new'],
    ['stillinger', '/financing/staffing'],
    ['stilling', `/financing/staffing/${staffing.items[0].id}`],
    ['partnerskab-interesser', '/partnership/interests'],
    ['partnerskab-betalere', '/partnership/payers'],
    ['partnerskab-regler', '/partnership/rules'],
    ['partnerskab-fordelingsnoegler', '/partnership/allocation-keys'],
    ['partnerskab-valgperioder', '/partnership/terms'],
    ['partnerskab-dokument', '/partnership/document'],
    ['statusrapport', '/reports'],
    ['rapport', `/reports/${reportId}`],
    ['arbejdsplan', '/work-plan'],
    ['admin-brugere', '/admin/users'],
    ['admin-bruger-ny', '/admin/users/new'],
    ['admin-noegler', '/admin/api-keys'],
    ['admin-noegle-ny', '/admin/api-keys/new'],
    ['admin-log', '/admin/audit'],
    ['adgangskode', '/account/password'],
    ['side-findes-ikke', '/ingen-saadan-side'],
    ['sag-findes-ikke', '/cases/00000000-0000-0000-0000-000000000000'],
  ];

  const all: string[] = [];
  const dump: string[] = [];
  const shots = join(screenshotDir, `sweep-${width}x${height}`);
  mkdirSync(shots, { recursive: true });
  const check = async (name: string, on: Page, path: string) => {
    const lines = await screenText(on);
    dump.push(`### ${name} ${path}`, ...lines);
    all.push(...findings(lines).map((f) => `${name} (${path}): ${f}`));
    // In test-results/screenshots/sweep-<viewport>/ beside the other screenshots, and attached to the test's result.
    const file = join(shots, `${name}.png`);
    await on.screenshot({ path: file, fullPage: true });
    await testInfo.attach(`${name}.png`, { path: file, contentType: 'image/png' });
  };
  for (const [name, path] of screens) {
    await page.goto(path);
    await page.waitForLoadState('networkidle');
    await expect(page.getByRole('main')).not.toContainText(/Henter …/);
    await check(name, page, path);
  }
  // A request that fails on the way (the network, not the API): the screen says so in Danish.
  await page.route('**/api/meetings?**', (route) => route.abort('failed'));
  await page.goto('/meetings');
  await expect(page.getByRole('alert')).toBeVisible();
  await check('moeder-fejl', page, '/meetings (forespørgslen fejler)');
  await page.unroute('**/api/meetings?**');

  // A reader: what the administration screens say to someone without access.
  const username = `laeser.${Date.now().toString(36)}`;
  const reader = await request.post('/api/users', {
    headers,
    data: { username, displayName: 'Læser Lærke', password: 'en-lang-adgangskode-til-laeseren', role: 'reader' },
  });
  expect(reader.status(), await reader.text()).toBe(201);
  const other = await page.context().browser()!.newContext({ baseURL: testInfo.project.use.baseURL, locale: 'da-DK', viewport: { width: width!, height: height! } });
  const readerPage = await other.newPage();
  await readerPage.goto('/login?next=%2Fadmin%2Fusers');
  await readerPage.getByLabel('Brugernavn').fill(username);
  await readerPage.getByLabel('Adgangskode').fill('en-lang-adgangskode-til-laeseren');
  await readerPage.getByRole('button', { name: 'Log ind' }).click();
  await expect(readerPage.getByRole('button', { name: 'Log ud' })).toBeVisible();
  for (const [name, path] of [['laeser-admin', '/admin/users'], ['laeser-regler', '/partnership/rules'], ['laeser-budget-nyt', '/financing/budgets/new']] as const) {
    await readerPage.goto(path);
    await readerPage.waitForLoadState('networkidle');
    await check(name, readerPage, path);
  }
  await other.close();

  const dir = join(process.cwd(), 'test-results');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'sweep-text.txt'), dump.join('\n'));
  expect([...new Set(all)], 'English words or raw codes on Danish screens').toEqual([]);
});
