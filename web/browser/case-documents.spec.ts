import { expect, test } from '@playwright/test';
import { expectAccessible, screenshot, signIn } from './helpers';

const MODEL = '01000000-0000-0000-0000-000000000001';
const SEED_CASE = '50000000-0000-0000-0000-000000000001';
const TITLE = `Governancemodel (underskrevet ${Date.now()})`;
const PDF = Buffer.from('%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');

test('a document uploaded on the case page opens there and from its OParl accessUrl', async ({ page }) => {
  await signIn(page, `/cases/${SEED_CASE}`);
  await expect(page.getByRole('heading', { level: 1, name: /Model for geografisk organisering/ })).toBeVisible();
  const documents = page.getByTestId('case-documents');
  await expect(documents.getByRole('heading', { name: 'Dokumenter' })).toBeVisible();

  const upload = documents.getByRole('form', { name: 'Tilføj dokument' });
  await upload.getByLabel('Fil').setInputFiles({ name: 'governancemodel.pdf', mimeType: 'text/html', buffer: PDF });
  await upload.getByLabel('Titel').fill(TITLE);
  await upload.getByLabel('Dok.nr.').fill('3323070');
  await upload.getByRole('button', { name: 'Tilføj fil' }).click();
  const link = documents.getByRole('link', { name: TITLE });
  await expect(link).toBeVisible();
  await expect(documents.getByText(/Dok\.nr\. 3323070/).first()).toBeVisible();
  await screenshot(page, 'case-documents');
  await expectAccessible(page);

  // Opens in the web app: a new tab with the PDF (its type sniffed, not the claimed text/html).
  const [opened] = await Promise.all([page.waitForEvent('popup'), link.click()]);
  await opened.waitForLoadState('commit');
  expect(opened.url()).toContain(`/api/cases/${SEED_CASE}/documents/`);
  const content = await page.request.get(opened.url());
  expect(content.status()).toBe(200);
  expect(content.headers()['content-type']).toBe('application/pdf');
  expect(Buffer.from(await content.body()).equals(PDF)).toBe(true);
  await opened.close();

  // The seed case is public (decided by KKR), so the anonymous OParl view has the file, fetchable at its accessUrl.
  const anonymous = await page.context().browser()!.newContext();
  const paper = await (await anonymous.request.get(`/oparl/v1/body/${MODEL}/paper/${SEED_CASE}`)).json();
  const files = [paper.mainFile, ...(paper.auxiliaryFile ?? [])].filter(Boolean);
  const file = files.find((f: { name: string }) => f.name === TITLE);
  expect(file.mimeType).toBe('application/pdf');
  expect(file['klima:documentNumber']).toBe('3323070');
  const download = await anonymous.request.get(file.accessUrl);
  expect(download.status()).toBe(200);
  expect(Buffer.from(await download.body()).equals(PDF)).toBe(true);
  await anonymous.close();

  // Links must be https: a javascript: URL is refused next to its field.
  const linkForm = documents.getByRole('form', { name: 'Henvis til dokument i sagssystemet' });
  await linkForm.getByLabel('Adresse (https)').fill('javascript:alert(1)');
  await linkForm.getByLabel('Titel').fill('Farlig');
  await linkForm.getByRole('button', { name: 'Tilføj henvisning' }).click();
  await expect(linkForm.getByText(/absolut https-URL/)).toBeVisible();
});
