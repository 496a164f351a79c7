import { afterEach, describe, expect, it, vi } from 'vitest';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { json, mockFetch, renderRoutes } from '@/test/render';
import { workPlanRoutes } from '../routes';

const model = { id: 'm1', name: 'Nordjylland', code: 'north-jutland', version: 1, modifiedAt: '2026-01-01T00:00:00Z', deleted: false };
const focusArea = {
  id: 'f1', governanceModelId: 'm1', code: 'energi', name: 'Energi', nameEn: 'Energy', description: null, ordinal: 1, version: 2,
  modifiedAt: '2026-01-01T00:00:00Z', deleted: false,
};
const initiative = {
  id: 'i1', focusAreaId: 'f1', code: 'varme', name: 'Grøn varme', nameEn: null, status: 'inProgress', responsibleBodyId: 'b1',
  startsOn: '2024-01-01', endsOn: '2025-01-01', ordinal: 1, version: 4, modifiedAt: '2026-01-01T00:00:00Z', deleted: false,
};
const task = {
  id: 't1', initiativeId: 'i1', title: 'Kortlæg fjernvarmen', status: 'planned', responsibleBodyId: 'b1', dueOn: '2024-06-30',
  milestones: [{ id: 'ms1', ordinal: 1, title: 'Data indsamlet', dueOn: '2024-03-01', reachedOn: '2024-02-20' }],
  version: 7, modifiedAt: '2026-01-01T00:00:00Z', deleted: false,
};
const body = { id: 'b1', name: 'Klimaforum', nameEn: 'Climate forum', kind: 'forum', deleted: false };

function routes(write: boolean): Parameters<typeof mockFetch>[0] {
  return [
    ['GET', /^\/api\/auth\/session$/, () => json({ authenticated: true, permissions: write ? ['governance:read', 'governance:write'] : ['governance:read'] })],
    ['GET', /^\/api\/governance-models$/, () => json({ items: [model], next: null })],
    ['GET', /^\/api\/work-plan\/focus-areas$/, () => json({ items: [focusArea], next: null })],
    ['GET', /^\/api\/work-plan\/initiatives$/, () => json({ items: [initiative], next: null })],
    ['GET', /^\/api\/work-plan\/tasks$/, () => json({ items: [task], next: null })],
    ['GET', /^\/api\/bodies$/, () => json({ items: [body], next: null })],
  ];
}

afterEach(() => vi.unstubAllGlobals());

describe('work plan page', () => {
  it('shows focus areas, initiatives, tasks and progress in Danish, statuses by their names', async () => {
    const calls = mockFetch(routes(false));
    renderRoutes(workPlanRoutes, '/work-plan');
    expect(await screen.findByRole('heading', { name: 'Energi' }, { timeout: 10_000 })).toBeInTheDocument();
    const card = screen.getByRole('article', { name: /Grøn varme/ });
    expect(card).toHaveTextContent('I gang');
    expect(card).toHaveTextContent('Klimaforum');
    expect(card).toHaveTextContent('0 af 1 opgaver udført');
    expect(card).toHaveTextContent('Kortlæg fjernvarmen');
    expect(card).toHaveTextContent('Planlagt');
    expect(card).toHaveTextContent('1 af 1 milepæle nået');
    expect(card).not.toHaveTextContent('inProgress');
    expect(screen.queryByRole('button', { name: 'Nyt indsatsområde' })).not.toBeInTheDocument();
    expect(calls.find((c) => c.url.startsWith('/api/work-plan/tasks'))!.url).toContain('governanceModelId=m1');
  });

  it('marks a task done with If-Match and the day it was done', async () => {
    const calls = mockFetch([...routes(true), ['PUT', /^\/api\/work-plan\/tasks\/t1$/, () => json({ ...task, status: 'done', version: 8 }, 200, { ETag: '"8"' })]]);
    renderRoutes(workPlanRoutes, '/work-plan');
    await userEvent.selectOptions(await screen.findByRole('combobox', { name: 'Status for Kortlæg fjernvarmen' }), 'Udført');
    await vi.waitFor(() => expect(calls.some((c) => c.method === 'PUT')).toBe(true));
    const put = calls.find((c) => c.method === 'PUT')!;
    expect(put.headers.get('If-Match')).toBe('"7"');
    expect(put.body).toMatchObject({ initiativeId: 'i1', title: 'Kortlæg fjernvarmen', status: 'done', milestones: [{ title: 'Data indsamlet', reachedOn: '2024-02-20' }] });
    expect((put.body as { completedOn: string }).completedOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it('adds a task under an initiative and shows a server validation message under its field', async () => {
    const calls = mockFetch([
      ...routes(true),
      ['POST', /^\/api\/work-plan\/tasks$/, () => json({ title: 'Et eller flere felter er ugyldige', status: 400, errors: { title: ["'Titel' må ikke være tom."] } }, 400)],
    ]);
    renderRoutes(workPlanRoutes, '/work-plan');
    const card = await screen.findByRole('article', { name: /Grøn varme/ });
    await userEvent.click(within(card).getByRole('button', { name: 'Ny opgave' }));
    const form = screen.getByRole('form', { name: 'Ny opgave under Grøn varme' });
    await userEvent.click(within(form).getByRole('button', { name: 'Gem' }));
    expect(await within(form).findByText("'Titel' må ikke være tom.")).toBeInTheDocument();
    expect(within(form).getByLabelText(/Titel/)).toHaveAttribute('aria-invalid', 'true');
    const post = calls.find((c) => c.method === 'POST')!;
    expect(post.body).toMatchObject({ initiativeId: 'i1', status: 'planned', responsibleBodyId: 'b1', milestones: [] });
  });
});
