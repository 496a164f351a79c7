import { afterEach, describe, expect, it, vi } from 'vitest';
import { configure, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { RouteObject } from 'react-router';
import { Loading } from '@/components/Status';
import { json, mockFetch, renderRoutes } from '@/test/render';
import { partnershipRoutes } from '../routes';
import type { Interest, RoutingRule } from '../api';

afterEach(() => vi.unstubAllGlobals());
configure({ asyncUtilTimeout: 5000 });

const routes: RouteObject[] = [{ path: '/', hydrateFallbackElement: <Loading />, children: partnershipRoutes }];

const modelId = '01000000-0000-0000-0000-000000000001';
const model = { id: modelId, code: 'nordjylland', name: 'Klimaalliancen i Nordjylland', version: 1, modifiedAt: '2023-04-13T00:00:00Z', deleted: false };
const bodies = [
  { id: 'b-kkr', governanceModelId: modelId, code: 'kkr', name: 'KKR Nordjylland', kind: 'politicalForum', canDecide: true, version: 1, modifiedAt: '2023-04-13T00:00:00Z', deleted: false },
  { id: 'b-brn', governanceModelId: modelId, code: 'brn-board', name: 'BRN-bestyrelsen', kind: 'board', canDecide: true, version: 1, modifiedAt: '2023-04-13T00:00:00Z', deleted: false },
];
const interests: Interest[] = [
  { governanceModelId: modelId, code: 'municipal', name: 'Ren kommunal interesse', nameEn: 'Purely municipal interest', ordinal: 2, version: 1 },
];
const live: RoutingRule = {
  id: 'rule-1',
  governanceModelId: modelId,
  code: 'municipal',
  name: 'Ren kommunal interesse',
  interest: 'municipal',
  requiresCouncilDecision: false,
  priority: 30,
  version: 2,
  retiredAt: null,
  steps: [{ stageOrdinal: 1, stageName: 'Politisk behandling', bodyId: 'b-kkr', role: 'decision', authoritative: true, deadlineDays: 30 }],
};
const retired: RoutingRule = {
  ...live,
  id: 'rule-0',
  code: 'old-municipal',
  name: 'Gammel kommunal regel',
  priority: 5,
  retiredAt: '2026-02-01T10:00:00Z',
  steps: [{ stageOrdinal: 1, stageName: 'Beslutning', bodyId: 'b-brn', role: 'decision', authoritative: true }],
};

function api(put: () => Response) {
  return mockFetch([
    ['GET', /^\/api\/auth\/session$/, () => json({ authenticated: true, username: 'admin', permissions: ['governance:read', 'governance:write'], governanceModelIds: [], csrfToken: 'csrf' })],
    ['GET', /^\/api\/governance-models$/, () => json({ items: [model], next: null })],
    ['GET', /^\/api\/governance-models\/[^/]+\/interests$/, () => json(interests)],
    ['GET', /^\/api\/bodies$/, () => json({ items: bodies, next: null })],
    ['GET', /^\/api\/routing\/rules$/, () => json([retired, live])],
    ['PUT', /^\/api\/routing\/rules\/rule-1$/, put],
  ]);
}

describe('routing rules', () => {
  it('lists rules by priority with interests and bodies by name, the retired one after them marked as retired', async () => {
    const calls = api(() => json(live));
    renderRoutes(routes, `/partnership/rules?model=${modelId}`);
    const list = await screen.findByRole('list', { name: 'Sagsgangsregler' });
    const cards = await within(list).findAllByRole('listitem');
    expect(cards.map((c) => c.getAttribute('data-rule'))).toEqual(['municipal', 'old-municipal']);
    await waitFor(() => expect(within(cards[0]!).getByRole('row', { name: /Politisk behandling/ })).toHaveTextContent('KKR Nordjylland'));
    expect(within(cards[0]!).getByText('Ren kommunal interesse', { selector: 'dd' })).toBeInTheDocument();
    expect(within(cards[1]!).getByText(/^Udfaset /)).toBeInTheDocument();
    expect(within(cards[1]!).queryByRole('button', { name: /Udfas/ })).toBeNull();
    expect(calls.find((c) => c.url.startsWith('/api/routing/rules'))!.url).toContain('includeRetired=true');
  });

  it('changes a rule with If-Match and says a 412 as "changed by someone else, reload"', async () => {
    const calls = api(() => json({ title: 'Precondition failed', status: 412, detail: 'Version 2 is stale.' }, 412));
    renderRoutes(routes, `/partnership/rules?model=${modelId}`);
    await userEvent.click(await screen.findByRole('button', { name: 'Ret Ren kommunal interesse' }));
    const form = await screen.findByRole('form', { name: 'Ret »Ren kommunal interesse«' });
    const priority = within(form).getByLabelText(/^Prioritet/);
    await userEvent.clear(priority);
    await userEvent.type(priority, '25');
    await userEvent.click(within(form).getByRole('button', { name: 'Gem' }));
    const alert = await within(form).findByRole('alert');
    expect(alert).toHaveTextContent('Reglen er ændret af en anden, siden du hentede den. Genindlæs og prøv igen.');
    expect(within(alert).getByRole('button', { name: 'Genindlæs' })).toBeInTheDocument();
    const put = calls.find((c) => c.method === 'PUT')!;
    expect(put.headers.get('If-Match')).toBe('"2"');
    expect(put.body).toMatchObject({ priority: 25, interest: 'municipal', requiresCouncilDecision: false });
  });

  it('checks whole numbers before sending anything', async () => {
    const calls = api(() => json(live));
    renderRoutes(routes, `/partnership/rules?model=${modelId}`);
    await userEvent.click(await screen.findByRole('button', { name: 'Ret Ren kommunal interesse' }));
    const form = await screen.findByRole('form', { name: 'Ret »Ren kommunal interesse«' });
    const priority = within(form).getByLabelText(/^Prioritet/);
    await userEvent.clear(priority);
    await userEvent.type(priority, 'høj');
    await userEvent.click(within(form).getByRole('button', { name: 'Gem' }));
    expect(await within(form).findByText('Skriv et helt tal.')).toBeInTheDocument();
    expect(priority).toHaveAttribute('aria-invalid', 'true');
    expect(calls.some((c) => c.method === 'PUT')).toBe(false);
  });
});
