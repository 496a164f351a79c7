import { afterEach, describe, expect, it, vi } from 'vitest';
import { configure, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { json, mockFetch, renderRoutes } from '@/test/render';
import { budget, draft, payers, programme, session } from './fixtures';
import { routes } from './testRoutes';

afterEach(() => vi.unstubAllGlobals());
// The machine running the suite may be busy: wait up to 5 s for the page, 20 s for a test.
configure({ asyncUtilTimeout: 5000 });

function common() {
  return [
    ['GET', /^\/api\/auth\/session$/, () => session()],
    ['GET', /^\/api\/financing\/programmes$/, () => json({ items: [programme], next: null })],
    ['GET', /^\/api\/financing\/payers$/, () => json(payers)],
    ['GET', /^\/api\/financing\/budgets\/[^/]+$/, () => json(budget, 200, { ETag: '"3"' })],
  ] as Parameters<typeof mockFetch>[0];
}

describe('budget version', () => {
  it('shows the lines of a draft and approves it with If-Match after a confirmation', async () => {
    let approved = false;
    const calls = mockFetch([
      ...common(),
      [
        'GET',
        /^\/api\/financing\/budgets\/.+\/versions\/2$/,
        () => json(approved ? { ...draft, status: 'revised', version: 2 } : draft, 200, { ETag: approved ? '"2"' : '"1"' }),
      ],
      [
        'POST',
        /\/versions\/2\/approve$/,
        () => {
          approved = true;
          return json(
            { ...draft, status: 'revised', decisionRef: 'SAG-1, BRN', approvedOn: '2026-03-01', effectiveFrom: '2026-07-01', version: 2 },
            200,
            { ETag: '"2"' },
          );
        },
      ],
    ]);
    renderRoutes(routes, `/financing/budgets/${budget.id}/versions/2`);

    const lines = await screen.findByRole('table', { name: 'Budgetlinjer' });
    expect(within(lines).getAllByRole('row')).toHaveLength(4);
    expect(within(lines).getByRole('row', { name: /1\. halvår 2024/ })).toHaveTextContent(/800\.000\s*kr\./);
    expect(lines.querySelector('tfoot')).toHaveTextContent(/1\.600\.000\s*kr\./);

    const form = screen.getByRole('form', { name: 'Godkend versionen' });
    await userEvent.type(within(form).getByLabelText(/^Beslutning/), 'SAG-1, BRN');
    const approvedOn = within(form).getByLabelText(/^Godkendt den/);
    await userEvent.clear(approvedOn);
    await userEvent.type(approvedOn, '2026-03-01');
    const effective = within(form).getByLabelText(/^I kraft fra/);
    await userEvent.clear(effective);
    await userEvent.type(effective, '2026-07-01');
    await userEvent.click(within(form).getByRole('button', { name: 'Godkend versionen' }));
    expect(screen.getByRole('alertdialog')).toHaveTextContent(
      /Godkende version 2 af Det Fælles Klimasekretariat 2023-2026 på 1\.600\.000\s*kr\., i kraft fra 1\. jul\. 2026\?/,
    );
    await userEvent.keyboard('{Escape}');
    expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument();
    await userEvent.click(within(form).getByRole('button', { name: 'Godkend versionen' }));
    await userEvent.click(screen.getByRole('button', { name: 'Ja, godkend' }));

    expect(await screen.findByText('Version 2 er godkendt.')).toBeInTheDocument();
    const post = calls.find((c) => c.method === 'POST')!;
    expect(post.headers.get('If-Match')).toBe('"1"');
    expect(post.body).toEqual({ decisionRef: 'SAG-1, BRN', approvedOn: '2026-03-01', effectiveFrom: '2026-07-01' });
    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent('Revideret');
    expect(screen.queryByRole('form', { name: 'Godkend versionen' })).not.toBeInTheDocument();
  });

  it('shows the API\'s errors for one line on that line\'s fields', async () => {
    const calls = mockFetch([
      ...common(),
      ['GET', /^\/api\/financing\/budgets\/.+\/versions\/1$/, () => json({ ...draft, number: 1, status: 'approved' }, 200, { ETag: '"1"' })],
      [
        'POST',
        /^\/api\/financing\/budgets\/.+\/versions$/,
        () =>
          json(
            {
              title: 'One or more fields are invalid',
              status: 400,
              errors: {
                'lines[1].period': ["2030 is outside the programme 'climate-secretariat' (2023-07-01 to 2026-07-01)."],
              },
            },
            400,
          ),
      ],
    ]);
    renderRoutes(routes, `/financing/budgets/${budget.id}/versions/new?from=1`);
    const period = await screen.findByLabelText('Periode, linje 2');
    expect(period).toHaveValue('2024-H1');
    expect(screen.getByLabelText('Beløb, linje 2')).toHaveValue('800.000');
    await userEvent.clear(period);
    await userEvent.type(period, '2030');
    await userEvent.clear(screen.getByLabelText('Beløb, linje 1'));
    await userEvent.type(screen.getByLabelText('Beløb, linje 1'), '812.345,67');
    await userEvent.click(screen.getByRole('button', { name: 'Gem kladde' }));

    await waitFor(() => expect(screen.getByLabelText('Periode, linje 2')).toHaveAttribute('aria-invalid', 'true'));
    expect(screen.getByLabelText('Periode, linje 2')).toHaveAccessibleDescription(/2030 is outside the programme/);
    expect(screen.getByLabelText('Periode, linje 1')).not.toHaveAttribute('aria-invalid');
    expect(screen.getByRole('alert')).toHaveTextContent('Ret de markerede felter.');
    const post = calls.find((c) => c.method === 'POST')!;
    expect(post.body).toMatchObject({
      lines: [
        { period: '2023-H2', costType: 'other', payerId: payers[0]!.id, amount: { amount: 812345.67, currency: 'DKK' }, isAdjustment: false },
        { period: '2030', amount: { amount: 800000, currency: 'DKK' } },
      ],
    });
  });

  it('marks what the browser can check before sending anything', async () => {
    const calls = mockFetch([
      ...common(),
      ['GET', /^\/api\/financing\/budgets\/.+\/versions\/1$/, () => json({ ...draft, number: 1, status: 'approved' }, 200)],
    ]);
    renderRoutes(routes, `/financing/budgets/${budget.id}/versions/new?from=1`);
    const amount = await screen.findByLabelText('Beløb, linje 1');
    await userEvent.clear(amount);
    await userEvent.type(amount, '1234.56');
    await userEvent.clear(screen.getByLabelText('Periode, linje 2'));
    await userEvent.type(screen.getByLabelText('Periode, linje 2'), '2024-H3');
    await userEvent.click(screen.getByRole('button', { name: 'Gem kladde' }));
    expect(screen.getByLabelText('Beløb, linje 1')).toHaveAccessibleDescription(/punktum mellem tusinder og komma før øre/);
    expect(screen.getByLabelText('Periode, linje 2')).toHaveAccessibleDescription(/et halvår \(2024-H1 for 1\. halvår, 2024-H2 for 2\. halvår\)/);
    expect(calls.some((c) => c.method === 'POST')).toBe(false);
  });
});
