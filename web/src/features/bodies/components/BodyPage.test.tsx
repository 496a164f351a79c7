import { afterEach, describe, expect, it, vi } from 'vitest';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { json, mockFetch, renderRoutes, type Recorded } from '@/test/render';
import { bodyRoutes } from '../routes';

const BODY_ID = '20000000-0000-0000-0000-000000000006';
const T11_ID = '20000000-0000-0000-0000-000000000005';

const body = {
  id: BODY_ID,
  governanceModelId: 'model-1',
  code: 'project-steering-group',
  name: 'Projektstyregruppe',
  nameEn: 'Project steering group',
  kind: 'projectSteeringGroup',
  mandate: 'Faglig ledelse af sekretariatet.',
  canDecide: false,
  hostOrganisationId: null,
  establishedOn: '2023-04-13',
  establishedByCaseRef: null,
  dissolvedOn: null,
  dissolvedByCaseRef: null,
  servedByBodyId: '20000000-0000-0000-0000-000000000001',
  servedByOrganisationId: null,
  version: 4,
  modifiedAt: '2026-01-01T00:00:00Z',
  deleted: false,
  asOf: '2026-01-01',
  hostOrganisation: null,
  relationsOut: [],
  relationsIn: [],
  seats: [
    {
      id: 'seat-1',
      bodyId: BODY_ID,
      ordinal: 1,
      label: 'Repræsentant fra T11+ (1)',
      category: 'T11+',
      role: 'chair',
      voting: true,
      version: 2,
      modifiedAt: '2026-01-01T00:00:00Z',
      holder: null,
    },
  ],
  warnings: [],
};

const rule = {
  id: 'rule-1',
  bodyId: BODY_ID,
  code: 'max-3-from-t11',
  kind: 'maxSeatsPerCategory',
  severity: 'hard',
  value: 3,
  category: 'T11+',
  refBodyId: null,
  description: 'Højst 3 fra T11+.',
  version: 7,
  modifiedAt: '2026-01-01T00:00:00Z',
  deleted: false,
};

const aalborg = { id: 'org-851', name: 'Aalborg Kommune', kind: 'municipality', version: 1, modifiedAt: '2026-01-01T00:00:00Z', deleted: false };

function session(permissions: string[]) {
  return json({ authenticated: true, username: 'sekretariat', permissions, csrfToken: 'csrf-1' });
}

type Route = [string, RegExp, (req: Recorded) => Response | Promise<Response>];

function api(extra: Route[] = [], permissions = ['governance:read', 'governance:write']) {
  return mockFetch([
    ...extra,
    ['GET', /^\/api\/auth\/session$/, () => session(permissions)],
    ['GET', /^\/api\/bodies\/[^/]+$/, () => json(body, 200, { ETag: '"4"' })],
    ['GET', /\/composition-rules$/, () => json({ items: [rule], next: null })],
    ['GET', /^\/api\/organisations$/, () => json({ items: [aalborg], next: null })],
    [
      'GET',
      /^\/api\/bodies$/,
      () => json({ items: [{ ...body, seats: undefined }, { ...body, id: T11_ID, name: 'T11+', code: 't11-plus' }], next: null }),
    ],
  ]);
}

afterEach(() => vi.unstubAllGlobals());

