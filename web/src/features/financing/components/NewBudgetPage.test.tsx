import { afterEach, describe, expect, it, vi } from 'vitest';
import { configure, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { json, mockFetch, renderRoutes } from '@/test/render';
import { payers, programme, session } from './fixtures';
import { routes } from './testRoutes';

afterEach(() => vi.unstubAllGlobals());
configure({ asyncUtilTimeout: 5000 });

describe('creating a budget', () => {
  it('sends programme, code, name and lines, and shows the API\'s messages on the fields and cells', async () => {
    const calls = mockFetch([
      ['GET', /^\/api\/auth\/session$/, () => session()],
      ['GET', /^\/api\/financing\/programmes$/, () => json({ items: [programme], next: null })],
      ['GET', /^\/api\/financing\/payers$/, () => json(payers)],
      [
        'POST',
        /^\/api\/financing\/budgets$/,
        () =>
          json(
            {
              title: 'One or more fields are invalid',
              status: 400,
              errors: {
                code: ['A code is lower-case letters, digits and dashes.'],
                'lines[0].period': ['The period is outside the programme.'],
              },
            },
            400,
          ),
      ],
    ]);
    renderRoutes(routes, `/financing/budgets/new?programme=${programme.id}`);

    const programmeSelect = await screen.findByLabelText(/^Program/);
    expect(programmeSelect).toHaveValue(programme.id);
    await userEvent.type(screen.getByLabelText(/^Kode/), 'Drift 2030');
    await userEvent.type(screen.getByLabelText(/^Navn/), 'Drift 2030');
    await userEvent.type(screen.getByLabelText('Periode, linje 1'), '2030');
    await userEvent.selectOptions(screen.getByLabelText('Betaler, linje 1'), payers[0]!.id);
    await userEvent.type(screen.getByLabelText('Beløb, linje 1'), '1.000,50');
    await userEvent.click(screen.getByRole('button', { name: 'Opret budget' }));

    const code = screen.getByLabelText(/^Kode/);
    await waitFor(() => expect(code).toHaveAttribute('aria-invalid', 'true'));
    expect(code).toHaveAccessibleDescription(/lower-case letters/);
    expect(screen.getByLabelText('Periode, linje 1')).toHaveAccessibleDescription(/outside the programme/);
    const post = calls.find((c) => c.method === 'POST')!;
    expect(post.body).toEqual({
      programmeId: programme.id,
      code: 'Drift 2030',
      name: 'Drift 2030',
      note: null,
      lines: [
        {
          period: '2030',
          costType: 'salaries',
          payerId: payers[0]!.id,
          amount: { amount: 1000.5, currency: 'DKK' },
          isAdjustment: false,
          note: null,
        },
      ],
    });
  });

  it('goes to the new budget when it is created', async () => {
    mockFetch([
      ['GET', /^\/api\/auth\/session$/, () => session()],
      ['GET', /^\/api\/financing\/programmes$/, () => json({ items: [programme], next: null })],
      ['GET', /^\/api\/financing\/payers$/, () => json(payers)],
      [
        'POST',
        /^\/api\/financing\/budgets$/,
        () => json({ id: 'b1', name: 'Drift 2030', code: 'drift-2030', programmeId: programme.id, versions: [] }, 201),
      ],
      ['GET', /^\/api\/financing\/budgets\/b1$/, () => json({ id: 'b1', name: 'Drift 2030', code: 'drift-2030', programmeId: programme.id, programmeCode: 'gen', versions: [] })],
    ]);
    renderRoutes(routes, `/financing/budgets/new?programme=${programme.id}`);
    await userEvent.type(await screen.findByLabelText(/^Kode/), 'drift-2030');
    await userEvent.type(screen.getByLabelText(/^Navn/), 'Drift 2030');
    await userEvent.type(screen.getByLabelText('Periode, linje 1'), '2030');
    await userEvent.selectOptions(screen.getByLabelText('Betaler, linje 1'), payers[0]!.id);
    await userEvent.type(screen.getByLabelText('Beløb, linje 1'), '100');
    await userEvent.click(screen.getByRole('button', { name: 'Opret budget' }));
    expect(await screen.findByRole('heading', { name: 'Drift 2030' })).toBeInTheDocument();
    expect(screen.getByRole('status')).toHaveTextContent('Budgettet Drift 2030 er oprettet');
  });
});
