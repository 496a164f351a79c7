import { afterEach, describe, expect, it, vi } from 'vitest';
import { configure, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { RouteObject } from 'react-router';
import { Loading } from '@/components/Status';
import { json, mockFetch, renderRoutes } from '@/test/render';
import { partnershipRoutes } from '../routes';
import type { ElectionTerm } from '../api';

afterEach(() => vi.unstubAllGlobals());
configure({ asyncUtilTimeout: 5000 });

const routes: RouteObject[] = [{ path: '/', hydrateFallbackElement: <Loading />, children: partnershipRoutes }];
const modelId = '01000000-0000-0000-0000-000000000001';
const model = { id: modelId, code: 'nordjylland', name: 'Klimaalliancen i Nordjylland', version: 1, modifiedAt: '2023-04-13T00:00:00Z', deleted: false };
const national: ElectionTerm = { id: 'a1', code: 'KV21', name: 'Kommunal valgperiode 2022–2025', startsOn: '2022-01-01', endsOn: '2026-01-01', governanceModelId: null };
const own: ElectionTerm = { id: 'b1', code: 'NJ40', name: 'Nordjysk periode 2040–2044', startsOn: '2040-01-01', endsOn: '2045-01-01', governanceModelId: modelId };

const problem = (status: number, body: object) =>
  new Response(JSON.stringify({ status, ...body }), { status, headers: { 'Content-Type': 'application/problem+json' } });

function api(terms: ElectionTerm[], post: (body: unknown) => Response) {
  return mockFetch([
    ['GET', /^\/api\/auth\/session$/, () => json({ authenticated: true, username: 'admin', permissions: ['governance:read', 'governance:write'], governanceModelIds: [], csrfToken: 'csrf' })],
    ['GET', /^\/api\/governance-models$/, () => json({ items: [model], next: null })],
    ['GET', /^\/api\/election-terms$/, () => json({ items: terms, next: null })],
    ['POST', /^\/api\/governance-models\/[^/]+\/election-terms$/, (req) => post(req.body)],
  ]);
}

async function fill(form: HTMLElement, code: string, name: string, from: string, to: string) {
  await userEvent.type(within(form).getByLabelText(/^Kode/), code);
  await userEvent.type(within(form).getByLabelText(/^Navn/), name);
  await userEvent.type(within(form).getByLabelText(/^Første dag/), from);
  await userEvent.type(within(form).getByLabelText(/^Sidste dag/), to);
  await userEvent.click(within(form).getByRole('button', { name: 'Opret valgperiode' }));
}

describe('election terms', () => {
  it('shows the national terms a model follows, the period with its last day, and asks the model the API', async () => {
    const calls = api([national], () => json({}, 500));
    renderRoutes(routes, `/partnership/terms?model=${modelId}`);
    const table = await screen.findByRole('table', { name: 'Valgperioder' });
    const row = within(table).getByRole('row', { name: /Kommunal valgperiode 2022–2025/ });
    expect(row).toHaveTextContent('KV21');
    expect(row).toHaveTextContent('1. jan. 2022 – 31. dec. 2025');
    expect(row).toHaveTextContent('Nationale valgperioder');
    expect(screen.getAllByText('Nationale valgperioder')[0]).toHaveAttribute('data-terms-source', 'national');
    const get = calls.find((c) => c.method === 'GET' && c.url.includes('/api/election-terms'))!;
    expect(get.url).toContain(`governanceModelId=${modelId}`);
  });

  it('marks a model’s own terms as its own', async () => {
    api([own], () => json({}, 500));
    renderRoutes(routes, `/partnership/terms?model=${modelId}`);
    const row = await screen.findByRole('row', { name: /Nordjysk periode/ });
    expect(row).toHaveTextContent('1. jan. 2040 – 31. dec. 2044');
    expect(row).toHaveTextContent('Modellens egne');
    expect(screen.queryByText('Nationale valgperioder')).toBeNull();
  });

  it('creates a term, sending the day after the last day as the exclusive end', async () => {
    const calls = api([national], (body) => json({ ...(body as object), id: 'c1', governanceModelId: modelId }, 201));
    renderRoutes(routes, `/partnership/terms?model=${modelId}`);
    const form = await screen.findByRole('form', { name: 'Opret valgperiode' });
    await fill(form, 'NJ40', 'Nordjysk periode 2040–2044', '2040-01-01', '2044-12-31');
    expect(await screen.findByText('»Nordjysk periode 2040–2044« er oprettet.')).toBeInTheDocument();
    expect(calls.find((c) => c.method === 'POST')!.body).toEqual({
      code: 'NJ40',
      name: 'Nordjysk periode 2040–2044',
      startsOn: '2040-01-01',
      endsOn: '2045-01-01',
    });
  });

  it('asks for both dates before sending anything', async () => {
    const calls = api([national], () => json({}, 500));
    renderRoutes(routes, `/partnership/terms?model=${modelId}`);
    const form = await screen.findByRole('form', { name: 'Opret valgperiode' });
    await userEvent.type(within(form).getByLabelText(/^Kode/), 'NJ40');
    await userEvent.click(within(form).getByRole('button', { name: 'Opret valgperiode' }));
    expect(within(form).getAllByText('Vælg en dato.')).toHaveLength(2);
    expect(calls.some((c) => c.method === 'POST')).toBe(false);
  });

  it('shows an overlap (422) under the first day as the server says it', async () => {
    api([own], () =>
      problem(422, {
        title: 'Valgperioden overlapper',
        errors: { startsOn: ['Perioden overlapper modellens valgperiode NJ40.'] },
      }),
    );
    renderRoutes(routes, `/partnership/terms?model=${modelId}`);
    const form = await screen.findByRole('form', { name: 'Opret valgperiode' });
    await fill(form, 'NJ41', 'Overlap', '2042-01-01', '2046-12-31');
    const start = within(form).getByLabelText(/^Første dag/);
    expect(await within(form).findByText('Perioden overlapper modellens valgperiode NJ40.')).toBeInTheDocument();
    expect(start).toHaveAttribute('aria-invalid', 'true');
  });

  it('shows a taken code (409) as the server says it', async () => {
    api([own], () => problem(409, { title: 'Konflikt', detail: 'Valgperioden NJ40 findes allerede.' }));
    renderRoutes(routes, `/partnership/terms?model=${modelId}`);
    const form = await screen.findByRole('form', { name: 'Opret valgperiode' });
    await fill(form, 'NJ40', 'Igen', '2050-01-01', '2054-12-31');
    expect(await within(form).findByText(/Valgperioden NJ40 findes allerede\./)).toBeInTheDocument();
  });
});
