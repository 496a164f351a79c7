import { afterEach, describe, expect, it, vi } from 'vitest';
import { configure, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { json, mockFetch, renderRoutes, type Recorded } from '@/test/render';
import { bodyRoutes } from '../routes';

configure({ asyncUtilTimeout: 5000 });

const BODY_ID = '20000000-0000-0000-0000-000000000006';
const T11_ID = '20000000-0000-0000-0000-000000000005';

const relation = {
  id: 'rel-1',
  governanceModelId: 'model-1',
  fromBodyId: BODY_ID,
  fromBodyName: 'Projektstyregruppe',
  toBodyId: T11_ID,
  toBodyName: 'T11+',
  kind: 'reportsTo',
  note: null,
  version: 3,
  modifiedAt: '2026-01-01T00:00:00Z',
};

const body = {
  id: BODY_ID,
  governanceModelId: 'model-1',
  code: 'project-steering-group',
  name: 'Projektstyregruppe',
  nameEn: null,
  kind: 'projectSteeringGroup',
  mandate: null,
  canDecide: false,
  hostOrganisationId: null,
  establishedOn: null,
  establishedByCaseRef: null,
  dissolvedOn: null,
  dissolvedByCaseRef: null,
  version: 4,
  modifiedAt: '2026-01-01T00:00:00Z',
  deleted: false,
  asOf: '2026-01-01',
  hostOrganisation: null,
  relationsOut: [relation],
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
      representsOrganisationId: null,
      representsOrganisationName: null,
      appointedByOrganisationId: null,
      appointedByBodyId: T11_ID,
      version: 2,
      modifiedAt: '2026-01-01T00:00:00Z',
      holder: null,
    },
  ],
  warnings: [],
};

type Route = [string, RegExp, (req: Recorded) => Response | Promise<Response>];

function api(extra: Route[] = [], permissions = ['governance:read', 'governance:write']) {
  return mockFetch([
    ...extra,
    ['GET', /^\/api\/auth\/session$/, () => json({ authenticated: true, username: 's', permissions, csrfToken: 'csrf-1' })],
    ['GET', /^\/api\/bodies\/[^/]+$/, () => json(body, 200, { ETag: '"4"' })],
    ['GET', /\/composition-rules$/, () => json({ items: [], next: null })],
    ['GET', /^\/api\/organisations$/, () => json({ items: [], next: null })],
    [
      'GET',
      /^\/api\/bodies$/,
      () => json({ items: [{ ...body, seats: undefined }, { ...body, id: T11_ID, name: 'T11+', code: 't11-plus' }], next: null }),
    ],
  ]);
}

afterEach(() => vi.unstubAllGlobals());

describe('editing a seat', () => {
  it('starts from the seat, saves it with its version as If-Match and keeps what the form does not show', async () => {
    const calls = api([['PUT', /\/seats\/seat-1$/, () => json({ ...body.seats[0], label: 'Formand', version: 3 })]]);
    renderRoutes(bodyRoutes, `/bodies/${BODY_ID}`);
    await userEvent.click(await screen.findByRole('button', { name: 'Redigér plads – Repræsentant fra T11+ (1)' }));
    const form = screen.getByRole('form', { name: 'Redigér pladsen »Repræsentant fra T11+ (1)«' });
    const label = within(form).getByLabelText(/^Betegnelse/);
    expect(label).toHaveValue('Repræsentant fra T11+ (1)');
    expect(within(form).getByLabelText(/^Rolle/)).toHaveValue('chair');
    await userEvent.clear(label);
    await userEvent.type(label, 'Formand');
    await userEvent.click(within(form).getByRole('button', { name: 'Gem pladsen' }));

    expect(await screen.findByText('Pladsen »Formand« er gemt.')).toBeInTheDocument();
    const put = calls.find((c) => c.method === 'PUT')!;
    expect(put.headers.get('If-Match')).toBe('"2"');
    expect(put.body).toEqual({
      label: 'Formand',
      category: 'T11+',
      role: 'chair',
      voting: true,
      representsOrganisationId: null,
      ordinal: 1,
      appointedByOrganisationId: null,
      appointedByBodyId: T11_ID,
    });
  });

  it('shows a problem-details message on its field, and explains a 412 with a reload button', async () => {
    let status = 400;
    api([
      [
        'PUT',
        /\/seats\/seat-1$/,
        () =>
          status === 400
            ? json({ title: 'Invalid', status: 400, errors: { label: ['A label is at most 200 characters.'] } }, 400)
            : json({ title: 'Precondition Failed', status: 412 }, 412),
      ],
    ]);
    renderRoutes(bodyRoutes, `/bodies/${BODY_ID}`);
    await userEvent.click(await screen.findByRole('button', { name: 'Redigér plads – Repræsentant fra T11+ (1)' }));
    const form = screen.getByRole('form', { name: /^Redigér pladsen/ });
    await userEvent.click(within(form).getByRole('button', { name: 'Gem pladsen' }));
    const label = within(form).getByLabelText(/^Betegnelse/);
    await waitFor(() => expect(label).toHaveAttribute('aria-invalid', 'true'));
    expect(label).toHaveAccessibleDescription(/at most 200 characters/);

    status = 412;
    await userEvent.click(within(form).getByRole('button', { name: 'Gem pladsen' }));
    expect(await within(form).findByRole('button', { name: 'Genindlæs' })).toBeInTheDocument();
  });
});

