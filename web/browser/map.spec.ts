import { expect, test, type Page, type TestInfo } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { expectAccessible, screenshot, screenshotDir, signIn } from './helpers';

// Kortet over styringsmodellen skal kunne læses i normal størrelse (issue 20, punkt 3).

interface Box {
  text: string;
  x: number;
  y: number;
  w: number;
  h: number;
}

const intersect = (a: Box, b: Box) => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;

async function openMap(page: Page, query = '') {
  await signIn(page, '/map');
  await expect(page).toHaveURL(/\/map\/[0-9a-f-]{36}/);
  if (query) await page.goto(`${new URL(page.url()).pathname}${query}`);
  const map = page.getByRole('figure', { name: /Diagram over styringsmodellen/ });
  await expect(map.locator('.react-flow__node').first()).toBeVisible({ timeout: 30_000 });
  return map;
}

test.describe('kortet ved 1400 × 900', () => {
  test.use({ viewport: { width: 1400, height: 900 } });

  /**
   * Det, der ses af kortet lige nu: hvert organs boks, hver etiket med sin relations linje
   * (punkter langs stien i skærmkoordinater) og skriftstørrelserne ved den aktuelle zoom.
   */
  async function measure(page: Page) {
    return page.evaluate(() => {
      const rect = (el: Element) => {
        const r = el.getBoundingClientRect();
        return { text: el.textContent ?? '', x: r.x, y: r.y, w: r.width, h: r.height };
      };
      const body = parseFloat(getComputedStyle(document.body).fontSize);
      const viewport = document.querySelector('.react-flow__viewport') as HTMLElement;
      const zoom = new DOMMatrixReadOnly(getComputedStyle(viewport).transform).a;
      const texts = [...document.querySelectorAll('.react-flow__node a, .react-flow__node span, .map-edge-label')].map((el) => ({
        text: el.textContent ?? '',
        px: parseFloat(getComputedStyle(el).fontSize) * zoom,
      }));
      const paths = new Map(
        [...document.querySelectorAll<SVGPathElement>('path.react-flow__edge-path')].map((path) => {
          const matrix = path.getScreenCTM()!;
          const length = path.getTotalLength();
          const points: { x: number; y: number }[] = [];
          for (let at = 0; at <= length; at += 2) {
            const p = path.getPointAtLength(at);
            points.push({ x: matrix.a * p.x + matrix.c * p.y + matrix.e, y: matrix.b * p.x + matrix.d * p.y + matrix.f });
          }
          return [path.id, points] as const;
        }),
      );
      const labels = [...document.querySelectorAll('.map-edge-label')].map((el) => ({
        ...rect(el),
        title: el.getAttribute('title') ?? '',
        path: paths.get(el.getAttribute('data-edge') ?? '') ?? [],
      }));
      return {
        body,
        zoom,
        texts,
        frame: rect(document.querySelector('.map-wrap')!),
        nodes: [...document.querySelectorAll('.react-flow__node')].map(rect),
        labels,
      };
    });
  }

  async function expectWholeAndLegible(page: Page, level: string) {
    await page.locator('.map-wrap').evaluate((el) => el.scrollIntoView({ block: 'center' }));
    const seen = await measure(page);
    expect(seen.zoom, level).toBe(1);
    // Ingen tekst i kortet er mindre end sidens brødtekst ved den zoom, kortet åbner i.
    expect(seen.texts.filter((t) => t.px < seen.body).map((t) => `${t.text}: ${t.px}px`), level).toEqual([]);
    // Hele niveauet ses: hver boks ligger helt inden for kortets ramme og inden for vinduet på 1400 × 900.
    const inside = (b: Box, f: { x: number; y: number; w: number; h: number }) =>
      b.x >= f.x - 0.5 && b.y >= f.y - 0.5 && b.x + b.w <= f.x + f.w + 0.5 && b.y + b.h <= f.y + f.h + 0.5;
    expect(seen.nodes.filter((n) => !inside(n, seen.frame)).map((n) => n.text), `${level}: uden for rammen`).toEqual([]);
    expect(seen.nodes.filter((n) => !inside(n, { x: 0, y: 0, w: 1400, h: 900 })).map((n) => n.text), `${level}: uden for vinduet`).toEqual([]);
    // Ingen to etiketter dækker hinanden, ingen dækker et organ, og hver sidder på sin egen relations linje.
    const labels = seen.labels;
    expect(labels.flatMap((a, i) => labels.slice(i + 1).filter((b) => intersect(a, b)).map((b) => `${a.text} / ${b.text}`)), level).toEqual([]);
    expect(labels.flatMap((l) => seen.nodes.filter((n) => intersect(l, n)).map((n) => `${l.text} / ${n.text}`)), level).toEqual([]);
    const offLine = labels.filter((l) => !l.path.some((p) => p.x >= l.x && p.x <= l.x + l.w && p.y >= l.y && p.y <= l.y + l.h));
    expect(offLine.map((l) => `${l.text} (${l.path.length} punkter)`), `${level}: etiket ved siden af sin linje`).toEqual([]);
    expect(seen.nodes.flatMap((a, i) => seen.nodes.slice(i + 1).filter((b) => intersect(a, b)).map((b) => `${a.text} / ${b.text}`)), level).toEqual([]);
    return seen;
  }

  async function shoot(page: Page, testInfo: TestInfo, name: string) {
    const path = testInfo.outputPath(`${name}.png`);
    await page.screenshot({ path });
    await testInfo.attach(name, { path, contentType: 'image/png' });
    mkdirSync(screenshotDir, { recursive: true });
    await page.screenshot({ path: join(screenshotDir, `${name.replace(/^kort/, 'map')}.png`) });
  }

  test('viser hele det valgte niveau med læselig tekst, kommunalbestyrelserne forbundet og etiketterne på deres linjer', async ({ page }, testInfo) => {
    const map = await openMap(page);
    const levels = page.getByRole('group', { name: 'Vis niveau' });
    await expect(levels.getByRole('radio', { name: 'Politisk niveau' })).toBeChecked();
    for (const name of ['BRN-bestyrelsen', 'KKR Nordjylland', 'T11+', 'Det Fælles Klimasekretariat']) {
      await expect(map.getByRole('link', { name, exact: true })).toBeVisible();
    }
    const opening = await expectWholeAndLegible(page, 'Politisk niveau');
    expect(opening.texts.length).toBeGreaterThan(20);

    // Relationerne har korte navne på linjerne og hele teksten, når man holder musen over; forklaringen giver dem også.
    const labels = map.getByTestId('map-edge-label');
    await expect(labels.filter({ hasText: /^udpeger$/ }).first()).toHaveAttribute('title', 'udpeger medlemmer til');
    await expect(labels.filter({ hasText: /^forbereder$/ }).first()).toHaveAttribute('title', 'forbereder sager for');
    await expect(labels.filter({ hasText: /^sender sager$/ }).first()).toHaveAttribute('title', 'sender sager videre til');
    const legend = page.getByRole('list', { name: 'Relationernes farver og korte navne' });
    await expect(legend).toContainText('udpeger: udpeger medlemmer til');
    // Teksten i hver boks får plads.
    const cramped = await map.locator('.map-node').evaluateAll((els) =>
      els.filter((el) => el.scrollHeight > el.clientHeight + 1 || el.scrollWidth > el.clientWidth + 1).map((el) => el.textContent),
    );
    expect(cramped).toEqual([]);

    // De 11 kommunalbestyrelser står samlet i én boks med korte navne (det fulde navn er linkets navn), forbundet med de
    // organer, de udpeger medlemmer til.
    const councils = map.locator('.map-group', { hasText: 'Kommunalbestyrelsen i … Kommune' });
    await expect(councils.getByRole('link')).toHaveCount(11);
    const aalborg = councils.getByRole('link', { name: 'Kommunalbestyrelsen i Aalborg Kommune' });
    await expect(aalborg).toBeVisible();
    await expect(aalborg).toHaveText('Aalborg');
    await expect(councils).toContainText('Råd · 11 organer');
    // Kontrollerne er på dansk.
    await expect(page.getByRole('button', { name: 'Zoom ind' })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Vis hele kortet' })).toBeVisible();
    await shoot(page, testInfo, 'kort-1400x900');
    await expectAccessible(page);

    // De andre niveauer ses også hele; hele modellen er større end skærmen og kan rulles.
    for (const [level, slug] of [
      ['Nationalt niveau', 'nationalt'],
      ['Administrativt niveau', 'administrativt'],
      ['Sekretariat', 'sekretariat'],
      ['Andet', 'andet'],
    ] as const) {
      await levels.getByRole('radio', { name: level, exact: true }).check();
      await expect(levels.getByRole('radio', { name: level, exact: true })).toBeChecked();
      await expect(map.locator('.react-flow__node').first()).toBeVisible();
      await expect(map.locator('.react-flow__edge-path').first()).toBeAttached();
      await expectWholeAndLegible(page, level);
      await shoot(page, testInfo, `kort-1400x900-${slug}`);
    }
    await levels.getByRole('radio', { name: 'Hele modellen' }).check();
    await expect(map.getByRole('link', { name: 'Klimaalliancen – nationalt partnerskab', exact: true })).toBeAttached();
    await page.locator('.map-wrap').evaluate((el) => el.scrollIntoView({ block: 'center' }));
    await shoot(page, testInfo, 'kort-1400x900-hele-modellen');
  });

  test('"pr. dato" før et organ blev nedsat viser det ikke', async ({ page }) => {
    const map = await openMap(page);
    await expect(map.getByRole('link', { name: 'Det Fælles Klimasekretariat', exact: true })).toBeVisible();
    await page.getByLabel('Vis modellen pr. dato').fill('2023-02-16');
    await expect(page).toHaveURL(/asOf=2023-02-16/);
    await expect(map.getByRole('link', { name: 'Det Fælles Klimasekretariat', exact: true })).toHaveCount(0);
    await expect(map.getByRole('link', { name: /^Projektstyregruppe/ })).toHaveCount(0);
    await expect(map.getByRole('link', { name: 'BRN-bestyrelsen', exact: true })).toBeVisible();
    // Dagen, hvor sekretariatet blev nedsat, er det med.
    await page.getByLabel('Vis modellen pr. dato').fill('2023-02-17');
    await expect(map.getByRole('link', { name: 'Det Fælles Klimasekretariat', exact: true })).toBeVisible();
  });
});

test.describe('kortet på en telefon (390 px)', () => {
  test.use({ viewport: { width: 390, height: 844 } });

  test('er en liste over organer efter niveau med relationerne som links', async ({ page }, testInfo) => {
    await signIn(page, '/map');
    await expect(page).toHaveURL(/\/map\/[0-9a-f-]{36}/);
    const list = page.getByTestId('map-list');
    await expect(list).toBeVisible({ timeout: 30_000 });
    await expect(page.getByRole('figure', { name: /Diagram over styringsmodellen/ })).toHaveCount(0);
    await expect(list.getByRole('heading', { name: 'Politisk niveau' })).toBeVisible();
    await expect(list.getByRole('heading', { name: 'Sekretariat', exact: true })).toBeVisible();
    const kkr = list.getByRole('list', { name: 'Relationer for KKR Nordjylland' });
    await expect(kkr.getByRole('listitem').filter({ hasText: 'udpeger medlemmer til' }).first()).toBeVisible();
    await expect(kkr.getByRole('link', { name: 'Den nationale politiske udviklingsgruppe' })).toBeVisible();
    const aalborg = list.getByRole('list', { name: 'Relationer for Kommunalbestyrelsen i Aalborg Kommune' });
    // Relationer af samme slags står på én linje: "udpeger medlemmer til BRN-bestyrelsen, KKR Nordjylland, Klimapolitisk Dialogforum".
    const appoints = aalborg.getByRole('listitem').filter({ hasText: 'udpeger medlemmer til' });
    await expect(appoints.getByRole('link')).toHaveText(['BRN-bestyrelsen', 'KKR Nordjylland', 'Klimapolitisk Dialogforum']);
    await expect(aalborg.getByRole('listitem').filter({ hasText: 'sender sager videre til dette organ' }).getByRole('link')).toHaveText([
      'BRN-bestyrelsen',
      'KKR Nordjylland',
    ]);
    // Ingen vandret rulning: listen passer i skærmens bredde.
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    const path = testInfo.outputPath('kort-390.png');
    await page.screenshot({ path });
    await testInfo.attach('kort-390', { path, contentType: 'image/png' });
    await screenshot(page, 'map-390');
    await expectAccessible(page);

    await kkr.getByRole('link', { name: 'Den nationale politiske udviklingsgruppe' }).click();
    await expect(page).toHaveURL(/\/bodies\/[0-9a-f-]{36}/);
  });
});
