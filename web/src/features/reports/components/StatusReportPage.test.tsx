import { describe, expect, it, vi } from 'vitest';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { json, mockFetch, renderRoutes } from '@/test/render';
import { reportRoutes } from '../routes';
import type { StatusReport } from '../api';
import { lastDay } from './ReportView';
import { reportYears } from './StatusReportPage';

// jsdom has no canvas: chart.js cannot draw there, so the chart is stood in for by its title and figures.
vi.mock('@/components/Chart', () => ({
  BarChart: ({ title, categories }: { title: string; categories: string[] }) => (
    <figure>
      <h3>{title}</h3>
      <p>{categories.join(', ')}</p>
    </figure>
  ),
}));

// The machine running the suite may be busy (other suites, a browser run): allow 20 s a test, as the other page tests do.

const statuses = ['notReported', 'planned', 'inProgress', 'done', 'onHold', 'cancelled'] as const;

const report: StatusReport = {
  schemaVersion: 1,
  governanceModel: { id: '01000000-0000-0000-0000-000000000001', code: 'nordjylland', name: 'Klimaalliancen i Nordjylland' },
  from: '2023-01-01',
  to: '2023-07-01',
  generatedAt: '2026-11-22T09:00:00Z',
  notes: [{ section: 'activity', da: 'Aktivitet mangler.', en: 'Activity is missing.' }],
  workPlan: {
    governanceModelId: '01000000-0000-0000-0000-000000000001',
    from: '2023-01-01',
    to: '2023-07-01',
    totals: {
      focusAreas: 1,
      initiatives: 1,
      tasks: 1,
      initiativesByStatus: statuses.map((s) => ({ status: s, count: s === 'notReported' ? 1 : 0 })),
      tasksByStatus: statuses.map((s) => ({ status: s, count: s === 'notReported' ? 1 : 0 })),
      milestonesDueInPeriod: 2,
      milestonesReachedInPeriod: 0,
      milestonesOverdueAtEnd: 2,
    },
    focusAreas: [
      {
        id: 'fa',
        code: 'vidensdeling-og-governance',
        name: 'Vidensdeling og Governance',
        nameEn: 'Knowledge sharing and governance',
        initiatives: [
          {
            id: 'i1',
            code: 'faelles-organisering',
            name: 'Fælles organisering af de nordjyske klimaopgaver',
            nameEn: null,
            status: 'notReported',
            fundingProgramme: 'climate-secretariat',
            startsOn: null,
            endsOn: null,
            timingNote: null,
            taskCount: 1,
            tasksByStatus: [],
            tasks: [
              {
                id: 't1',
                title: 'Governancemodellen behandles',
                status: 'notReported',
                    fundingProgramme: null,
                startsOn: null,
                dueOn: null,
                completedOn: null,
                timingNote: null,
                milestones: [
                  { title: 'Behandling i KKR Nordjylland', dueOn: '2023-02-10', reachedOn: null, state: 'overdue', dueInPeriod: true, reachedInPeriod: false },
                ],
              },
            ],
          },
        ],
      },
    ],
  },
};

