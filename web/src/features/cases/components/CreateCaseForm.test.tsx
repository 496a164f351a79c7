import { afterEach, describe, expect, it, vi } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { json, mockFetch, renderRoutes } from '@/test/render';
import { caseRoutes } from '../routes';

const NJ = '01000000-0000-0000-0000-000000000001';
const MJ = '01000000-0000-0000-0000-0000000000aa';

const model = (id: string, code: string, name: string) => ({
  id,
  code,
  name,
  description: null,
  version: 1,
  modifiedAt: '2026-01-01T00:00:00Z',
  deleted: false,
});

afterEach(() => vi.unstubAllGlobals());

describe('creating a case with two partnerships', () => {
  it('asks which partnership, offers that partnership’s interests and sends the model', async () => {
    const calls = mockFetch([
      ['GET', /^\/api\/auth\/session$/, () => json({ authenticated: true, permissions: ['cases:read', 'cases:write'], csrfToken: 't' })],
      [
        'GET',
        /^\/api\/governance-models$/,
        () => json({ items: [model(NJ, 'nordjylland', 'Nordjylland'), model(MJ, 'midtjylland', 'Midtjylland')], next: null }),
      ],
      [
        'GET',
        /^\/api\/routing\/interests$/,
        (req) =>
          req.url.includes(MJ)
            ? json([{ code: 'mj-joint', name: 'Midtjysk fælles interesse', nameEn: null, ordinal: 1 }])
            : json([{ code: 'joint', name: 'Fælles kommunal og regional interesse', nameEn: null, ordinal: 1 }]),
      ],
      ['GET', /^\/api\/bodies$/, () => json({ items: [], next: null })],
      ['GET', /^\/api\/cases$/, () => json({ items: [], next: null })],
      ['POST', /^\/api\/cases$/, () => json({ id: 'new-case' }, 201)],
      ['GET', /^\/api\/cases\/new-case$/, () => json({ title: 'Not Found', status: 404 }, 404)],
    ]);
    renderRoutes(caseRoutes, '/cases');

    await userEvent.click(await screen.findByRole('button', { name: 'Ny sag' }));
    const form = await screen.findByRole('form', { name: 'Ny sag' });
    const partnership = within(form).getByLabelText(/Styringsmodel/);
    // Midtjylland sorts first by its Danish name.
    await waitFor(() => expect(partnership).toHaveValue(MJ));
    expect(await within(form).findByRole('option', { name: 'Midtjysk fælles interesse' })).toBeInTheDocument();

    await userEvent.selectOptions(partnership, NJ);
    expect(await within(form).findByRole('option', { name: 'Fælles kommunal og regional interesse' })).toBeInTheDocument();
    expect(within(form).queryByRole('option', { name: 'Midtjysk fælles interesse' })).not.toBeInTheDocument();

    await userEvent.type(within(form).getByLabelText(/Titel/), 'Fælles varmeplan');
    await userEvent.click(screen.getByRole('button', { name: 'Opret sag' }));
    await waitFor(() => expect(calls.some((c) => c.method === 'POST')).toBe(true));
    const sent = calls.find((c) => c.method === 'POST')?.body as Record<string, unknown>;
    expect(sent).toMatchObject({ title: 'Fælles varmeplan', interest: 'joint', governanceModelId: NJ });
  });
});
