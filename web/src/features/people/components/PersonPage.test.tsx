import { afterEach, describe, expect, it, vi } from 'vitest';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { json, mockFetch, renderRoutes } from '@/test/render';
import { peopleRoutes } from '../routes';

const person = {
  id: 'p1',
  name: 'Mette Madsen',
  title: 'Byrådsmedlem',
  organisationId: 'org-851',
  organisationName: 'Aalborg Kommune',
  email: null,
  phone: null,
  version: 2,
  modifiedAt: '2026-01-01T00:00:00Z',
  deleted: false,
};

const overview = {
  organisationId: 'org-851',
  casesShown: true,
  cases: [],
  financingShown: true,
  years: [],
  seats: [
    { seatId: 'taken', bodyId: 'kkr', bodyName: 'KKR Nordjylland', label: 'Aalborg 1', role: 'member', holderPersonId: 'p9', holderName: 'Anden Person' },
    { seatId: 'free', bodyId: 'forum', bodyName: 'Klimaforum', label: 'Aalborg', role: 'member', holderPersonId: null },
  ],
};

function session(permissions: string[]) {
  return json({ authenticated: true, username: 'sekretariat', permissions, csrfToken: 'csrf-1' });
}

afterEach(() => vi.unstubAllGlobals());

describe('person page', () => {
  it('appoints the person to a vacant seat of their organisation, offering no taken seat', async () => {
    const calls = mockFetch([
      ['GET', /^\/api\/auth\/session$/, () => session(['governance:read', 'governance:write'])],
      ['GET', /^\/api\/people\/p1$/, () => json(person, 200, { ETag: '"2"' })],
      ['GET', /^\/api\/people\/p1\/memberships$/, () => json({ items: [], next: null })],
      ['GET', /^\/api\/organisations\/org-851\/overview$/, () => json(overview)],
      ['POST', /^\/api\/bodies\/forum\/memberships$/, () => json({ id: 'm1' }, 201)],
    ]);
    renderRoutes(peopleRoutes, '/people/p1');
    await userEvent.click(await screen.findByRole('button', { name: 'Udpeg til et organ' }));
    const form = await screen.findByRole('form', { name: 'Udpeg til et organ' });
    const seat = within(form).getByLabelText(/Ledig plads/);
    expect(within(seat).getAllByRole('option').map((o) => o.textContent)).toEqual(['Klimaforum – Aalborg (medlem)']);
    await userEvent.type(within(form).getByLabelText(/Beslutning/), 'SAG-2026-1');
    await userEvent.click(within(form).getByRole('button', { name: 'Udpeg' }));

    expect(await screen.findByRole('status')).toHaveTextContent('Udpeget til Klimaforum (Aalborg).');
    const post = calls.find((c) => c.method === 'POST')!;
    expect(post.body).toMatchObject({ personId: 'p1', seatId: 'free', appointedByDecisionRef: 'SAG-2026-1', tiedToElectionTerm: false });
  });

  it('says so when the organisation has no vacant seat', async () => {
    mockFetch([
      ['GET', /^\/api\/auth\/session$/, () => session(['governance:read', 'governance:write'])],
      ['GET', /^\/api\/people\/p1$/, () => json(person, 200, { ETag: '"2"' })],
      ['GET', /^\/api\/people\/p1\/memberships$/, () => json({ items: [], next: null })],
      ['GET', /^\/api\/organisations\/org-851\/overview$/, () => json({ ...overview, seats: [overview.seats[0]] })],
    ]);
    renderRoutes(peopleRoutes, '/people/p1');
    await userEvent.click(await screen.findByRole('button', { name: 'Udpeg til et organ' }));
    expect(await screen.findByText('Der er ingen ledige pladser for Aalborg Kommune.')).toBeInTheDocument();
  });

  it('offers no appointing to a reader', async () => {
    mockFetch([
      ['GET', /^\/api\/auth\/session$/, () => session(['governance:read'])],
      ['GET', /^\/api\/people\/p1$/, () => json(person, 200, { ETag: '"2"' })],
      ['GET', /^\/api\/people\/p1\/memberships$/, () => json({ items: [], next: null })],
    ]);
    renderRoutes(peopleRoutes, '/people/p1');
    expect(await screen.findByRole('heading', { name: 'Mette Madsen' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Udpeg til et organ' })).not.toBeInTheDocument();
  });
});
