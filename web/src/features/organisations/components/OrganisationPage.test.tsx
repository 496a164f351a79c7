import { afterEach, describe, expect, it, vi } from 'vitest';
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { json, mockFetch, renderRoutes } from '@/test/render';
import { organisationRoutes } from '../routes';

const aalborg = {
  id: '10000000-0000-0000-0000-000000000851',
  kind: 'municipality',
  name: 'Aalborg Kommune',
  shortName: 'Aalborg',
  municipalityCode: '851',
  regionCode: null,
  cvr: null,
  version: 3,
  modifiedAt: '2026-01-01T00:00:00Z',
  deleted: false,
};

const overview = {
  organisationId: aalborg.id,
  seats: [
    {
      seatId: 's1',
      bodyId: 'b1',
      bodyName: 'KKR Nordjylland',
      label: 'Aalborg Kommune',
      role: 'member',
      holderPersonId: 'p1',
      holderName: 'Lasse Frimand Jensen',
      holderFrom: '2022-01-01',
    },
    { seatId: 's2', bodyId: 'b2', bodyName: 'Klimaforum', label: 'Aalborg, suppleant', role: 'viceChair', holderPersonId: null },
  ],
  casesShown: true,
  cases: [{ id: 'c1', caseNumber: 'KLIMA-2026-0001', title: 'Aalborgs egen sag', interestCode: 'municipal', relation: 'owner' }],
  financingShown: true,
  years: [
    {
      year: 2024,
      pays: [
        {
          source: 'commitment',
          programmeId: 'pr1',
          programmeCode: 'klimaalliancen',
          programmeName: 'Klimaalliancen',
          payerId: 'py1',
          payerName: 'De nordjyske kommuner i fællesskab',
          jointly: true,
          amount: null,
          fte: 1,
          periodFrom: '2023-01-01',
          periodTo: '2028-01-01',
          text: '1 sekretariatsressource',
        },
        {
          source: 'budget',
          programmeId: 'pr2',
          programmeCode: 'climate-secretariat',
          programmeName: 'Det Fælles Klimasekretariat',
          payerId: 'py2',
          payerName: 'Aalborg Kommune',
          jointly: false,
          amount: { amount: 1600000, currency: 'DKK' },
          fte: null,
        },
      ],
      receives: [],
    },
  ],
};

const overviewRoutes: Parameters<typeof mockFetch>[0] = [
  ['GET', /\/api\/organisations\/[^/]+\/overview$/, () => json(overview)],
  ['GET', /^\/api\/people$/, () => json({ items: [], next: null })],
];

afterEach(() => vi.unstubAllGlobals());

