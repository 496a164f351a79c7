import { afterEach, describe, expect, it, vi } from 'vitest';
import { configure, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { json, mockFetch, renderRoutes } from '@/test/render';
import { routes } from './testRoutes';
import { payers, position, programme, reservedGrant, session } from './fixtures';

// jsdom has no canvas: chart.js cannot draw there, so a chart is stood in for by its title.
vi.mock('@/components/Chart', () => ({ BarChart: ({ title }: { title: string }) => <h3>{title}</h3> }));

afterEach(() => vi.unstubAllGlobals());
configure({ asyncUtilTimeout: 5000 });

const other = { ...programme, id: '41000000-0000-0000-0000-000000000006', parentProgrammeId: null, code: 'climate-secretariat', name: 'Det Fælles Klimasekretariat' };
const otherGrant = { ...reservedGrant, id: '43000000-0000-0000-0000-000000000009', programmeId: other.id, programmeCode: other.code, title: 'Sekretariatets bevilling' };
const emptyRollup = { groupBy: [], granularity: 'year', items: [], next: null };
const north = { id: programme.governanceModelId, code: 'nordjylland', name: 'Klimaalliancen i Nordjylland', version: 1, modifiedAt: '2023-04-13T00:00:00Z', deleted: false };
const middle = { ...north, id: '01000000-0000-0000-0000-0000000000m2', code: 'midtjylland', name: 'Klimaalliancen i Midtjylland' };
const middleProgramme = { ...programme, id: '41000000-0000-0000-0000-0000000000m2', governanceModelId: middle.id, parentProgrammeId: null, code: 'mid-secretariat', name: 'Midtjyllands klimasekretariat' };
const middleGrant = { ...reservedGrant, id: '43000000-0000-0000-0000-0000000000m2', programmeId: middleProgramme.id, programmeCode: middleProgramme.code, title: 'Midtjyllands bevilling' };

function api(payerList: unknown = payers) {
  return mockFetch([
    ['GET', /^\/api\/auth\/session$/, () => session()],
    ['GET', /^\/api\/governance-models$/, () => json({ items: [north, middle], next: null })],
    [
      'GET',
      /^\/api\/financing\/programmes$/,
      (req) => {
        const model = new URL(req.url, 'http://localhost').searchParams.get('governanceModelId');
        return json({ items: model === middle.id ? [middleProgramme] : [programme, other], next: null });
      },
    ],
    ['GET', /^\/api\/financing\/staffing$/, () => json({ items: [position], next: null })],
    ['GET', /^\/api\/financing\/payers$/, () => json(payerList)],
    ['GET', /^\/api\/financing\/rollups$/, () => json(emptyRollup)],
    ['GET', /^\/api\/financing\/budget-vs-actual$/, () => json(emptyRollup)],
    [
      'GET',
      /^\/api\/financing\/grants$/,
      (req) => {
        const programmeId = new URL(req.url, 'http://localhost').searchParams.get('programmeId');
        const all = [reservedGrant, otherGrant, middleGrant];
        return json({ items: programmeId ? all.filter((g) => g.programmeId === programmeId) : all, next: null });
      },
    ],
  ]);
}

describe('financing dashboard', () => {
  it('shows only the chosen programme’s grants, as the rest of the page does', async () => {
    const calls = api();
    renderRoutes(routes, `/financing?model=${north.id}`);
    const grants = await screen.findByRole('table', { name: 'Bevillinger' });
    await waitFor(() => expect(within(grants).getByText('Sekretariatets bevilling')).toBeInTheDocument());
    expect(within(grants).getByText(reservedGrant.title)).toBeInTheDocument();

    await userEvent.selectOptions(await screen.findByLabelText('Program'), other.id);
    await waitFor(() => expect(within(screen.getByRole('table', { name: 'Bevillinger' })).queryByText(reservedGrant.title)).toBeNull());
    expect(within(screen.getByRole('table', { name: 'Bevillinger' })).getByText('Sekretariatets bevilling')).toBeInTheDocument();
    const grantCalls = calls.filter((c) => c.url.startsWith('/api/financing/grants'));
    expect(grantCalls.at(-1)!.url).toContain(`programmeId=${other.id}`);
    const rollupCalls = calls.filter((c) => c.url.startsWith('/api/financing/rollups'));
    expect(rollupCalls.at(-1)!.url).toContain(`programmeId=${other.id}`);
  });

  it('shows one partnership at a time: the model picker scopes the figures, grants and resources', async () => {
    const calls = api();
    renderRoutes(routes, '/financing');
    const grants = await screen.findByRole('table', { name: 'Bevillinger' });
    // Without a choice, the first model by name (Midtjylland sorts before Nordjylland).
    expect(await screen.findByLabelText('Partnerskab')).toHaveValue(middle.id);
    await waitFor(() => expect(within(grants).getByText('Midtjyllands bevilling')).toBeInTheDocument());
    expect(within(grants).queryByText(reservedGrant.title)).toBeNull();
    await waitFor(() => expect(calls.some((c) => c.url.startsWith('/api/financing/rollups') && c.url.includes(`governanceModelId=${middle.id}`))).toBe(true));
    expect(await screen.findByText('Partnerskabets programmer finansierer ingen stillinger.')).toBeInTheDocument();

    await userEvent.selectOptions(screen.getByLabelText('Partnerskab'), north.id);
    await waitFor(() => expect(within(screen.getByRole('table', { name: 'Bevillinger' })).getByText(reservedGrant.title)).toBeInTheDocument());
    expect(within(screen.getByRole('table', { name: 'Bevillinger' })).queryByText('Midtjyllands bevilling')).toBeNull();
    // Payers by name, never by code.
    expect(within(screen.getByRole('table', { name: 'Bevillinger' })).queryByText(reservedGrant.payerCode.toUpperCase())).toBeNull();
    const rollups = calls.filter((c) => c.url.startsWith('/api/financing/rollups'));
    expect(rollups.at(-1)!.url).toContain(`governanceModelId=${north.id}`);
    const bva = calls.filter((c) => c.url.startsWith('/api/financing/budget-vs-actual'));
    expect(bva.at(-1)!.url).toContain(`governanceModelId=${north.id}`);
    // Region Nordjylland's secretariat resource, funded by one of North Jutland's programmes.
    const resources = await screen.findByRole('table', { name: 'Sekretariatets ressourcer' });
    expect(within(resources).getByRole('row', { name: /Klimamedarbejder \(GEN2040\)/ })).toHaveTextContent('Region Nordjylland');
    expect(within(resources).getByRole('row', { name: /Klimamedarbejder/ })).toHaveTextContent('GEN2040, fase 3');
  });

  it('offers payers in alphabetical order of their names, whatever order the API sends them in', async () => {
    const payer = (code: string, name: string) => ({ ...payers[0]!, id: `p-${code}`, code, name, memberOrganisationIds: [] });
    // The API's order: by code.
    api([
      payer('brn', 'Business Region North Denmark (BRN)'),
      payer('kl', 'KL (Kommunernes Landsforening)'),
      payer('municipalities-jointly', 'De nordjyske kommuner i fællesskab'),
      payer('municipality-810', 'Brønderslev Kommune'),
      payer('municipality-825', 'Læsø Kommune'),
      payer('realdania', 'Realdania'),
      payer('region', 'Region Nordjylland'),
    ]);
    renderRoutes(routes, '/financing/grants/new');
    const select = await screen.findByLabelText(/^Betaler/);
    await waitFor(() => expect(within(select).getAllByRole('option').length).toBe(8));
    expect(within(select).getAllByRole('option').slice(1).map((o) => o.textContent)).toEqual([
      'Brønderslev Kommune',
      'Business Region North Denmark (BRN)',
      'De nordjyske kommuner i fællesskab',
      'KL (Kommunernes Landsforening)',
      'Læsø Kommune',
      'Realdania',
      'Region Nordjylland',
    ]);
  });
});