describe('StatusReportPage', () => {
  it('shows the report for the period in the URL and issues a frozen copy of it', async () => {
    const calls = mockFetch([
      ['GET', /^\/api\/reports\/status$/, () => json(report)],
      ['GET', /^\/api\/reports$/, () => json({ items: [], next: null })],
      ['POST', /^\/api\/reports$/, () => json({ id: 'r1', title: 'T', issuedAt: '2026-11-22T09:00:00Z', issuedBy: 'admin', contentSha256: 'ab'.repeat(32), report }, 201)],
      ['GET', /^\/api\/reports\/r1$/, () => json({ id: 'r1', title: 'Udstedt rapport', issuedAt: '2026-11-22T09:00:00Z', issuedBy: 'admin', contentSha256: 'ab'.repeat(32), report })],
    ]);
    const { router } = renderRoutes(reportRoutes, '/reports?from=2023-01-01&to=2023-07-01');

    expect(await screen.findByRole('heading', { name: 'Klimaalliancen i Nordjylland' }, { timeout: 5000 })).toBeInTheDocument();
    expect(screen.getByText(/Vidensdeling og Governance/)).toBeInTheDocument();
    expect(screen.getByText(/Behandling i KKR Nordjylland/)).toHaveTextContent('forfalden, ikke registreret som nået');
    expect(calls.find((c) => c.url.startsWith('/api/reports/status'))?.url).toContain('from=2023-01-01&to=2023-07-01');

    fireEvent.click(screen.getByRole('button', { name: 'Frys og udsted rapporten' }));
    await waitFor(() => expect(router.state.location.pathname).toBe('/reports/r1'), { timeout: 5000 });
    expect(calls.find((c) => c.method === 'POST')?.body).toMatchObject({ from: '2023-01-01', to: '2023-07-01' });
    expect(await screen.findByText(/Frosset rapport/, {}, { timeout: 5000 })).toBeInTheDocument();
  });

  it('shows the last day of a half-open period', () => {
    expect(lastDay('2023-07-01')).toBe('2023-06-30');
    expect(lastDay('2024-01-01')).toBe('2023-12-31');
  });

  it('asks for the last day of the period, not the day after it', async () => {
    const calls = mockFetch([
      ['GET', /^\/api\/reports\/status$/, () => json(report)],
      ['GET', /^\/api\/reports$/, () => json({ items: [], next: null })],
    ]);
    const { router } = renderRoutes(reportRoutes, '/reports?from=2023-01-01&to=2023-07-01');
    const to = await screen.findByLabelText('Til og med', {}, { timeout: 5000 });
    expect(screen.queryByText(/ekskl\./)).not.toBeInTheDocument();
    expect(screen.getByLabelText('Fra og med')).toHaveValue('2023-01-01');
    expect(to).toHaveValue('2023-06-30');

    // The last day of September is entered; the API is asked for [1 Jan, 1 Oct).
    fireEvent.change(to, { target: { value: '2023-09-30' } });
    await waitFor(() => expect(router.state.location.search).toBe('?from=2023-01-01&to=2023-10-01'));
    expect(to).toHaveValue('2023-09-30');
    await waitFor(() => expect(calls.some((c) => c.url.includes('from=2023-01-01&to=2023-10-01'))).toBe(true));
  });

  it('offers the half-years of earlier years too, not only of the year shown', async () => {
    mockFetch([
      ['GET', /^\/api\/reports\/status$/, () => json(report)],
      ['GET', /^\/api\/reports$/, () => json({ items: [], next: null })],
    ]);
    const thisYear = new Date().getFullYear();
    const { router } = renderRoutes(reportRoutes, `/reports?from=${thisYear}-01-01&to=${thisYear}-07-01`);
    const picker = await screen.findByLabelText('Halvår', {}, { timeout: 5000 });
    const labels = within(picker).getAllByRole('option').map((o) => o.textContent);
    expect(labels).toContain(`1. halvår ${thisYear}`);
    expect(labels).toContain(`2. halvår ${thisYear - 1}`);
    expect(labels).toContain(`1. halvår ${thisYear - 3}`);
    expect(picker).toHaveValue(`${thisYear}-h1`);

    fireEvent.change(picker, { target: { value: `${thisYear - 3}-h2` } });
    await waitFor(() => expect(router.state.location.search).toBe(`?from=${thisYear - 3}-07-01&to=${thisYear - 2}-01-01`));
    expect(picker).toHaveValue(`${thisYear - 3}-h2`);
  });

  it('lists the years newest first and keeps a year shown from an old link', () => {
    expect(reportYears(2026, 2026)).toEqual([2027, 2026, 2025, 2024, 2023, 2022, 2021, 2020]);
    expect(reportYears(2026, 2012)).toEqual([2027, 2026, 2025, 2024, 2023, 2022, 2021, 2020, 2012]);
  });
});
