import { afterEach, describe, expect, it, vi } from 'vitest';
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { json, mockFetch, renderRoutes } from '@/test/render';
import { caseRoutes } from '../routes';

const KKR = '20000000-0000-0000-0000-000000000002';
const SECRETARIAT = '20000000-0000-0000-0000-000000000007';

const body = (id: string, name: string, kind: string) => ({
  id,
  governanceModelId: 'm',
  code: name,
  name,
  nameEn: null,
  kind,
  canDecide: true,
  version: 1,
  modifiedAt: '2026-01-01T00:00:00Z',
  deleted: false,
});

const councils = ['Aalborg', 'Brønderslev', 'Frederikshavn', 'Hjørring'].map((m, i) => ({
  stepId: `s${i}`,
  bodyId: `c${i}`,
  bodyName: `Kommunalbestyrelsen i ${m} Kommune`,
  role: 'decision',
}));

const summary = (n: number, extra: object = {}) => ({
  id: `case-${n}`,
  caseNumber: `KLIMA-2026-000${n}`,
  title: `Sag ${n}`,
  interest: 'joint',
  state: 'open',
  currentStageName: 'Politisk behandling',
  awaiting: [{ stepId: `x${n}`, bodyId: KKR, bodyName: 'KKR Nordjylland', role: 'decision' }],
  overdueSteps: 0,
  version: 1,
  modifiedAt: '2026-01-01T00:00:00Z',
  deleted: false,
  ...extra,
});

afterEach(() => vi.unstubAllGlobals());

function api(cases: (url: string) => Response) {
  return mockFetch([
    ['GET', /^\/api\/auth\/session$/, () => json({ authenticated: true, permissions: ['cases:read'], csrfToken: 't' })],
    ['GET', /^\/api\/routing\/interests$/, () => json([{ code: 'joint', name: 'Fælles interesse', ordinal: 1 }])],
    [
      'GET',
      /^\/api\/bodies$/,
      () =>
        json({
          items: [
            body(KKR, 'KKR Nordjylland', 'politicalForum'),
            body(SECRETARIAT, 'Det Fælles Klimasekretariat', 'secretariat'),
          ],
          next: null,
        }),
    ],
    ['GET', /^\/api\/cases$/, (req) => cases(req.url)],
  ]);
}

describe('case list', () => {
  it('applies the filters in the link, shows where each case is now, and keeps them for the next page', async () => {
    const calls = api((url) =>
      url.includes('cursor=c2')
        ? json({ items: [summary(2, { state: 'open', awaiting: councils, currentStageName: 'Kommunalbestyrelserne' })], next: null })
        : json({
            items: [summary(1, { overdueSteps: 2 })],
            next: `http://localhost/api/cases?currentBodyId=${KKR}&overdue=true&limit=50&cursor=c2`,
          }),
    );
    renderRoutes(caseRoutes, `/cases?currentBodyId=${KKR}&overdue=true`);

    const table = await screen.findByRole('table', { name: 'Sager' });
    const row = within(table).getByRole('row', { name: /KLIMA-2026-0001/ });
    expect(within(row).getByText('Under behandling')).toBeInTheDocument();
    expect(within(row).getByText('2 frister overskredet')).toBeInTheDocument();
    expect(within(row).getByText(/KKR Nordjylland/)).toBeInTheDocument();
    expect(screen.getByLabelText('Kun sager med overskredet frist')).toBeChecked();
    await waitFor(() => expect(screen.getByLabelText('Hvor er sagen nu')).toHaveValue(KKR));
    expect(screen.getByRole('status')).toHaveTextContent('Viser den første sag. Vis flere nederst.');

    await userEvent.click(screen.getByRole('button', { name: 'Vis flere' }));
    expect(await screen.findByText('Kommunalbestyrelsen i Aalborg Kommune og 3 andre organer')).toBeInTheDocument();
    const listCalls = calls.filter((c) => c.url.startsWith('/api/cases'));
    expect(listCalls.map((c) => c.url)).toEqual([
      `/api/cases?currentBodyId=${KKR}&overdue=true&limit=50`,
      `/api/cases?currentBodyId=${KKR}&overdue=true&limit=50&cursor=c2`,
    ]);
  });

  it('puts a changed filter in the URL and says when nothing matches', async () => {
    const calls = api((url) => (url.includes('status=rejected') ? json({ items: [], next: null }) : json({ items: [summary(1)], next: null })));
    const { router } = renderRoutes(caseRoutes, '/cases');
    await screen.findByRole('table', { name: 'Sager' });

    await userEvent.selectOptions(screen.getByLabelText('Status'), 'rejected');
    expect(await screen.findByText('Ingen sager matcher filtrene.')).toBeInTheDocument();
    expect(router.state.location.search).toBe('?status=rejected');

    await userEvent.selectOptions(await screen.findByLabelText('Organ på ruten'), SECRETARIAT);
    expect(router.state.location.search).toBe(`?status=rejected&bodyId=${SECRETARIAT}`);
    await waitFor(() =>
      expect(calls.map((c) => c.url)).toContain(`/api/cases?status=rejected&bodyId=${SECRETARIAT}&limit=50`),
    );

    await userEvent.click(screen.getByRole('button', { name: 'Nulstil filtre' }));
    expect(router.state.location.search).toBe('');
    expect(await screen.findByRole('link', { name: 'Sag 1' })).toBeInTheDocument();
  });

  it('keeps every filter change made while the previous change is still navigating, and follows a URL it did not write', async () => {
    api(() => json({ items: [summary(1)], next: null }));
    const { router } = renderRoutes(caseRoutes, `/cases?currentBodyId=${SECRETARIAT}`);
    await screen.findByRole('table', { name: 'Sager' });
    const where = await screen.findByLabelText('Hvor er sagen nu');
    await waitFor(() => expect(where).toHaveValue(SECRETARIAT));
    const overdue = screen.getByLabelText('Kun sager med overskredet frist');

    // "Alle organer", then at once (before the navigation the first change started has landed) the checkbox, as a
    // quick person or a test runner clicks.
    act(() => {
      fireEvent.change(where, { target: { value: '' } });
      fireEvent.click(overdue);
    });
    // Both changes show at once and neither is lost when the URL catches up.
    expect(overdue).toBeChecked();
    expect(where).toHaveValue('');
    await waitFor(() => expect(router.state.location.search).toBe('?overdue=true'));
    expect(overdue).toBeChecked();
    expect(where).toHaveValue('');

    // Three quick changes in a row, each in its own event.
    fireEvent.change(screen.getByLabelText('Status'), { target: { value: 'open' } });
    fireEvent.click(overdue);
    fireEvent.change(screen.getByLabelText('Organ på ruten'), { target: { value: KKR } });
    expect(overdue).not.toBeChecked();
    await waitFor(() => expect(router.state.location.search).toBe(`?status=open&bodyId=${KKR}`));
    expect(screen.getByLabelText('Status')).toHaveValue('open');

    // A URL the page did not write (a followed link, back / forward) becomes the filters.
    await act(() => router.navigate(`/cases?currentBodyId=${KKR}&overdue=true`));
    await waitFor(() => expect(overdue).toBeChecked());
    expect(where).toHaveValue(KKR);
    expect(screen.getByLabelText('Status')).toHaveValue('');
  });
});
