import { screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { json, mockFetch, renderRoutes } from '@/test/render';
import { financingRoutes } from './routes';
import '@/lib/i18n';

function session(permissions: string[]) {
  return json({ authenticated: true, username: 'læser', permissions, governanceModelIds: [], csrfToken: 'x' });
}

describe('RequirePermission on the forms that write', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('tells a reader in Danish that the new-budget form is not for them, and sends nothing', async () => {
    const calls = mockFetch([['GET', /\/api\/auth\/session$/, () => session(['budgets:read'])]]);
    renderRoutes(financingRoutes, '/financing/budgets/new');
    expect(await screen.findByRole('alert')).toHaveTextContent('Du har ikke adgang til denne side');
    expect(calls.every((c) => c.method === 'GET')).toBe(true);
  });

  it('shows the form to a session that may save it', async () => {
    mockFetch([['GET', /\/api\/auth\/session$/, () => session(['budgets:read', 'budgets:write'])]]);
    renderRoutes(financingRoutes, '/financing/actuals/new');
    expect(await screen.findByRole('heading', { level: 1 })).toBeInTheDocument();
    expect(screen.queryByText(/Du har ikke adgang/)).toBeNull();
  });
});
