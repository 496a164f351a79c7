import { afterEach, describe, expect, it, vi } from 'vitest';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { json, mockFetch, renderRoutes, type Recorded } from '@/test/render';
import { bodyRoutes } from '../routes';

const MODEL_ID = '10000000-0000-0000-0000-000000000001';
const NEW_ID = '20000000-0000-0000-0000-0000000000aa';
const aalborg = { id: 'org-851', name: 'Aalborg Kommune', kind: 'municipality', version: 1, modifiedAt: '2026-01-01T00:00:00Z', deleted: false };
const model = { id: MODEL_ID, code: 'klima-nord', name: 'Klimasamarbejdet Nord', version: 1, modifiedAt: '2026-01-01T00:00:00Z', deleted: false };
const created = {
  id: NEW_ID,
  governanceModelId: MODEL_ID,
  code: 'arbejdsgruppe-energi',
  name: 'Arbejdsgruppe for energi',
  nameEn: null,
  kind: 'workingGroup',
  mandate: null,
  canDecide: false,
  hostOrganisationId: 'org-851',
  establishedOn: '2026-03-01',
  establishedByCaseRef: null,
  dissolvedOn: null,
  dissolvedByCaseRef: null,
  version: 1,
  modifiedAt: '2026-01-01T00:00:00Z',
  deleted: false,
};

type Route = [string, RegExp, (req: Recorded) => Response | Promise<Response>];

function api(extra: Route[] = [], permissions = ['governance:read', 'governance:write'], models = [model]) {
  return mockFetch([
    ...extra,
    ['GET', /^\/api\/auth\/session$/, () => json({ authenticated: true, username: 'sekretariat', permissions, csrfToken: 'csrf-1' })],
    ['GET', /^\/api\/governance-models$/, () => json({ items: models, next: null })],
    ['GET', /^\/api\/organisations$/, () => json({ items: [aalborg], next: null })],
    ['GET', /^\/api\/bodies$/, () => json({ items: [], next: null })],
    [
      'GET',
      /^\/api\/bodies\/[^/]+$/,
      () => json({ ...created, hostOrganisation: { id: 'org-851', name: 'Aalborg Kommune' }, asOf: '2026-03-01', relationsOut: [], relationsIn: [], seats: [], warnings: [] }, 200, { ETag: '"1"' }),
    ],
    ['GET', /composition-rules$/, () => json({ items: [], next: null })],
  ]);
}

afterEach(() => vi.unstubAllGlobals());

describe('creating a body', () => {
  it('is reached from the bodies list, posts the form and opens the new body', async () => {
    const calls = api([['POST', /^\/api\/bodies$/, () => json(created, 201, { ETag: '"1"' })]]);
    renderRoutes(bodyRoutes, '/bodies');
    await userEvent.click(await screen.findByRole('link', { name: 'Opret organ' }));
    const form = await screen.findByRole('form', { name: 'Nyt organ' });
    // The only governance model is chosen already; nothing is dissolved on a new body.
    expect(within(form).getByLabelText(/^Styringsmodel/)).toHaveValue(MODEL_ID);
    expect(within(form).queryByLabelText(/Nedlagt den/)).not.toBeInTheDocument();
    await userEvent.type(within(form).getByLabelText(/^Navn(?! på)/), 'Arbejdsgruppe for energi');
    await userEvent.type(within(form).getByLabelText(/^Kode/), 'arbejdsgruppe-energi');
    await userEvent.selectOptions(within(form).getByLabelText(/^Forankret hos/), 'Aalborg Kommune');
    await userEvent.type(within(form).getByLabelText(/^Nedsat den/), '2026-03-01');
    await userEvent.click(within(form).getByRole('button', { name: 'Opret organet' }));

    expect(await screen.findByRole('heading', { level: 1, name: 'Arbejdsgruppe for energi' })).toBeInTheDocument();
    const post = calls.find((c) => c.method === 'POST')!;
    expect(post.headers.get('X-CSRF-TOKEN')).toBe('csrf-1');
    expect(post.body).toEqual({
      governanceModelId: MODEL_ID,
      code: 'arbejdsgruppe-energi',
      name: 'Arbejdsgruppe for energi',
      nameEn: null,
      kind: 'workingGroup',
      mandate: null,
      canDecide: false,
      hostOrganisationId: 'org-851',
      establishedOn: '2026-03-01',
      establishedByCaseRef: null,
      dissolvedOn: null,
      dissolvedByCaseRef: null,
      servedByBodyId: null,
      servedByOrganisationId: null,
    });
  });

  it("puts the server's messages on the fields they name, the model among them", async () => {
    const second = { ...model, id: '10000000-0000-0000-0000-000000000002', code: 'andet', name: 'Anden model' };
    const calls = api(
      [
        [
          'POST',
          /^\/api\/bodies$/,
          () =>
            json(
              {
                title: 'Der er fejl i en eller flere værdier.',
                status: 400,
                errors: { governanceModelId: ['Vælg en styringsmodel.'], name: ['Navnet skal udfyldes.'] },
              },
              400,
            ),
        ],
      ],
      undefined,
      [model, second],
    );
    renderRoutes(bodyRoutes, '/bodies/new');
    const form = await screen.findByRole('form', { name: 'Nyt organ' });
    expect(within(form).getByLabelText(/^Styringsmodel/)).toHaveValue('');
    await userEvent.click(within(form).getByRole('button', { name: 'Opret organet' }));

    expect(await within(form).findByText('Vælg en styringsmodel.')).toBeInTheDocument();
    expect(within(form).getByLabelText(/^Styringsmodel/)).toHaveAttribute('aria-invalid', 'true');
    expect(within(form).getByLabelText(/^Navn(?! på)/)).toHaveAttribute('aria-invalid', 'true');
    expect(within(form).getByText('Navnet skal udfyldes.')).toBeInTheDocument();
    expect(within(form).getByRole('alert')).toHaveTextContent('Ret de markerede felter.');
    expect(calls.find((c) => c.method === 'POST')!.body).toMatchObject({ governanceModelId: '00000000-0000-0000-0000-000000000000' });
  });

  it('is not offered without the permission to change governance', async () => {
    api([], ['governance:read']);
    renderRoutes(bodyRoutes, '/bodies');
    expect(await screen.findByRole('heading', { level: 1, name: 'Organer' })).toBeInTheDocument();
    expect(screen.queryByRole('link', { name: 'Opret organ' })).not.toBeInTheDocument();
  });
});