describe('editing a body', () => {
  it('saves the mandate with If-Match and the whole body', async () => {
    const calls = api([['PUT', /^\/api\/bodies\/[^/]+$/, () => json({ ...body, version: 5 }, 200, { ETag: '"5"' })]]);
    renderRoutes(bodyRoutes, `/bodies/${BODY_ID}`);
    await userEvent.click(await screen.findByRole('button', { name: 'Redigér organ' }));
    const form = screen.getByRole('form', { name: 'Redigér Projektstyregruppe' });
    const mandate = within(form).getByLabelText('Kommissorium');
    await userEvent.clear(mandate);
    await userEvent.type(mandate, 'Faglig ledelse og statusrapporter.');
    await userEvent.click(within(form).getByRole('button', { name: 'Gem' }));

    expect(await screen.findByText('Ændringerne er gemt.')).toBeInTheDocument();
    const put = calls.find((c) => c.method === 'PUT')!;
    expect(put.headers.get('If-Match')).toBe('"4"');
    expect(put.headers.get('X-CSRF-TOKEN')).toBe('csrf-1');
    expect(put.body).toEqual({
      code: 'project-steering-group',
      name: 'Projektstyregruppe',
      nameEn: 'Project steering group',
      kind: 'projectSteeringGroup',
      mandate: 'Faglig ledelse og statusrapporter.',
      canDecide: false,
      hostOrganisationId: null,
      establishedOn: '2023-04-13',
      establishedByCaseRef: null,
      dissolvedOn: null,
      dissolvedByCaseRef: null,
      // Not on the form, sent back as read so that saving the mandate does not clear who serves the body.
      servedByBodyId: '20000000-0000-0000-0000-000000000001',
      servedByOrganisationId: null,
    });
  });

  it('puts a problem-details message on the field it concerns', async () => {
    api([
      [
        'PUT',
        /^\/api\/bodies\/[^/]+$/,
        () =>
          json(
            {
              title: 'One or more validation errors occurred.',
              status: 400,
              errors: { code: ['A code is lower-case letters, digits and hyphens (e.g. project-steering-group).'] },
            },
            400,
          ),
      ],
    ]);
    renderRoutes(bodyRoutes, `/bodies/${BODY_ID}`);
    await userEvent.click(await screen.findByRole('button', { name: 'Redigér organ' }));
    const form = screen.getByRole('form', { name: 'Redigér Projektstyregruppe' });
    const code = within(form).getByLabelText(/^Kode/);
    await userEvent.clear(code);
    await userEvent.type(code, 'Projekt Styregruppe');
    await userEvent.click(within(form).getByRole('button', { name: 'Gem' }));

    expect(await within(form).findByText(/A code is lower-case letters/)).toBeInTheDocument();
    expect(within(form).getByLabelText(/^Kode/)).toHaveAttribute('aria-invalid', 'true');
    expect(within(form).getByRole('alert')).toHaveTextContent('Ret de markerede felter.');
  });

  it('explains a 412 as a change by someone else and offers a reload', async () => {
    const calls = api([
      ['PUT', /^\/api\/bodies\/[^/]+$/, () => json({ title: 'Precondition failed', status: 412 }, 412)],
    ]);
    renderRoutes(bodyRoutes, `/bodies/${BODY_ID}`);
    await userEvent.click(await screen.findByRole('button', { name: 'Redigér organ' }));
    await userEvent.click(screen.getByRole('button', { name: 'Gem' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(/ændret af en anden/);
    const reads = calls.filter((c) => c.method === 'GET' && /^\/api\/bodies\/[^/]+$/.test(c.url)).length;
    await userEvent.click(screen.getByRole('button', { name: 'Genindlæs' }));
    expect(screen.queryByRole('form', { name: /Redigér/ })).not.toBeInTheDocument();
    await vi.waitFor(() =>
      expect(calls.filter((c) => c.method === 'GET' && /^\/api\/bodies\/[^/]+$/.test(c.url)).length).toBeGreaterThan(reads),
    );
  });

  it('offers no changes without the permission to change governance', async () => {
    api([], ['governance:read']);
    renderRoutes(bodyRoutes, `/bodies/${BODY_ID}`);
    expect(await screen.findByRole('heading', { level: 1, name: 'Projektstyregruppe' })).toBeInTheDocument();
    expect(await screen.findByRole('row', { name: /max-3-from-t11/ })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Redigér organ' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Tilføj plads' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Ny regel' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /Fjern/ })).not.toBeInTheDocument();
  });
});

describe('seats', () => {
  it('adds a seat, and shows a refused composition rule on the field it names', async () => {
    let attempt = 0;
    const calls = api([
      [
        'POST',
        /\/seats$/,
        () =>
          ++attempt === 1
            ? json(
                {
                  type: 'https://klima.dk/problems/rule-violated',
                  title: 'Composition rule violated',
                  status: 422,
                  rule: 'max-1-per-organisation',
                  errors: { representsOrganisationId: ['At most 1 seat may represent Aalborg Kommune.'] },
                },
                422,
              )
            : json({ ...body.seats[0], id: 'seat-2', label: 'Borgmester, Aalborg Kommune' }, 201, { ETag: '"1"' }),
      ],
    ]);
    renderRoutes(bodyRoutes, `/bodies/${BODY_ID}`);
    await userEvent.click(await screen.findByRole('button', { name: 'Tilføj plads' }));
    const form = screen.getByRole('form', { name: 'Ny plads i Projektstyregruppe' });
    await userEvent.type(within(form).getByLabelText(/^Betegnelse/), 'Borgmester, Aalborg Kommune');
    await within(form).findByRole('option', { name: 'Aalborg Kommune' });
    await userEvent.selectOptions(within(form).getByLabelText('Repræsenterer'), 'org-851');
    await userEvent.click(within(form).getByLabelText('Med stemmeret'));
    await userEvent.click(within(form).getByRole('button', { name: 'Tilføj plads' }));

    expect(await within(form).findByText('At most 1 seat may represent Aalborg Kommune.')).toBeInTheDocument();
    expect(within(form).getByLabelText('Repræsenterer')).toHaveAttribute('aria-invalid', 'true');

    await userEvent.click(within(form).getByRole('button', { name: 'Tilføj plads' }));
    expect(await screen.findByText('Pladsen »Borgmester, Aalborg Kommune« er tilføjet.')).toBeInTheDocument();
    const posts = calls.filter((c) => c.method === 'POST');
    expect(posts[1]?.body).toEqual({
      label: 'Borgmester, Aalborg Kommune',
      category: null,
      role: 'member',
      voting: false,
      representsOrganisationId: 'org-851',
      ordinal: null,
    });
  });

  it('asks before removing a vacant seat and sends its version', async () => {
    const calls = api([['DELETE', /\/seats\/seat-1$/, () => new Response(null, { status: 204 })]]);
    renderRoutes(bodyRoutes, `/bodies/${BODY_ID}`);
    await userEvent.click(await screen.findByRole('button', { name: 'Fjern plads – Repræsentant fra T11+ (1)' }));
    const question = screen.getByRole('group', { name: /Fjern pladsen »Repræsentant fra T11\+ \(1\)«\?/ });
    expect(question).toHaveFocus();
    await userEvent.keyboard('{Escape}');
    expect(screen.queryByRole('group', { name: /Fjern pladsen/ })).not.toBeInTheDocument();
    expect(calls.some((c) => c.method === 'DELETE')).toBe(false);

    await userEvent.click(screen.getByRole('button', { name: 'Fjern plads – Repræsentant fra T11+ (1)' }));
    await userEvent.click(screen.getByRole('button', { name: 'Ja, fjern' }));
    expect(await screen.findByText('Pladsen »Repræsentant fra T11+ (1)« er fjernet.')).toBeInTheDocument();
    expect(calls.find((c) => c.method === 'DELETE')!.headers.get('If-Match')).toBe('"2"');
  });
});

describe('composition rules', () => {
  it('edits a rule with its version and removes one after asking', async () => {
    const calls = api([
      ['PUT', /\/composition-rules\/rule-1$/, () => json({ ...rule, value: 2, version: 8 }, 200, { ETag: '"8"' })],
      ['DELETE', /\/composition-rules\/rule-1$/, () => new Response(null, { status: 204 })],
    ]);
    renderRoutes(bodyRoutes, `/bodies/${BODY_ID}`);
    await userEvent.click(await screen.findByRole('button', { name: 'Redigér reglen max-3-from-t11' }));
    const form = screen.getByRole('form', { name: 'Redigér reglen max-3-from-t11' });
    expect(within(form).getByLabelText(/^Pladskategori/)).toHaveValue('T11+');
    const value = within(form).getByLabelText(/^Antal/);
    await userEvent.clear(value);
    await userEvent.type(value, '2');
    await userEvent.click(within(form).getByRole('button', { name: 'Gem' }));
    expect(await screen.findByText('Reglen »max-3-from-t11« er gemt.')).toBeInTheDocument();
    const put = calls.find((c) => c.method === 'PUT')!;
    expect(put.headers.get('If-Match')).toBe('"7"');
    expect(put.body).toEqual({
      code: 'max-3-from-t11',
      kind: 'maxSeatsPerCategory',
      severity: 'hard',
      value: 2,
      category: 'T11+',
      refBodyId: null,
      description: 'Højst 3 fra T11+.',
    });

    await userEvent.click(screen.getByRole('button', { name: 'Fjern reglen max-3-from-t11' }));
    await userEvent.click(screen.getByRole('button', { name: 'Ja, fjern' }));
    expect(await screen.findByText('Reglen »max-3-from-t11« er fjernet.')).toBeInTheDocument();
    expect(calls.find((c) => c.method === 'DELETE')!.headers.get('If-Match')).toBe('"7"');
  });

  it('asks a chair rule for another body instead of a count', async () => {
    const calls = api([['POST', /\/composition-rules$/, (req) => json({ ...rule, ...(req.body as object), id: 'rule-2', version: 1 }, 201)]]);
    renderRoutes(bodyRoutes, `/bodies/${BODY_ID}`);
    await userEvent.click(await screen.findByRole('button', { name: 'Ny regel' }));
    const form = screen.getByRole('form', { name: 'Ny regel for Projektstyregruppe' });
    await userEvent.selectOptions(within(form).getByLabelText(/^Regeltype/), 'chairMustHoldSeatIn');
    expect(within(form).queryByLabelText(/^Antal/)).not.toBeInTheDocument();
    const ref = within(form).getByLabelText(/^Organ, hvor formanden/);
    await within(form).findByRole('option', { name: 'T11+' });
    // The body itself is not offered: the chair must hold a seat in another body.
    expect(within(ref).queryByRole('option', { name: 'Projektstyregruppe' })).not.toBeInTheDocument();
    await userEvent.selectOptions(ref, T11_ID);
    await userEvent.type(within(form).getByLabelText(/^Kode/), 'chair-holds-t11-seat');
    await userEvent.type(within(form).getByLabelText(/^Beskrivelse/), 'Formanden er medlem af T11+.');
    await userEvent.click(within(form).getByRole('button', { name: 'Ny regel' }));
    expect(await screen.findByText('Reglen »chair-holds-t11-seat« er oprettet.')).toBeInTheDocument();
    expect(calls.find((c) => c.method === 'POST')!.body).toEqual({
      code: 'chair-holds-t11-seat',
      kind: 'chairMustHoldSeatIn',
      severity: 'hard',
      value: null,
      category: null,
      refBodyId: T11_ID,
      description: 'Formanden er medlem af T11+.',
    });
  });
});
