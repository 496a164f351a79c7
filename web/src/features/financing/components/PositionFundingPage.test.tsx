import { afterEach, describe, expect, it, vi } from 'vitest';
import { configure, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { json, mockFetch, renderRoutes } from '@/test/render';
import { position, programme, session } from './fixtures';
import { routes } from './testRoutes';

afterEach(() => vi.unstubAllGlobals());
// The machine running the suite may be busy: wait up to 5 s for the page, 20 s for a test.
configure({ asyncUtilTimeout: 5000 });

describe('position funding', () => {
  it('sends the position\'s version as If-Match and explains a 412', async () => {
    const calls = mockFetch([
      ['GET', /^\/api\/auth\/session$/, () => session()],
      ['GET', /^\/api\/financing\/programmes$/, () => json({ items: [programme], next: null })],
      ['GET', /^\/api\/financing\/staffing$/, () => json({ items: [{ ...position, annualCost: { amount: 72727.27, currency: 'DKK' } }], next: null })],
      ['PUT', /^\/api\/financing\/staffing\/.+\/funding$/, () => json({ title: 'Precondition Failed', status: 412 }, 412)],
    ]);
    renderRoutes(routes, `/financing/staffing/${position.id}`);
    const cost = await screen.findByLabelText(/^Årlig udgift/);
    // The stored amount is shown as a Dane would type it.
    expect(cost).toHaveValue('72.727,27');
    await userEvent.clear(cost);
    await userEvent.type(cost, '650.000');
    await userEvent.click(screen.getByRole('button', { name: 'Gem' }));

    expect(await screen.findByRole('alert')).toHaveTextContent(/ændret af en anden/);
    expect(screen.getByRole('button', { name: 'Genindlæs' })).toBeInTheDocument();
    const put = calls.find((c) => c.method === 'PUT')!;
    expect(put.headers.get('If-Match')).toBe('"4"');
    expect(put.body).toEqual({ fundingProgrammeId: programme.id, annualCost: { amount: 650000, currency: 'DKK' } });
  });

  it('shows a field error from the API and saves an empty cost as not stated', async () => {
    let attempt = 0;
    const calls = mockFetch([
      ['GET', /^\/api\/auth\/session$/, () => session()],
      ['GET', /^\/api\/financing\/programmes$/, () => json({ items: [programme], next: null })],
      ['GET', /^\/api\/financing\/staffing$/, () => json({ items: [position], next: null })],
      [
        'PUT',
        /^\/api\/financing\/staffing\/.+\/funding$/,
        () =>
          attempt++ === 0
            ? json({ status: 400, title: 'One or more fields are invalid', errors: { fundingProgrammeId: ['The programme does not exist.'] } }, 400)
            : json({ ...position, fundingProgrammeId: null, version: 5 }, 200, { ETag: '"5"' }),
      ],
    ]);
    const { router } = renderRoutes(routes, `/financing/staffing/${position.id}`);
    const programmeSelect = await screen.findByLabelText(/^Finansieret af/);
    await userEvent.click(screen.getByRole('button', { name: 'Gem' }));
    await waitFor(() => expect(programmeSelect).toHaveAttribute('aria-invalid', 'true'));
    expect(programmeSelect).toHaveAccessibleDescription('The programme does not exist.');

    await userEvent.selectOptions(programmeSelect, '');
    await userEvent.click(screen.getByRole('button', { name: 'Gem' }));
    await waitFor(() => expect(router.state.location.pathname).toBe('/financing/staffing'));
    expect(calls.filter((c) => c.method === 'PUT').at(-1)!.body).toEqual({ fundingProgrammeId: null });
  });

  it('shows where each cost comes from, says when the sources give none, and saves the note with the cost', async () => {
    const notGiven = 'Ikke oplyst i kilderne: der er ingen årlig udgift for GEN2040-stillingen.';
    const dk2020 = 'DK2020-niveau: 0,8 mio. kr. årligt pr. årsværk inkl. øvrige driftsudgifter.';
    const regional = { ...position, id: '33000000-0000-0000-0000-000000000001', title: 'Klimamedarbejder (regional)', annualCost: { amount: 800000, currency: 'DKK' }, annualCostNote: dk2020 };
    const calls = mockFetch([
      ['GET', /^\/api\/auth\/session$/, () => session()],
      ['GET', /^\/api\/financing\/programmes$/, () => json({ items: [programme], next: null })],
      ['GET', /^\/api\/financing\/staffing$/, () => json({ items: [regional, { ...position, annualCostNote: notGiven }], next: null })],
      ['PUT', /^\/api\/financing\/staffing\/.+\/funding$/, () => json({ ...position, version: 5 }, 200, { ETag: '"5"' })],
    ]);
    renderRoutes(routes, '/financing/staffing');
    const table = await screen.findByRole('table', { name: 'Bemanding' });
    const gen2040 = within(table).getByRole('row', { name: /Klimamedarbejder \(GEN2040\)/ });
    expect(gen2040).toHaveTextContent('ikke oplyst');
    expect(gen2040).toHaveTextContent(notGiven);
    expect(within(table).getByRole('row', { name: /regional/ })).toHaveTextContent(/800\.000\s*kr\..*DK2020-niveau: 0,8 mio\. kr\. årligt pr\. årsværk/);

    await userEvent.click(within(gen2040).getByRole('link', { name: /Redigér/ }));
    const note = await screen.findByLabelText(/^Kilde eller begrundelse/);
    expect(note).toHaveValue(notGiven);
    await userEvent.type(await screen.findByLabelText(/^Årlig udgift/), '800.000');
    await userEvent.clear(note);
    await userEvent.type(note, 'Anslået som DK2020-niveauet.');
    await userEvent.click(screen.getByRole('button', { name: 'Gem' }));
    await waitFor(() => expect(calls.some((c) => c.method === 'PUT')).toBe(true));
    expect(calls.find((c) => c.method === 'PUT')!.body).toEqual({
      fundingProgrammeId: position.fundingProgrammeId,
      annualCost: { amount: 800000, currency: 'DKK' },
      annualCostNote: 'Anslået som DK2020-niveauet.',
    });
  });
});