describe('organisation page', () => {
  it('lists organisations and follows the next link', async () => {
    const calls = mockFetch([
      [
        'GET',
        /^\/api\/organisations$/,
        (req) =>
          req.url.includes('cursor=abc')
            ? json({ items: [{ ...aalborg, id: 'x2', name: 'Region Nordjylland', kind: 'region' }], next: null })
            : json({ items: [aalborg], next: 'http://localhost/api/organisations?limit=50&cursor=abc' }),
      ],
    ]);
    renderRoutes(organisationRoutes, '/organisations');
    expect(await screen.findByRole('link', { name: 'Aalborg Kommune' })).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Vis flere' }));
    expect(await screen.findByRole('link', { name: 'Region Nordjylland' })).toBeInTheDocument();
    expect(calls.map((c) => c.url)).toEqual([
      '/api/organisations?limit=50',
      '/api/organisations?limit=50&cursor=abc',
    ]);
  });

  it('sends If-Match and shows validation messages on the fields', async () => {
    const calls = mockFetch([
      ...overviewRoutes,
      ['GET', /\/api\/organisations\/.+/, () => json(aalborg, 200, { ETag: '"3"' })],
      [
        'PUT',
        /\/api\/organisations\/.+/,
        () =>
          json(
            {
              title: 'One or more validation errors occurred.',
              status: 400,
              errors: { municipalityCode: ['Kommunekoden skal være tre cifre.'] },
            },
            400,
          ),
      ],
    ]);
    renderRoutes(organisationRoutes, `/organisations/${aalborg.id}`);
    await userEvent.click(await screen.findByRole('button', { name: 'Redigér organisation' }));
    const code = screen.getByLabelText('Kommunekode');
    await userEvent.clear(code);
    await userEvent.type(code, '85');
    await userEvent.click(screen.getByRole('button', { name: 'Gem' }));

    expect(await screen.findByText('Kommunekoden skal være tre cifre.')).toBeInTheDocument();
    expect(screen.getByLabelText('Kommunekode')).toHaveAttribute('aria-invalid', 'true');
    const put = calls.find((c) => c.method === 'PUT')!;
    expect(put.headers.get('If-Match')).toBe('"3"');
    expect(put.body).toMatchObject({ name: 'Aalborg Kommune', municipalityCode: '85', regionCode: null });
  });

  it('explains a 412 as a change by someone else', async () => {
    mockFetch([
      ...overviewRoutes,
      ['GET', /\/api\/organisations\/.+/, () => json(aalborg, 200, { ETag: '"3"' })],
      ['PUT', /\/api\/organisations\/.+/, () => json({ title: 'Precondition Failed', status: 412 }, 412)],
    ]);
    renderRoutes(organisationRoutes, `/organisations/${aalborg.id}`);
    await userEvent.click(await screen.findByRole('button', { name: 'Redigér organisation' }));
    await userEvent.click(screen.getByRole('button', { name: 'Gem' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(/ændret af en anden/);
    expect(screen.getByRole('button', { name: 'Genindlæs' })).toBeInTheDocument();
  });

  it('shows its seats with holders, its cases and what it pays per year, codes by their names', async () => {
    mockFetch([...overviewRoutes, ['GET', /\/api\/organisations\/.+/, () => json(aalborg, 200, { ETag: '"3"' })]]);
    renderRoutes(organisationRoutes, `/organisations/${aalborg.id}`);
    expect(await screen.findByRole('heading', { name: 'Pladser' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Lasse Frimand Jensen' })).toHaveAttribute('href', '/people/p1');
    expect(screen.getByText('Ledig')).toBeInTheDocument();
    expect(screen.getByText('Næstformand')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'KLIMA-2026-0001 Aalborgs egen sag' })).toBeInTheDocument();

    const pays = screen.getByRole('table', { name: 'Betaler i 2024' });
    expect(pays).toHaveTextContent('Klimaalliancen');
    expect(pays).toHaveTextContent('i fællesskab med andre');
    expect(pays).toHaveTextContent('1 årsværk');
    expect(pays).toHaveTextContent('ikke opgjort');
    expect(pays).toHaveTextContent(/1\. jan\.? 2023 – 31\. dec\.? 2027/);
    expect(pays.textContent!.replace(/\s/g, ' ')).toContain('1.600.000 kr.');
    expect(pays).toHaveTextContent('Tilsagn');
    expect(pays).not.toHaveTextContent('climate-secretariat');
    expect(screen.getByRole('table', { name: 'Modtager i 2024' })).toHaveTextContent('Intet.');
  });

  it('shows a not-found message for an unknown organisation', async () => {
    mockFetch([]);
    renderRoutes(organisationRoutes, '/organisations/nope');
    expect(await screen.findByRole('alert')).toHaveTextContent('Det efterspurgte findes ikke.');
  });

  it('shows a short name once when it is the name itself', async () => {
    const concito = { ...aalborg, id: 'x5', kind: 'knowledgePartner', name: 'Concito', shortName: 'Concito', municipalityCode: null };
    mockFetch([['GET', /^\/api\/organisations$/, () => json({ items: [aalborg, concito], next: null })]]);
    renderRoutes(organisationRoutes, '/organisations');
    const concitoLink = await screen.findByRole('link', { name: 'Concito' });
    expect(concitoLink.closest('td')).toHaveTextContent(/^Concito$/);
    expect(screen.getByRole('link', { name: 'Aalborg Kommune' }).closest('td')).toHaveTextContent('Aalborg Kommune (Aalborg)');
  });
});