describe('relations', () => {
  it('adds a relation to another body of the model and shows the API\'s field error', async () => {
    let fail = true;
    const calls = api([
      [
        'POST',
        /\/relations$/,
        () =>
          fail
            ? json({ title: 'Invalid', status: 400, errors: { toBodyId: ['A body cannot relate to itself.'] } }, 400)
            : json({ ...relation, id: 'rel-2', kind: 'steers' }, 201),
      ],
    ]);
    renderRoutes(bodyRoutes, `/bodies/${BODY_ID}`);
    await userEvent.click(await screen.findByRole('button', { name: 'Tilføj relation' }));
    const form = screen.getByRole('form', { name: 'Ny relation fra Projektstyregruppe' });
    await userEvent.selectOptions(within(form).getByLabelText(/^Relation/), 'steers');
    const to = within(form).getByLabelText(/^Til organ/);
    await waitFor(() => expect(within(to).getByRole('option', { name: 'T11+' })).toBeInTheDocument());
    // The body itself is not offered.
    expect(within(to).queryByRole('option', { name: 'Projektstyregruppe' })).toBeNull();
    await userEvent.selectOptions(to, T11_ID);
    await userEvent.type(within(form).getByLabelText(/^Bemærkning/), 'Kvartalsvis');
    await userEvent.click(within(form).getByRole('button', { name: 'Tilføj relation' }));
    await waitFor(() => expect(to).toHaveAttribute('aria-invalid', 'true'));
    expect(to).toHaveAccessibleDescription(/cannot relate to itself/);

    fail = false;
    await userEvent.click(within(form).getByRole('button', { name: 'Tilføj relation' }));
    expect(await screen.findByText('Relationen er tilføjet.')).toBeInTheDocument();
    const post = calls.filter((c) => c.method === 'POST').at(-1)!;
    expect(post.body).toEqual({ toBodyId: T11_ID, kind: 'steers', note: 'Kvartalsvis' });
  });

  it('removes a relation after asking, with its version as If-Match', async () => {
    const calls = api([['DELETE', /\/relations\/rel-1$/, () => new Response(null, { status: 204 })]]);
    renderRoutes(bodyRoutes, `/bodies/${BODY_ID}`);
    await userEvent.click(await screen.findByRole('button', { name: 'Fjern relationen rapporterer til T11+' }));
    const confirm = screen.getByRole('group', { name: 'Fjern relationen »rapporterer til« til T11+?' });
    await userEvent.click(within(confirm).getByRole('button', { name: 'Ja, fjern' }));
    expect(await screen.findByText('Relationen er fjernet.')).toBeInTheDocument();
    const del = calls.find((c) => c.method === 'DELETE')!;
    expect(del.headers.get('If-Match')).toBe('"3"');
  });

  it('offers no relation changes without governance:write', async () => {
    api([], ['governance:read']);
    renderRoutes(bodyRoutes, `/bodies/${BODY_ID}`);
    expect(await screen.findByRole('link', { name: 'T11+' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Tilføj relation' })).toBeNull();
    expect(screen.queryByRole('button', { name: /^Fjern relationen/ })).toBeNull();
  });
});
