import { afterEach, describe, expect, it, vi } from 'vitest';
import { configure, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { RouteObject } from 'react-router';
import { Loading } from '@/components/Status';
import { json, mockFetch, renderRoutes } from '@/test/render';
import { partnershipRoutes } from '../routes';
import type { Interest } from '../api';

afterEach(() => vi.unstubAllGlobals());
configure({ asyncUtilTimeout: 5000 });

const routes: RouteObject[] = [{ path: '/', hydrateFallbackElement: <Loading />, children: partnershipRoutes }];
const modelId = '01000000-0000-0000-0000-000000000001';
const model = { id: modelId, code: 'nordjylland', name: 'Klimaalliancen i Nordjylland', version: 1, modifiedAt: '2023-04-13T00:00:00Z', deleted: false };
const joint: Interest = { governanceModelId: modelId, code: 'joint', name: 'Fælles kommunal og regional interesse', nameEn: 'Joint municipal and regional interest', ordinal: 1, version: 4 };
const old: Interest = { governanceModelId: modelId, code: 'old', name: 'Gammel interesse', ordinal: 2, version: 2, retiredAt: '2026-03-01T09:00:00Z' };

function api() {
  return mockFetch([
    ['GET', /^\/api\/auth\/session$/, () => json({ authenticated: true, username: 'admin', permissions: ['governance:read', 'governance:write'], governanceModelIds: [], csrfToken: 'csrf' })],
    ['GET', /^\/api\/governance-models$/, () => json({ items: [model], next: null })],
    ['GET', /^\/api\/governance-models\/[^/]+\/interests$/, () => json([joint, old])],
    ['POST', /^\/api\/governance-models\/[^/]+\/interests$/, (req) => json({ ...(req.body as object), governanceModelId: modelId, ordinal: 3, version: 1 }, 201)],
    ['PUT', /^\/api\/governance-models\/[^/]+\/interests\/joint$/, (req) => json({ ...joint, ...(req.body as object), version: 5 })],
  ]);
}

describe('case interests', () => {
  it('lists a model’s interests, the retired one marked and without actions', async () => {
    api();
    renderRoutes(routes, `/partnership/interests?model=${modelId}`);
    const table = await screen.findByRole('table', { name: 'Sagsinteresser' });
    const retired = await within(table).findByRole('row', { name: /Gammel interesse/ });
    expect(retired).toHaveTextContent(/Udgået/);
    expect(within(retired).queryByRole('button')).toBeNull();
    expect(within(table).getByRole('row', { name: /Fælles kommunal/ })).toHaveTextContent('Aktiv');
  });

  it('creates an interest last in the list unless an order is given, and refuses an order that is not a number', async () => {
    const calls = api();
    renderRoutes(routes, `/partnership/interests?model=${modelId}`);
    const form = await screen.findByRole('form', { name: 'Opret sagsinteresse' });
    await userEvent.type(within(form).getByLabelText(/^Kode/), 'vand');
    await userEvent.type(within(form).getByLabelText(/^Navn \(dansk\)/), 'Klimatilpasning og vand');
    await userEvent.type(within(form).getByLabelText(/^Rækkefølge/), 'først');
    await userEvent.click(within(form).getByRole('button', { name: 'Opret sagsinteresse' }));
    expect(await within(form).findByText('Skriv et helt tal.')).toBeInTheDocument();
    expect(calls.some((c) => c.method === 'POST')).toBe(false);

    await userEvent.clear(within(form).getByLabelText(/^Rækkefølge/));
    await userEvent.click(within(form).getByRole('button', { name: 'Opret sagsinteresse' }));
    expect(await screen.findByText('»Klimatilpasning og vand« er oprettet.')).toBeInTheDocument();
    expect(calls.find((c) => c.method === 'POST')!.body).toEqual({
      code: 'vand',
      name: 'Klimatilpasning og vand',
      nameEn: null,
      description: null,
      ordinal: null,
    });
  });

  it('changes an interest with If-Match at the version it was read', async () => {
    const calls = api();
    renderRoutes(routes, `/partnership/interests?model=${modelId}`);
    await userEvent.click(await screen.findByRole('button', { name: 'Ret Fælles kommunal og regional interesse' }));
    const form = await screen.findByRole('form', { name: 'Ret Fælles kommunal og regional interesse' });
    expect(within(form).queryByLabelText(/^Kode/)).toBeNull();
    await userEvent.type(within(form).getByLabelText(/^Beskrivelse/), 'BRN-bestyrelsen og KKR Nordjylland.');
    await userEvent.click(within(form).getByRole('button', { name: 'Gem' }));
    expect(await screen.findByText('»Fælles kommunal og regional interesse« er gemt.')).toBeInTheDocument();
    const put = calls.find((c) => c.method === 'PUT')!;
    expect(put.headers.get('If-Match')).toBe('"4"');
    expect(put.body).toEqual({
      name: 'Fælles kommunal og regional interesse',
      nameEn: 'Joint municipal and regional interest',
      description: 'BRN-bestyrelsen og KKR Nordjylland.',
      ordinal: 1,
    });
  });
});
