import { afterEach, describe, expect, it, vi } from 'vitest';
import { configure, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { json, mockFetch, renderRoutes } from '@/test/render';
import { routes } from './testRoutes';
import { detail, payers, programme, reservedGrant, session } from './fixtures';

afterEach(() => vi.unstubAllGlobals());
// The machine running the suite may be busy: wait up to 5 s for the page, 20 s for a test.
configure({ asyncUtilTimeout: 5000 });

const grantUrl = `/financing/grants/${reservedGrant.id}`;

/** The API for one grant: GET answers the current copy; the programme's sums follow it. */
function api(release: Parameters<typeof mockFetch>[0][number][2], permissions?: string[]) {
  let released = false;
  const calls = mockFetch([
    ['GET', /^\/api\/auth\/session$/, () => session(permissions)],
    ['GET', /^\/api\/financing\/programmes$/, () => json({ items: [programme], next: null })],
    ['GET', /^\/api\/financing\/payers$/, () => json(payers)],
    ['GET', /^\/api\/financing\/programmes\/.+/, () => json(released ? detail(0, 860000) : detail(860000, 0))],
    ['GET', /^\/api\/financing\/grants\/.+/, () => json(reservedGrant, 200, { ETag: '"1"' })],
    [
      'POST',
      /^\/api\/financing\/grants\/.+\/release$/,
      async (req) => {
        const response = await release(req);
        if (response.ok) released = true;
        return response;
      },
    ],
  ]);
  return calls;
}

const releasedGrant = {
  ...reservedGrant,
  state: 'released',
  releasedOn: '2026-03-01',
  releasedByDecisionRef: 'SAG-2023-01121, BRN-bestyrelsen',
  version: 2,
};

describe('grant page', () => {
  it('offers the steps a reserved grant allows and releases it after a confirmation', async () => {
    const calls = api(() => json(releasedGrant, 200, { ETag: '"2"' }));
    renderRoutes(routes, grantUrl);

    const totals = await screen.findByRole('table', { name: 'Bevillinger til GEN2040, fase 3 efter status' });
    expect(within(totals).getByRole('row', { name: /Frigivet/ })).toHaveTextContent(/0\s*kr\./);
    expect(await screen.findByRole('button', { name: 'Frigiv' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Luk' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Registrér som forbrugt' })).not.toBeInTheDocument();

    await userEvent.click(screen.getByRole('button', { name: 'Frigiv' }));
    const form = screen.getByRole('form', { name: 'Frigiv bevillingen' });
    await userEvent.type(within(form).getByLabelText(/^Beslutning/), 'SAG-2023-01121, BRN-bestyrelsen');
    const date = within(form).getByLabelText(/^Dato/);
    await userEvent.clear(date);
    await userEvent.type(date, '2026-03-01');
    await userEvent.click(within(form).getByRole('button', { name: 'Frigiv' }));

    // Nothing is sent before the confirmation.
    expect(calls.some((c) => c.method === 'POST')).toBe(false);
    const confirm = screen.getByRole('alertdialog');
    expect(confirm).toHaveTextContent(/Frigive 860\.000\s*kr\. fra Business Region North Denmark \(BRN\) til GEN2040, fase 3\?/);
    expect(within(confirm).getByRole('button', { name: 'Ja, frigiv' })).toHaveFocus();
    await userEvent.click(within(confirm).getByRole('button', { name: 'Ja, frigiv' }));

    expect(await screen.findByText('Bevillingen er frigivet.')).toBeInTheDocument();
    const post = calls.find((c) => c.method === 'POST')!;
    expect(post.url).toBe(`/api/financing/grants/${reservedGrant.id}/release`);
    expect(post.headers.get('If-Match')).toBe('"1"');
    expect(post.body).toEqual({ on: '2026-03-01', decisionRef: 'SAG-2023-01121, BRN-bestyrelsen', note: null });
    // The released sum is read again from the API after the step.
    await waitFor(() =>
      expect(within(totals).getByRole('row', { name: /Frigivet/ })).toHaveTextContent(/860\.000\s*kr\./),
    );
    expect(screen.getByRole('button', { name: 'Registrér som forbrugt' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Frigiv' })).not.toBeInTheDocument();
  });

  it('puts a problem-details message on the field it names', async () => {
    api(() =>
      json(
        {
          type: 'https://klima.dk/problems/validation',
          title: 'One or more fields are invalid',
          status: 400,
          errors: { decisionRef: ['A release must name the decision that approved it (e.g. a case number and body).'] },
        },
        400,
      ),
    );
    renderRoutes(routes, grantUrl);
    await userEvent.click(await screen.findByRole('button', { name: 'Frigiv' }));
    const form = screen.getByRole('form', { name: 'Frigiv bevillingen' });
    await userEvent.click(within(form).getByRole('button', { name: 'Frigiv' }));
    await userEvent.click(screen.getByRole('button', { name: 'Ja, frigiv' }));

    const field = await within(form).findByLabelText(/^Beslutning/);
    await waitFor(() => expect(field).toHaveAttribute('aria-invalid', 'true'));
    expect(field).toHaveAccessibleDescription(/A release must name the decision/);
    expect(within(form).getByRole('alert')).toHaveTextContent('Ret de markerede felter.');
  });

  it('explains a stale copy (412) and reloads the grant', async () => {
    const calls = api(() => json({ title: 'Precondition Failed', status: 412, detail: 'Grant was changed.' }, 412));
    renderRoutes(routes, grantUrl);
    await userEvent.click(await screen.findByRole('button', { name: 'Frigiv' }));
    await userEvent.type(screen.getByLabelText(/^Beslutning/), 'SAG-1');
    await userEvent.click(within(screen.getByRole('form')).getByRole('button', { name: 'Frigiv' }));
    await userEvent.click(screen.getByRole('button', { name: 'Ja, frigiv' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(/ændret af en anden/);
    const reads = calls.filter((c) => c.method === 'GET' && c.url === `/api/financing/grants/${reservedGrant.id}`).length;
    await userEvent.click(screen.getByRole('button', { name: 'Genindlæs' }));
    await waitFor(() =>
      expect(calls.filter((c) => c.method === 'GET' && c.url === `/api/financing/grants/${reservedGrant.id}`).length).toBe(reads + 1),
    );
    expect(screen.queryByRole('form')).not.toBeInTheDocument();
  });

  it('shows no steps to someone who may only read budgets', async () => {
    api(() => json({}, 500), ['budgets:read']);
    renderRoutes(routes, grantUrl);
    expect(await screen.findByRole('heading', { level: 1, name: /BRN-reservation til GEN2040, fase 3/ })).toBeInTheDocument();
    expect(await screen.findByRole('heading', { name: 'Historik' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Frigiv' })).not.toBeInTheDocument();
  });
});
