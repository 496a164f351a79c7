import { expect, test, type Page } from '@playwright/test';
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

  test('viser organerne med læselig tekst, kommunalbestyrelserne forbundet og etiketter der ikke overlapper', async ({ page }, testInfo) => {
    const map = await openMap(page);
    for (const name of ['BRN-bestyrelsen', 'KKR Nordjylland', 'T11+', 'Det Fælles Klimasekretariat']) {
      await expect(map.getByRole('link', { name, exact: true })).toBeVisible();
    }

    // Ingen tekst i kortet er mindre end sidens brødtekst ved standardzoom.
    const sizes = await page.evaluate(() => {
      const body = parseFloat(getComputedStyle(document.body).fontSize);
      const viewport = document.querySelector('.react-flow__viewport') as HTMLElement;
      const zoom = new DOMMatrixReadOnly(getComputedStyle(viewport).transform).a;
      const texts = [...document.querySelectorAll('.react-flow__node a, .react-flow__node span, .map-edge-label')].map((el) => ({
        text: el.textContent ?? '',
        px: parseFloat(getComputedStyle(el).fontSize) * zoom,
      }));
      return { body, zoom, texts };
    });
    expect(sizes.zoom).toBe(1);
    expect(sizes.texts.length).toBeGreaterThan(20);
    expect(sizes.texts.filter((t) => t.px < sizes.body).map((t) => `${t.text}: ${t.px}px`)).toEqual([]);

    // Relationerne har navne, ikke koder, og ingen to etiketter dækker hinanden eller et organ.
    const labels = map.getByTestId('map-edge-label');
    await expect(labels.filter({ hasText: 'forbereder sager for' }).first()).toBeAttached();
    await expect(labels.filter({ hasText: 'udpeger medlemmer til' }).first()).toBeAttached();
    await expect(labels.filter({ hasText: 'sender sager videre til' }).first()).toBeAttached();
    const boxes = async (selector: string) =>
      page.locator(selector).evaluateAll((elements) =>
        elements.map((el) => {
          const r = el.getBoundingClientRect();
          return { text: el.textContent ?? '', x: r.x, y: r.y, w: r.width, h: r.height };
        }),
      );
    const labelBoxes: Box[] = await boxes('.map-edge-label');
    const nodeBoxes: Box[] = await boxes('.react-flow__node');
    const overlaps = labelBoxes.flatMap((a, i) =>
      labelBoxes.slice(i + 1).filter((b) => intersect(a, b)).map((b) => `${a.text} / ${b.text}`),
    );
    expect(overlaps).toEqual([]);
    expect(labelBoxes.flatMap((l) => nodeBoxes.filter((n) => intersect(l, n)).map((n) => `${l.text} / ${n.text}`))).toEqual([]);
    expect(nodeBoxes.flatMap((a, i) => nodeBoxes.slice(i + 1).filter((b) => intersect(a, b)).map((b) => `${a.text} / ${b.text}`))).toEqual([]);
    // Teksten i hver boks får plads.
    const cramped = await map.locator('.map-node').evaluateAll((els) =>
      els.filter((el) => el.scrollHeight > el.clientHeight + 1 || el.scrollWidth > el.clientWidth + 1).map((el) => el.textContent),
    );
    expect(cramped).toEqual([]);

    // De 11 kommunalbestyrelser står samlet i én boks, forbundet med de organer, de udpeger medlemmer til.
    const councils = map.locator('.map-group', { hasText: 'Kommunalbestyrelsen i' });
    await expect(councils.getByRole('link')).toHaveCount(11);
    await expect(councils.getByRole('link', { name: 'Aalborg Kommune' })).toBeVisible();
    await expect(councils).toContainText('Råd · 11 organer');
    // Kontrollerne er på dansk.
    await expect(page.getByRole('button', { name: 'Zoom ind' })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Vis hele kortet' })).toBeVisible();

    // Skærmbilledet i 1400 × 900 med kortet i billedet, som en person ser det (ikke hele den lange side).
    await page.locator('.map-wrap').evaluate((el) => el.scrollIntoView({ block: 'end' }));
    const path = testInfo.outputPath('kort-1400x900.png');
    await page.screenshot({ path });
    await testInfo.attach('kort-1400x900', { path, contentType: 'image/png' });
    mkdirSync(screenshotDir, { recursive: true });
    await page.screenshot({ path: join(screenshotDir, 'map-1400x900.png') });
    await expectAccessible(page);
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
