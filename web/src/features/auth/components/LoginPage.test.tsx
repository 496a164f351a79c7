import { afterEach, describe, expect, it, vi } from 'vitest';
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { json, mockFetch, renderRoutes } from '@/test/render';
import { api } from '@/lib/api/client';
import { csrfToken, setCsrfToken } from '@/lib/csrf';
import { LoginPage, safeNext } from './LoginPage';

afterEach(() => {
  vi.unstubAllGlobals();
  setCsrfToken(null);
});

const session = {
  authenticated: true,
  username: 'admin',
  displayName: 'Administrator',
  role: 'administrator',
  permissions: ['governance:read'],
  organisationId: null,
  csrfToken: 'csrf-123',
};

describe('safeNext', () => {
  it('follows only paths inside the app', () => {
    expect(safeNext('/bodies/1?asOf=2024-01-01')).toBe('/bodies/1?asOf=2024-01-01');
    expect(safeNext('//evil.example')).toBe('/');
    expect(safeNext('https://evil.example')).toBe('/');
    expect(safeNext('/login')).toBe('/');
    expect(safeNext(null)).toBe('/');
  });
});

describe('login page', () => {
  const routes = [
    { path: '/login', element: <LoginPage /> },
    { path: '/organisations', element: <h1>Organisations here</h1> },
  ];

  it('signs in, keeps the CSRF token and goes where it was asked to', async () => {
    const calls = mockFetch([['POST', /\/api\/auth\/login$/, () => json(session)]]);
    renderRoutes(routes, '/login?next=%2Forganisations');
    await userEvent.type(screen.getByLabelText(/Brugernavn/), 'admin');
    await userEvent.type(screen.getByLabelText(/Adgangskode/), 'secret');
    await userEvent.click(screen.getByRole('button', { name: 'Log ind' }));
    expect(await screen.findByRole('heading', { name: 'Organisations here' })).toBeInTheDocument();
    expect(calls[0]?.body).toEqual({ username: 'admin', password: 'secret' });
    expect(csrfToken()).toBe('csrf-123');
  });

  it('says so when the username or password is wrong', async () => {
    mockFetch([['POST', /\/api\/auth\/login$/, () => json({ title: 'Unauthorized', status: 401 }, 401)]]);
    renderRoutes(routes, '/login');
    await userEvent.type(screen.getByLabelText(/Brugernavn/), 'admin');
    await userEvent.type(screen.getByLabelText(/Adgangskode/), 'nope');
    await userEvent.click(screen.getByRole('button', { name: 'Log ind' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Brugernavn eller adgangskode er forkert.');
  });

  it('shows validation messages on the fields', async () => {
    mockFetch([
      [
        'POST',
        /\/api\/auth\/login$/,
        () => json({ status: 400, errors: { Username: ["'Username' must not be empty."] } }, 400),
      ],
    ]);
    renderRoutes(routes, '/login');
    await userEvent.click(screen.getByRole('button', { name: 'Log ind' }));
    expect(await screen.findByText("'Username' must not be empty.")).toBeInTheDocument();
    expect(screen.getByLabelText(/Brugernavn/)).toHaveAttribute('aria-invalid', 'true');
  });
});

describe('API client', () => {
  it('sends the CSRF token on unsafe requests only', async () => {
    const calls = mockFetch([
      ['GET', /\/api\/organisations$/, () => json({ items: [], next: null })],
      ['POST', /\/api\/auth\/logout$/, () => new Response(null, { status: 204 })],
    ]);
    setCsrfToken('tok');
    await api.GET('/api/organisations', {});
    await api.POST('/api/auth/logout', {});
    expect(calls[0]?.headers.get('X-CSRF-TOKEN')).toBeNull();
    expect(calls[1]?.headers.get('X-CSRF-TOKEN')).toBe('tok');
  });
});
