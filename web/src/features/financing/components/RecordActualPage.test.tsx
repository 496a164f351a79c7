import { afterEach, describe, expect, it, vi } from 'vitest';
import { configure, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { json, mockFetch, renderRoutes } from '@/test/render';
import { budget, draft, payers, programme, session } from './fixtures';
import { routes } from './testRoutes';

afterEach(() => vi.unstubAllGlobals());
// The machine running the suite may be busy: wait up to 5 s for the page, 20 s for a test.
configure({ asyncUtilTimeout: 5000 });

describe('recording an actual', () => {
  it('fills the key from a budget line, sends the exact amount and shows the API\'s field error', async () => {
    const calls = mockFetch([
      ['GET', /^\/api\/auth\/session$/, () => session()],
      ['GET', /^\/api\/financing\/programmes$/, () => json({ items: [programme], next: null })],
      ['GET', /^\/api\/financing\/payers$/, () => json(payers)],
      ['GET', /^\/api\/financing\/budgets$/, () => json({ items: [budget], next: null })],
      // Version 1 is the one in force: its lines are offered.
      ['GET', /^\/api\/financing\/budgets\/.+\/versions\/1$/, () => json({ ...draft, number: 1, status: 'approved' }, 200)],
      [
        'POST',
        /^\/api\/financing\/actuals$/,
        () =>
          json(
            {
              title: 'One or more fields are invalid',
              status: 400,
              errors: { 'amount.amount': ['An amount must be within ±10,000,000,000.00 DKK.'] },
            },
            400,
          ),
      ],
    ]);
    renderRoutes(routes, `/financing/actuals/new?budget=${budget.id}`);

    const lineSelect = await screen.findByLabelText(/^Budgetlinje/);
    await waitFor(() => expect(lineSelect).toBeEnabled());
    await userEvent.selectOptions(lineSelect, screen.getByRole('option', { name: /^1\. halvår 2024 · Andet/ }));
    expect(screen.getByLabelText(/^Periode/)).toHaveValue('2024-H1');
    expect(screen.getByLabelText(/^Betaler/)).toHaveValue(payers[0]!.id);
    expect(screen.getByLabelText(/^Omkostningstype/)).toHaveValue('other');
    await userEvent.type(screen.getByLabelText(/^Beløb/), '12.345,67');
    await userEvent.type(screen.getByLabelText(/^Bilag eller reference/), 'Faktura 17');
    const booked = screen.getByLabelText(/^Bogført den/);
    await userEvent.clear(booked);
    await userEvent.type(booked, '2024-03-31');
    await userEvent.click(screen.getByRole('button', { name: 'Registrér forbrug' }));

    const amount = screen.getByLabelText(/^Beløb/);
    await waitFor(() => expect(amount).toHaveAttribute('aria-invalid', 'true'));
    expect(amount).toHaveAccessibleDescription(/within ±10,000,000,000\.00 DKK/);
    const post = calls.find((c) => c.method === 'POST')!;
    expect(post.body).toEqual({
      budgetId: budget.id,
      period: '2024-H1',
      costType: 'other',
      payerId: payers[0]!.id,
      amount: { amount: 12345.67, currency: 'DKK' },
      isAdjustment: false,
      bookedOn: '2024-03-31',
      reference: 'Faktura 17',
      note: null,
    });
  });

  it('refuses a negative amount unless it is an adjustment', async () => {
    const calls = mockFetch([
      ['GET', /^\/api\/auth\/session$/, () => session()],
      ['GET', /^\/api\/financing\/payers$/, () => json(payers)],
      ['GET', /^\/api\/financing\/budgets$/, () => json({ items: [budget], next: null })],
      ['GET', /^\/api\/financing\/budgets\/.+\/versions\/1$/, () => json({ ...draft, number: 1, status: 'approved' }, 200)],
      ['POST', /^\/api\/financing\/actuals$/, (req) => json({ ...(req.body as object), id: 'a1' }, 201)],
    ]);
    renderRoutes(routes, `/financing/actuals/new?budget=${budget.id}`);
    await userEvent.type(await screen.findByLabelText(/^Periode/), '2024');
    await userEvent.selectOptions(screen.getByLabelText(/^Betaler/), payers[0]!.id);
    await userEvent.type(screen.getByLabelText(/^Beløb/), '-500');
    await userEvent.click(screen.getByRole('button', { name: 'Registrér forbrug' }));
    expect(screen.getByLabelText(/^Beløb/)).toHaveAccessibleDescription(/må ikke være negativt/);
    expect(calls.some((c) => c.method === 'POST')).toBe(false);

    await userEvent.click(screen.getByLabelText(/^Regulering/));
    await userEvent.click(screen.getByRole('button', { name: 'Registrér forbrug' }));
    await waitFor(() => expect(calls.some((c) => c.method === 'POST')).toBe(true));
    expect(calls.find((c) => c.method === 'POST')!.body).toMatchObject({ amount: { amount: -500 }, isAdjustment: true });
  });
});
