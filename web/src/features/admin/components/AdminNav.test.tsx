import { afterEach, describe, expect, it, vi } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import { act } from 'react';
import { appRoutes } from '@/App';
import { forgetSession, rememberSession } from '@/lib/session';
import { json, mockFetch, renderRoutes } from '@/test/render';

afterEach(() => vi.unstubAllGlobals());

function signedInAs(permissions: string[]) {
  mockFetch([
    ['GET', /^\/api\/auth\/session$/, () => json({ authenticated: true, username: 'x', permissions, csrfToken: 'c' })],
    ['GET', /^\/api\/users$/, () => json({ items: [], next: null })],
    ['GET', /^\/api\/organisations$/, () => json({ items: [], next: null })],
  ]);
}

describe('the administration link', () => {
  it('is in the main navigation for administrators and opens the users', async () => {
    signedInAs(['governance:read', 'audit:read', 'admin']);
    renderRoutes(appRoutes(), '/admin');
    const nav = await screen.findByRole('navigation', { name: 'Hovedmenu' });
    expect(await within(nav).findByRole('link', { name: 'Administration' })).toHaveAttribute('href', '/admin');
    expect(await screen.findByRole('heading', { level: 1, name: 'Brugere' })).toBeInTheDocument();
    expect(within(nav).getByRole('link', { name: 'Administration' })).toHaveAttribute('aria-current', 'page');
  });

  it('is not shown to others', async () => {
    signedInAs(['governance:read', 'governance:write', 'cases:read']);
    renderRoutes(appRoutes(), '/admin/users');
    expect(await screen.findByRole('alert')).toHaveTextContent('Den er for administratorer.');
    const nav = screen.getByRole('navigation', { name: 'Hovedmenu' });
    expect(within(nav).getByRole('link', { name: 'Organer' })).toBeInTheDocument();
    expect(within(nav).queryByRole('link', { name: 'Administration' })).not.toBeInTheDocument();
  });

  it('goes when an administrator signs out and someone else signs in', async () => {
    signedInAs(['governance:read', 'audit:read', 'admin']);
    const { client } = renderRoutes(appRoutes(), '/admin/users');
    const nav = await screen.findByRole('navigation', { name: 'Hovedmenu' });
    expect(await within(nav).findByRole('link', { name: 'Administration' })).toBeInTheDocument();
    act(() => forgetSession(client));
    act(() => rememberSession(client, { authenticated: true, username: 'other', permissions: ['governance:read'], governanceModelIds: [] }));
    await waitFor(() => expect(within(nav).queryByRole('link', { name: 'Administration' })).not.toBeInTheDocument());
    expect(within(nav).getByRole('link', { name: 'Organer' })).toBeInTheDocument();
  });
});
