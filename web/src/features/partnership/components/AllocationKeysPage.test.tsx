import { afterEach, describe, expect, it, vi } from 'vitest';
import { configure, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { RouteObject } from 'react-router';
import { Loading } from '@/components/Status';
import { json, mockFetch, renderRoutes } from '@/test/render';
import { partnershipRoutes } from '../routes';
import type { AllocationKey, Payer } from '../api';

afterEach(() => vi.unstubAllGlobals());
configure({ asyncUtilTimeout: 5000 });

const routes: RouteObject[] = [{ path: '/', hydrateFallbackElement: <Loading />, children: partnershipRoutes }];
const modelId = '01000000-0000-0000-0000-000000000001';
const model = { id: modelId, code: 'nordjylland', name: 'Klimaalliancen i Nordjylland', version: 1, modifiedAt: '2023-04-13T00:00:00Z', deleted: false };
const payer = (id: string, code: string, name: string): Payer => ({
  id,
  governanceModelId: modelId,
  code,
  name,
  organisationId: null,
  memberOrganisationIds: [],
  version: 1,
  modifiedAt: '2023-04-13T00:00:00Z',
});
const brn = payer('p-brn', 'brn', 'Business Region North Denmark (BRN)');
const region = payer('p-region', 'region', 'Region Nordjylland');
const key: AllocationKey = {
  id: 'k-1',
  governanceModelId: modelId,
  code: 'thirds',
  name: 'En tredjedel og to tredjedele',
  method: 'fixedShares',
  shares: [
    { payerId: brn.id, payerCode: 'brn', payerName: brn.name, weight: 3333 },
    { payerId: region.id, payerCode: 'region', payerName: region.name, weight: 6667 },
  ],
  totalWeight: 10000,
  version: 3,
  modifiedAt: '2026-01-01T00:00:00Z',
};

function api() {
  return mockFetch([
    ['GET', /^\/api\/auth\/session$/, () => json({ authenticated: true, username: 'admin', permissions: ['budgets:read', 'budgets:write'], governanceModelIds: [], csrfToken: 'csrf' })],
    ['GET', /^\/api\/governance-models$/, () => json({ items: [model], next: null })],
    ['GET', /^\/api\/financing\/payers$/, () => json([region, brn])],
    ['GET', /^\/api\/financing\/allocation-keys$/, () => json({ items: [key], next: null })],
    ['POST', /^\/api\/financing\/allocation-keys$/, (req) => json({ ...key, ...(req.body as object), id: 'k-2', version: 1 }, 201)],
    ['PUT', /^\/api\/financing\/allocation-keys\/k-1$/, () => json({ ...key, version: 4 })],
  ]);
}

describe('allocation keys', () => {
  it('shows shares by payer name as percentages, with the version', async () => {
    api();
    renderRoutes(routes, `/partnership/allocation-keys?model=${modelId}`);
    const row = await screen.findByRole('row', { name: /En tredjedel og to tredjedele/ });
    expect(row).toHaveTextContent('Business Region North Denmark (BRN): 33,33 %');
    expect(row).toHaveTextContent('Region Nordjylland: 66,67 %');
    expect(row).toHaveTextContent('version 3');
  });

  it('edits a key with its shares as percentages and sends exact basis points with If-Match', async () => {
    const calls = api();
    renderRoutes(routes, `/partnership/allocation-keys?model=${modelId}`);
    await userEvent.click(await screen.findByRole('button', { name: 'Ret En tredjedel og to tredjedele' }));
    const form = await screen.findByRole('form', { name: 'Ret »En tredjedel og to tredjedele«' });
    expect(within(form).getByLabelText('Andel (%), linje 1')).toHaveValue('33,33');
    await userEvent.clear(within(form).getByLabelText('Andel (%), linje 1'));
    await userEvent.type(within(form).getByLabelText('Andel (%), linje 1'), '12,5');
    await userEvent.clear(within(form).getByLabelText('Andel (%), linje 2'));
    await userEvent.type(within(form).getByLabelText('Andel (%), linje 2'), '87,5');
    await userEvent.click(within(form).getByRole('button', { name: 'Gem' }));
    expect(await screen.findByText('»En tredjedel og to tredjedele« er gemt.')).toBeInTheDocument();
    const put = calls.find((c) => c.method === 'PUT')!;
    expect(put.headers.get('If-Match')).toBe('"3"');
    expect(put.body).toMatchObject({
      method: 'fixedShares',
      shares: [
        { payerId: brn.id, weight: 1250 },
        { payerId: region.id, weight: 8750 },
      ],
    });
  });

  it('creates a population key, and an equal split without weights', async () => {
    const calls = api();
    renderRoutes(routes, `/partnership/allocation-keys?model=${modelId}`);
    const form = await screen.findByRole('form', { name: 'Opret fordelingsnøgle' });
    await userEvent.type(within(form).getByLabelText(/^Kode/), 'indbyggere');
    await userEvent.type(within(form).getByLabelText(/^Navn/), 'Efter indbyggertal');
    await userEvent.selectOptions(within(form).getByLabelText(/^Metode/), 'population');
    await userEvent.selectOptions(within(form).getByLabelText('Betaler, linje 1'), region.id);
    await userEvent.type(within(form).getByLabelText('Indbyggertal, linje 1'), '592.000');
    await userEvent.click(within(form).getByRole('button', { name: 'Opret fordelingsnøgle' }));
    expect(await screen.findByText('»Efter indbyggertal« er oprettet.')).toBeInTheDocument();
    expect(calls.find((c) => c.method === 'POST')!.body).toEqual({
      governanceModelId: modelId,
      code: 'indbyggere',
      name: 'Efter indbyggertal',
      method: 'population',
      description: null,
      basisNote: null,
      shares: [{ payerId: region.id, weight: 592000 }],
    });

    await userEvent.type(within(form).getByLabelText(/^Kode/), 'lige');
    await userEvent.type(within(form).getByLabelText(/^Navn/), 'Ligelig');
    await userEvent.selectOptions(within(form).getByLabelText(/^Metode/), 'equalSplit');
    expect(within(form).queryByLabelText('Andel (%), linje 1')).toBeNull();
    await userEvent.selectOptions(within(form).getByLabelText('Betaler, linje 1'), brn.id);
    await userEvent.click(within(form).getByRole('button', { name: 'Tilføj betaler' }));
    await userEvent.selectOptions(within(form).getByLabelText('Betaler, linje 2'), brn.id);
    await userEvent.click(within(form).getByRole('button', { name: 'Opret fordelingsnøgle' }));
    expect(await within(form).findByText('Betaleren står der allerede.')).toBeInTheDocument();
    await userEvent.selectOptions(within(form).getByLabelText('Betaler, linje 2'), region.id);
    await userEvent.click(within(form).getByRole('button', { name: 'Opret fordelingsnøgle' }));
    expect(await screen.findByText('»Ligelig« er oprettet.')).toBeInTheDocument();
    expect(calls.filter((c) => c.method === 'POST')[1]!.body).toMatchObject({
      method: 'equalSplit',
      shares: [
        { payerId: brn.id, weight: null },
        { payerId: region.id, weight: null },
      ],
    });
  });
});
