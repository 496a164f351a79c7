import { afterEach, describe, expect, it, vi } from 'vitest';
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { json, mockFetch, renderRoutes } from '@/test/render';
import { csrfToken, setCsrfToken } from '@/lib/csrf';
import { ChangePasswordPage } from './ChangePasswordPage';

afterEach(() => {
  vi.unstubAllGlobals();
  setCsrfToken(null);
});

const session = (token: string) => ({
  authenticated: true,
  username: 'anne',
  displayName: 'Anne',
  role: 'reader',
  permissions: ['governance:read'],
  organisationId: null,
  csrfToken: token,
});

const routes = [{ path: '/account/password', element: <ChangePasswordPage /> }];

async function fill(current: string, next: string, again = next) {
  await userEvent.type(await screen.findByLabelText(/Nuværende adgangskode/), current);
  await userEvent.type(screen.getByLabelText(/^Ny adgangskode/), next);
  await userEvent.type(screen.getByLabelText(/Gentag ny adgangskode/), again);
  await userEvent.click(screen.getByRole('button', { name: 'Skift adgangskode' }));
}

describe('change password', () => {
  it('sends the current and new password and keeps the new session’s CSRF token', async () => {
    const calls = mockFetch([
      ['GET', /\/api\/auth\/session$/, () => json(session('csrf-old'))],
      ['POST', /\/api\/auth\/password$/, () => json(session('csrf-new'))],
    ]);
    renderRoutes(routes, '/account/password');
    await fill('old-password-123', 'new-password-456');
    expect(await screen.findByRole('status')).toHaveTextContent('Din adgangskode er skiftet. Andre sessioner er logget ud.');
    const post = calls.find((c) => c.method === 'POST');
    expect(post?.body).toEqual({ currentPassword: 'old-password-123', newPassword: 'new-password-456' });
    expect(post?.headers.get('X-CSRF-TOKEN')).toBe('csrf-old');
    expect(csrfToken()).toBe('csrf-new');
  });

  it('says so when the current password is wrong', async () => {
    mockFetch([
      ['GET', /\/api\/auth\/session$/, () => json(session('csrf-1'))],
      [
        'POST',
        /\/api\/auth\/password$/,
        () => json({ title: 'Wrong current password', status: 422, errors: { currentPassword: ['The current password is wrong.'] } }, 422),
      ],
    ]);
    renderRoutes(routes, '/account/password');
    await fill('not-it-at-all', 'new-password-456');
    expect(await screen.findByRole('alert')).toHaveTextContent('Den nuværende adgangskode er forkert.');
  });

  it('does not send two different new passwords', async () => {
    const calls = mockFetch([['GET', /\/api\/auth\/session$/, () => json(session('csrf-1'))]]);
    renderRoutes(routes, '/account/password');
    await fill('old-password-123', 'new-password-456', 'new-password-457');
    expect(await screen.findByRole('alert')).toHaveTextContent('De to nye adgangskoder er ikke ens.');
    expect(calls.some((c) => c.method === 'POST')).toBe(false);
  });

  it('shows the server’s message on the new password field', async () => {
    mockFetch([
      ['GET', /\/api\/auth\/session$/, () => json(session('csrf-1'))],
      ['POST', /\/api\/auth\/password$/, () => json({ title: 'Validation', status: 400, errors: { newPassword: ['At least 12 characters.'] } }, 400)],
    ]);
    renderRoutes(routes, '/account/password');
    await fill('old-password-123', 'short');
    expect(await screen.findByText('At least 12 characters.')).toBeInTheDocument();
  });
});
