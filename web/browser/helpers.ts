import { createRequire } from 'node:module';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, type Page } from '@playwright/test';

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
export const screenshotDir = join(process.cwd(), 'test-results', 'screenshots');

export async function screenshot(page: Page, name: string) {
  mkdirSync(screenshotDir, { recursive: true });
  await page.screenshot({ path: join(screenshotDir, `${name}.png`), fullPage: true });
}

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/** Runs axe-core (WCAG 2.0/2.1 A and AA rules) and fails on serious or critical violations. */
export async function expectAccessible(page: Page) {
  // Evaluated over the DevTools protocol rather than added as a <script>: the API's
  // Content-Security-Policy (rightly) refuses inline scripts, and the test must not weaken it.
  await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: unknown, opts: unknown) => Promise<{ violations: unknown[] }> } }).axe;
    const result = await axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
    });
    return result.violations as AxeViolation[];
  });
  const blocking = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  const report = blocking.map(
    (v) => `${v.impact} ${v.id}: ${v.help} @ ${v.nodes.map((n) => n.target.join(' ')).slice(0, 5).join(', ')}`,
  );
  expect(report, 'serious/critical axe violations').toEqual([]);
}

/** Signs in as the bootstrap administrator through the login form. */
export async function signIn(page: Page, next = '/') {
  const password = process.env.KLIMA_ADMIN_PASSWORD;
  if (!password) throw new Error('KLIMA_ADMIN_PASSWORD is not set (scripts/test.sh sets it)');
  await page.goto(`/login?next=${encodeURIComponent(next)}`);
  await page.getByLabel('Brugernavn').fill('admin');
  await page.getByLabel('Adgangskode').fill(password);
  await page.getByRole('button', { name: 'Log ind' }).click();
  await expect(page.getByRole('button', { name: 'Log ud' })).toBeVisible();
}

/** Today as the app and the server count it: the Danish calendar day, which is not the UTC date after 23:00 UTC. */
export function danishToday(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Copenhagen' }).format(new Date());
}

const OUTCOME_IN_DANISH: Record<string, string> = {
  approved: 'godkendt',
  approvedWithChanges: 'godkendt med ændringer',
  rejected: 'afvist',
  noted: 'taget til efterretning',
  postponed: 'udsat',
  referred: 'henvist',
};

/** A decision text as staff write it, in Danish: other specs (the Danish-screen sweep) read it back on their screens. */
export function decisionText(body: string, outcome: string): string {
  return `${body}: ${OUTCOME_IN_DANISH[outcome] ?? outcome}.`;
}
