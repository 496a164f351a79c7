import { afterEach, describe, expect, it, vi } from 'vitest';
import { configure, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { json, mockFetch, renderRoutes } from '@/test/render';
import { routes } from './testRoutes';
import { payers, programme, reservedGrant, session } from './fixtures';

// jsdom has no canvas: chart.js cannot draw there, so a chart is stood in for by its title.
vi.mock('@/components/Chart', () => ({ BarChart: ({ title }: { title: string }) => <h3>{title}</h3> }));

afterEach(() => vi.unstubAllGlobals());
configure({ asyncUtilTimeout: 5000 });
vi.setConfig({ testTimeout: 20_000 });

const other = { ...programme, id: '41000000-0000-0000-0000-000000000006', parentProgrammeId: null, code: 'climate-secretariat', name: 'Det Fælles Klimasekretariat' };
const otherGrant = { ...reservedGrant, id: '43000000-0000-0000-0000-000000000009', programmeId: other.id, programmeCode: other.code, title: 'Sekretariatets bevilling' };
const emptyRollup = { groupBy: [], granularity: 'year', items: [], next: null };

function api(payerList: unknown = payers) {
  return mockFetch([
    ['GET', /^\/api\/auth\/session$/, () => session()],
    ['GET', /^\/api\/financing\/programmes$/, () => json({ items: [programme, other], next: null })],
    ['GET', /^\/api\/financing\/payers$/, () => json(payerList)],
    ['GET', /^\/api\/financing\/rollups$/, () => json(emptyRollup)],
    ['GET', /^\/api\/financing\/budget-vs-actual$/, () => json(emptyRollup)],
    [
      'GET',
      /^\/api\/financing\/grants$/,
      (req) => {
        const programmeId = new URL(req.url, 'http://localhost').searchParams.get('programmeId');
        const all = [reservedGrant, otherGrant];
        return json({ items: programmeId ? all.filter((g) => g.programmeId === programmeId) : all, next: null });
      },
    ],
  ]);
}

describe('financing dashboard', () => {
  it('shows only the chosen programme’s grants, as the rest of the page does', async () => {
    const calls = api();
    renderRoutes(routes, '/financing');
    const grants = await screen.findByRole('table', { name: 'Bevillinger' });
    expect(within(grants).getByText('Sekretariatets bevilling')).toBeInTheDocument();
    expect(within(grants).getByText(reservedGrant.title)).toBeInTheDocument();

    await userEvent.selectOptions(await screen.findByLabelText('Program'), other.id);
    await waitFor(() => expect(within(screen.getByRole('table', { name: 'Bevillinger' })).queryByText(reservedGrant.title)).toBeNull());
    expect(within(screen.getByRole('table', { name: 'Bevillinger' })).getByText('Sekretariatets bevilling')).toBeInTheDocument();
    const grantCalls = calls.filter((c) => c.url.startsWith('/api/financing/grants'));
    expect(grantCalls.at(-1)!.url).toContain(`programmeId=${other.id}`);
    const rollupCalls = calls.filter((c) => c.url.startsWith('/api/financing/rollups'));
    expect(rollupCalls.at(-1)!.url).toContain(`programmeId=${other.id}`);
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
