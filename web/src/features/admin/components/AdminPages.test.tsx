import { afterEach, describe, expect, it, vi } from 'vitest';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { json, mockFetch, renderRoutes, type Recorded } from '@/test/render';
import { adminRoutes } from '../routes';

type Route = [string, RegExp, (req: Recorded) => Response | Promise<Response>];

const ADMIN = ['governance:read', 'governance:write', 'audit:read', 'admin'];
const aalborg = { id: 'org-851', name: 'Aalborg Kommune', kind: 'municipality', version: 1, modifiedAt: '2026-01-01T00:00:00Z', deleted: false };

const key = {
  id: 'key-1',
  name: 'Aalborg ESDH',
  prefix: 'abcd1234',
  scopes: ['cases:read', 'cases:write'],
  organisationId: 'org-851',
  expiresAt: null,
  revokedAt: null,
  replacedById: null,
  createdAt: '2026-02-01T10:00:00Z',
  version: 1,
};

function api(routes: Route[], permissions = ADMIN) {
  return mockFetch([
    ...routes,
    ['GET', /^\/api\/auth\/session$/, () => json({ authenticated: true, username: 'admin', permissions, csrfToken: 'csrf-1' })],
    ['GET', /^\/api\/organisations$/, () => json({ items: [aalborg], next: null })],
  ]);
}

afterEach(() => vi.unstubAllGlobals());

