import { afterEach, describe, expect, it, vi } from 'vitest';
import { configure, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { RouteObject } from 'react-router';
import { Loading } from '@/components/Status';
import { json, mockFetch, renderRoutes } from '@/test/render';
import { partnershipRoutes } from '../routes';

afterEach(() => vi.unstubAllGlobals());
configure({ asyncUtilTimeout: 5000 });

const routes: RouteObject[] = [{ path: '/', hydrateFallbackElement: <Loading />, children: partnershipRoutes }];
const modelId = '01000000-0000-0000-0000-000000000001';
const model = { id: modelId, code: 'nordjylland', name: 'Klimaalliancen i Nordjylland', version: 1, modifiedAt: '2023-04-13T00:00:00Z', deleted: false };
const document = { formatVersion: 1, model: { code: 'nordjylland', name: 'Klimaalliancen i Nordjylland' }, interests: [] };
const file = (text: string) => new File([text], 'model.json', { type: 'application/json' });

function api(importer: (dryRun: boolean) => Response) {
  return mockFetch([
    ['GET', /^\/api\/auth\/session$/, () => json({ authenticated: true, username: 'admin', permissions: ['governance:read', 'governance:write'], governanceModelIds: [], csrfToken: 'csrf' })],
    ['GET', /^\/api\/governance-models$/, () => json({ items: [model], next: null })],
    ['POST', /^\/api\/model-documents$/, (req) => importer(new URL(req.url, 'http://localhost').searchParams.get('dryRun') === 'true')],
  ]);
}

describe('model document import', () => {
  it('shows every error by JSON path and offers no import', async () => {
    api(() =>
      json(
        {
          type: 'https://klima.dk/problems/invalid-model-document',
          title: 'Modeldokumentet er ugyldigt',
          status: 422,
          detail: '2 værdi(er) bryder dokumentets regler; intet er skrevet.',
          errors: { '$.routingRules[4].interest': ["No interest 'municipal' in the document."], '$.interests[1].code': ['A code is lower-case letters, digits and dashes.'] },
        },
        422,
      ),
    );
    renderRoutes(routes, `/partnership/document?model=${modelId}`);
    await userEvent.upload(await screen.findByLabelText('Modeldokument (JSON-fil)'), file(JSON.stringify(document)));
    await userEvent.click(screen.getByRole('button', { name: 'Prøv importen' }));
    const table = await screen.findByRole('table', { name: 'Fejl i dokumentet efter sti' });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows.map((r) => within(r).getByRole('rowheader').textContent)).toEqual(['$.interests[1].code', '$.routingRules[4].interest']);
    expect(rows[0]).toHaveTextContent('A code is lower-case letters, digits and dashes.');
    expect(screen.queryByRole('button', { name: 'Importér for alvor' })).toBeNull();
  });

  it('says a file that is not JSON is not a model document, without asking the API', async () => {
    const calls = api(() => json({}));
    renderRoutes(routes, `/partnership/document?model=${modelId}`);
    await userEvent.upload(await screen.findByLabelText('Modeldokument (JSON-fil)'), file('{"formatVersion":'));
    await userEvent.click(screen.getByRole('button', { name: 'Prøv importen' }));
    expect(await screen.findByText('Filen er ikke gyldig JSON.')).toBeInTheDocument();
    expect(calls.some((c) => c.method === 'POST')).toBe(false);
  });

  it('runs a dry run first, lists what would be created and changed, then imports the same document after asking', async () => {
    const calls = api((dryRun) =>
      json({
        dryRun,
        modelCode: 'nordjylland',
        governanceModelId: modelId,
        created: 1,
        changed: 1,
        unchanged: 246,
        changes: [
          { action: 'change', path: '$.interests[0]', element: 'interest', key: 'joint', fields: ['name'] },
          { action: 'create', path: '$.interests[5]', element: 'interest', key: 'new-one', fields: null },
        ],
      }),
    );
    renderRoutes(routes, `/partnership/document?model=${modelId}`);
    await userEvent.upload(await screen.findByLabelText('Modeldokument (JSON-fil)'), file(JSON.stringify(document)));
    await userEvent.click(screen.getByRole('button', { name: 'Prøv importen' }));
    const dryRun = await screen.findByRole('region', { name: 'Tørkørsel af »nordjylland«: intet er gemt endnu' });
    expect(dryRun).toHaveTextContent('1 oprettes, 1 ændres, 246 er uændrede.');
    expect(within(dryRun).getAllByRole('heading', { name: 'Sagsinteresser (1)' })).toHaveLength(2);
    expect(dryRun).toHaveTextContent('felter: name');
    expect(calls.filter((c) => c.method === 'POST')).toHaveLength(1);

    await userEvent.click(screen.getByRole('button', { name: 'Importér for alvor' }));
    await userEvent.click(within(screen.getByRole('group')).getByRole('button', { name: 'Importér for alvor' }));
    expect(await screen.findByRole('status')).toHaveTextContent('»nordjylland« er importeret');
    const posts = calls.filter((c) => c.method === 'POST');
    expect(posts.map((p) => p.url)).toEqual(['/api/model-documents?dryRun=true', '/api/model-documents?dryRun=false']);
    expect(posts[1]!.body).toEqual(document);
  });
});
