import { afterEach, describe, expect, it, vi } from 'vitest';
import { configure, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { json, mockFetch, renderRoutes } from '@/test/render';
import { StepActions } from './StepActions';

afterEach(() => vi.unstubAllGlobals());
configure({ asyncUtilTimeout: 5000 });

const KKR = '20000000-0000-0000-0000-000000000002';
const meeting = (id: string, date: string, state = 'planned', title: string | null = null) => ({
  id,
  bodyId: KKR,
  bodyName: 'KKR Nordjylland',
  date,
  title,
  location: null,
  state,
  cancelled: state === 'cancelled',
  cancellationReason: null,
  agenda: [],
  version: 1,
  modifiedAt: '2026-01-01T00:00:00Z',
});

describe('putting a step on an agenda', () => {
  it('offers the body’s planned meetings soonest first, with their dates as people say them', async () => {
    mockFetch([
      ['GET', /^\/api\/auth\/session$/, () => json({ authenticated: true, permissions: ['cases:write'], csrfToken: 't' })],
      [
        'GET',
        /^\/api\/meetings$/,
        () =>
          json({
            // The API's order (by id), not by date.
            items: [
              meeting('m1', '2027-05-03'),
              meeting('m2', '2026-12-10', 'planned', 'Ekstraordinært møde'),
              meeting('m3', '2026-03-01', 'held'),
              meeting('m4', '2027-02-14'),
            ],
            next: null,
          }),
      ],
    ]);
    const step = { id: 's1', bodyId: KKR, bodyName: 'KKR Nordjylland', status: 'active' as const };
    renderRoutes([{ path: '/', element: <StepActions caseId="c1" step={step} /> }], '/');

    await userEvent.click(await screen.findByRole('button', { name: 'Sæt på dagsordenen i KKR Nordjylland' }));
    const select = await screen.findByLabelText(/^Møde\b/);
    await waitFor(() => expect(within(select).getAllByRole('option')).toHaveLength(4));
    expect(within(select).getAllByRole('option').map((o) => o.textContent)).toEqual([
      'Ekstraordinært møde – 10. dec. 2026',
      'KKR Nordjylland – 14. feb. 2027',
      'KKR Nordjylland – 3. maj 2027',
      'Nyt møde …',
    ]);
    // The soonest planned meeting is the one chosen unless another is picked.
    expect(select).toHaveValue('m2');
  });
});