describe('users', () => {
  it('lists accounts with role and organisation', async () => {
    api([
      [
        'GET',
        /^\/api\/users$/,
        () =>
          json({
            items: [
              { id: 'u1', username: 'admin', displayName: 'Administrator', role: 'administrator', version: 1 },
              { id: 'u2', username: 'anne', displayName: 'Anne Andersen', role: 'reader', organisationId: 'org-851', disabledAt: '2026-01-01T00:00:00Z', version: 2 },
            ],
            next: null,
          }),
      ],
    ]);
    renderRoutes(adminRoutes, '/admin/users');
    expect(await screen.findByRole('heading', { level: 1, name: 'Brugere' })).toBeInTheDocument();
    const anne = await screen.findByRole('row', { name: /anne/ });
    expect(within(anne).getByText('Læser')).toBeInTheDocument();
    expect(await within(anne).findByText('Aalborg Kommune')).toBeInTheDocument();
    expect(within(anne).getByText('Deaktiveret')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Ny bruger' })).toHaveAttribute('href', '/admin/users/new');
    expect(screen.getByRole('navigation', { name: 'Administrationsmenu' })).toBeInTheDocument();
  });

  it('disables and enables other accounts, never the signed-in administrator’s own', async () => {
    let anneDisabled: string | null = null;
    const calls = api([
      [
        'GET',
        /^\/api\/users$/,
        () =>
          json({
            items: [
              { id: 'u1', username: 'admin', displayName: 'Administrator', role: 'administrator', version: 1 },
              { id: 'u2', username: 'anne', displayName: 'Anne Andersen', role: 'reader', disabledAt: anneDisabled, version: 2 },
            ],
            next: null,
          }),
      ],
      [
        'POST',
        /^\/api\/users\/u2\/disable$/,
        () => {
          anneDisabled = '2026-03-01T00:00:00Z';
          return json({ id: 'u2', username: 'anne', displayName: 'Anne Andersen', role: 'reader', disabledAt: anneDisabled, version: 3 });
        },
      ],
      [
        'POST',
        /^\/api\/users\/u2\/enable$/,
        () => {
          anneDisabled = null;
          return json({ id: 'u2', username: 'anne', displayName: 'Anne Andersen', role: 'reader', disabledAt: null, version: 4 });
        },
      ],
    ]);
    renderRoutes(adminRoutes, '/admin/users');
    const admin = await screen.findByRole('row', { name: /Administrator/ });
    expect(within(admin).queryByRole('button')).not.toBeInTheDocument();
    await userEvent.click(await screen.findByRole('button', { name: 'Deaktivér anne (logges ud med det samme)' }));
    const anne = await screen.findByRole('row', { name: /anne/ });
    expect(await within(anne).findByText('Deaktiveret')).toBeInTheDocument();
    await userEvent.click(within(anne).getByRole('button', { name: 'Aktivér anne igen' }));
    expect(await within(await screen.findByRole('row', { name: /anne/ })).findByText('Aktiv')).toBeInTheDocument();
    const posts = calls.filter((c) => c.method === 'POST');
    expect(posts.map((c) => c.url)).toEqual(['/api/users/u2/disable', '/api/users/u2/enable']);
    expect(posts[0]?.headers.get('X-CSRF-TOKEN')).toBe('csrf-1');
  });

  it('says so when there are no users', async () => {
    api([['GET', /^\/api\/users$/, () => json({ items: [], next: null })]]);
    renderRoutes(adminRoutes, '/admin/users');
    expect(await screen.findByText('Der er ingen brugere.')).toBeInTheDocument();
  });

  it('creates a user with a role and organisation, with the server’s messages on the fields', async () => {
    let attempt = 0;
    const calls = api([
      [
        'POST',
        /^\/api\/users$/,
        (req) =>
          ++attempt === 1
            ? json({ title: 'One or more validation errors occurred.', status: 400, errors: { Password: ['At least 12 characters.'] } }, 400)
            : json({ id: 'u3', ...(req.body as object), version: 1 }, 201),
      ],
      ['GET', /^\/api\/users$/, () => json({ items: [], next: null })],
    ]);
    const { router } = renderRoutes(adminRoutes, '/admin/users/new');
    const form = await screen.findByRole('form', { name: 'Ny bruger' });
    await userEvent.type(within(form).getByLabelText(/^Brugernavn/), 'bo.berg');
    await userEvent.type(within(form).getByLabelText(/^Navn/), 'Bo Berg');
    await userEvent.type(within(form).getByLabelText(/^Adgangskode/), 'kort');
    await userEvent.selectOptions(within(form).getByLabelText(/^Rolle/), 'secretariat');
    await within(form).findByRole('option', { name: 'Aalborg Kommune' });
    await userEvent.selectOptions(within(form).getByLabelText(/^Organisation/), 'org-851');
    await userEvent.click(within(form).getByRole('button', { name: 'Opret bruger' }));

    expect(await within(form).findByText('At least 12 characters.')).toBeInTheDocument();
    expect(within(form).getByLabelText(/^Adgangskode/)).toHaveAttribute('aria-invalid', 'true');

    await userEvent.clear(within(form).getByLabelText(/^Adgangskode/));
    await userEvent.type(within(form).getByLabelText(/^Adgangskode/), 'en-lang-adgangskode');
    await userEvent.click(within(form).getByRole('button', { name: 'Opret bruger' }));
    expect(await screen.findByText('Brugeren »bo.berg« er oprettet.')).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/admin/users');
    expect(calls.filter((c) => c.method === 'POST')[1]?.body).toEqual({
      username: 'bo.berg',
      displayName: 'Bo Berg',
      password: 'en-lang-adgangskode',
      role: 'secretariat',
      organisationId: 'org-851',
    });
  });

  it('tells a user without the permission that the page is for administrators', async () => {
    const calls = api([], ['governance:read']);
    renderRoutes(adminRoutes, '/admin/users');
    expect(await screen.findByRole('alert')).toHaveTextContent('Den er for administratorer.');
    expect(calls.some((c) => c.url.startsWith('/api/users'))).toBe(false);
  });
});

describe('API keys', () => {
  it('issues a key and shows its secret once, with a copy button', async () => {
    const writeText = vi.fn(() => Promise.resolve());
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    const calls = api([
      [
        'POST',
        /^\/api\/api-keys$/,
        () => json({ apiKey: { ...key, id: 'key-2', name: 'Hjørring ESDH', scopes: ['cases:read'] }, key: 'klima_abcd1234_s3cr3t' }, 201),
      ],
      ['GET', /^\/api\/api-keys$/, () => json({ items: [key], next: null })],
    ]);
    const { router } = renderRoutes(adminRoutes, '/admin/api-keys/new');
    const form = await screen.findByRole('form', { name: 'Udsted API-nøgle' });
    await userEvent.type(within(form).getByLabelText(/^Navn/), 'Hjørring ESDH');
    await userEvent.click(within(form).getByRole('checkbox', { name: /Læse sager/ }));
    await userEvent.type(within(form).getByLabelText(/^Udløber/), '2027-01-01');
    await userEvent.click(within(form).getByRole('button', { name: 'Udsted nøgle' }));

    const heading = await screen.findByRole('heading', { name: 'Ny nøgle til »Hjørring ESDH«' });
    expect(heading).toHaveFocus();
    expect(screen.getByText(/Du kan ikke se den igen/)).toBeInTheDocument();
    expect(screen.getByLabelText('API-nøgle')).toHaveValue('klima_abcd1234_s3cr3t');
    await userEvent.click(screen.getByRole('button', { name: 'Kopiér nøglen' }));
    expect(writeText).toHaveBeenCalledWith('klima_abcd1234_s3cr3t');
    expect(await screen.findByText('Nøglen er kopieret.')).toBeInTheDocument();

    const post = calls.find((c) => c.method === 'POST')!;
    expect(post.body).toMatchObject({ name: 'Hjørring ESDH', scopes: ['cases:read'], organisationId: null });
    expect((post.body as { expiresAt: string }).expiresAt).toBe(new Date('2027-01-01T00:00:00').toISOString());

    await userEvent.click(screen.getByRole('button', { name: 'Jeg har gemt nøglen' }));
    expect(router.state.location.pathname).toBe('/admin/api-keys');
    expect(await screen.findByRole('row', { name: /Aalborg ESDH/ })).toBeInTheDocument();
    expect(screen.queryByDisplayValue('klima_abcd1234_s3cr3t')).not.toBeInTheDocument();
  });

  it('puts a refused scope on the permissions', async () => {
    api([
      [
        'POST',
        /^\/api\/api-keys$/,
        () => json({ status: 400, title: 'One or more validation errors occurred.', errors: { Scopes: ["'Scopes' must not be empty."] } }, 400),
      ],
    ]);
    renderRoutes(adminRoutes, '/admin/api-keys/new');
    const form = await screen.findByRole('form', { name: 'Udsted API-nøgle' });
    await userEvent.type(within(form).getByLabelText(/^Navn/), 'Uden rettigheder');
    await userEvent.click(within(form).getByRole('button', { name: 'Udsted nøgle' }));
    const scopes = await within(form).findByRole('group', { name: /Rettigheder/ });
    expect(within(scopes).getByText("'Scopes' must not be empty.")).toBeInTheDocument();
    expect(scopes).toHaveAccessibleDescription(/'Scopes' must not be empty\./);
  });

  it('revokes a key after asking, and shows a rotated key’s new secret', async () => {
    const calls = api([
      ['POST', /\/revoke$/, () => new Response(null, { status: 204 })],
      ['POST', /\/rotate$/, () => json({ apiKey: { ...key, id: 'key-3' }, key: 'klima_ffff0000_n3w' }, 201)],
      ['GET', /^\/api\/api-keys$/, () => json({ items: [key, { ...key, id: 'key-0', name: 'Gammel', revokedAt: '2026-01-01T00:00:00Z' }], next: null })],
    ]);
    renderRoutes(adminRoutes, '/admin/api-keys');
    const row = await screen.findByRole('row', { name: /Aalborg ESDH/ });
    expect(within(row).getByText('Aktiv')).toBeInTheDocument();
    expect(await within(row).findByText('Aalborg Kommune')).toBeInTheDocument();
    const old = screen.getByRole('row', { name: /Gammel/ });
    expect(within(old).getByText('Tilbagekaldt')).toBeInTheDocument();
    expect(within(old).queryByRole('button')).not.toBeInTheDocument();

    await userEvent.click(within(row).getByRole('button', { name: 'Tilbagekald nøglen Aalborg ESDH' }));
    expect(screen.getByRole('group', { name: /Tilbagekald »Aalborg ESDH«\?/ })).toHaveFocus();
    await userEvent.click(screen.getByRole('button', { name: 'Annuller' }));
    expect(calls.some((c) => c.url.endsWith('/revoke'))).toBe(false);

    await userEvent.click(within(row).getByRole('button', { name: 'Tilbagekald nøglen Aalborg ESDH' }));
    await userEvent.click(screen.getByRole('button', { name: 'Ja, tilbagekald' }));
    expect(await screen.findByText('Nøglen »Aalborg ESDH« er tilbagekaldt.')).toBeInTheDocument();
    expect(calls.find((c) => c.url.endsWith('/revoke'))?.url).toBe('/api/api-keys/key-1/revoke');

    await userEvent.click(within(screen.getByRole('row', { name: /Aalborg ESDH/ })).getByRole('button', { name: 'Forny nøglen Aalborg ESDH' }));
    await userEvent.click(screen.getByRole('button', { name: 'Ja, forny' }));
    expect(await screen.findByLabelText('API-nøgle')).toHaveValue('klima_ffff0000_n3w');
  });

  it('says so when there are no keys', async () => {
    api([['GET', /^\/api\/api-keys$/, () => json({ items: [], next: null })]]);
    renderRoutes(adminRoutes, '/admin/api-keys');
    expect(await screen.findByText('Der er ingen API-nøgler.')).toBeInTheDocument();
  });
});

describe('audit log', () => {
  const entry = {
    id: 'a1',
    occurredAt: '2026-03-01T09:15:30Z',
    actor: 'admin',
    entityType: 'body',
    entityId: '20000000-0000-0000-0000-000000000005',
    action: 'update',
    beforeJson: JSON.stringify({ id: 'x', mandate: 'Gammelt kommissorium', name: 'T11+', version: 1 }),
    afterJson: JSON.stringify({ id: 'x', mandate: 'Nyt kommissorium', name: 'T11+', version: 2 }),
  };

  it('asks for the newest first, filters through the URL and shows a change before and after', async () => {
    const calls = api([['GET', /^\/api\/audit$/, () => json({ items: [entry], next: null })]]);
    const { router } = renderRoutes(adminRoutes, '/admin/audit?entityType=body');
    const row = await screen.findByRole('row', { name: /admin/ });
    expect(calls.find((c) => c.url.startsWith('/api/audit'))?.url).toBe('/api/audit?entityType=body&newestFirst=true&limit=50');
    expect(within(row).getByText('Ændret')).toBeInTheDocument();
    expect(within(row).getByRole('link', { name: 'Åbn body …00000005' })).toHaveAttribute('href', `/bodies/${entry.entityId}`);

    await userEvent.click(within(row).getByText('Vis 1 felt'));
    const diff = within(row).getByRole('table', { name: /Ændringer i body/ });
    const mandate = within(diff).getByRole('row', { name: /mandate/ });
    expect(mandate).toHaveTextContent('Gammelt kommissorium');
    expect(mandate).toHaveTextContent('Nyt kommissorium');
    expect(within(diff).queryByRole('row', { name: /version/ })).not.toBeInTheDocument();

    await userEvent.type(screen.getByLabelText(/^Bruger/), 'admin');
    await userEvent.type(screen.getByLabelText('Fra dato'), '2026-03-01');
    await userEvent.selectOptions(screen.getByLabelText('Rækkefølge'), 'oldest');
    await userEvent.click(screen.getByRole('button', { name: 'Vis' }));
    expect(router.state.location.search).toBe('?entityType=body&actor=admin&since=2026-03-01&order=oldest');
    await vi.waitFor(() => expect(calls.filter((c) => c.url.startsWith('/api/audit')).length).toBe(2));
    const second = new URL(calls.filter((c) => c.url.startsWith('/api/audit'))[1]!.url, 'http://localhost');
    expect(second.searchParams.get('actor')).toBe('admin');
    expect(second.searchParams.get('newestFirst')).toBe('false');
    expect(second.searchParams.get('since')).toBe(new Date('2026-03-01T00:00:00').toISOString());
  });

  it('says so when nothing matches', async () => {
    api([['GET', /^\/api\/audit$/, () => json({ items: [], next: null })]]);
    renderRoutes(adminRoutes, '/admin/audit?actor=nobody');
    expect(await screen.findByText('Ingen ændringer matcher filtrene.')).toBeInTheDocument();
    expect(screen.getByLabelText(/^Bruger/)).toHaveValue('nobody');
  });
});
