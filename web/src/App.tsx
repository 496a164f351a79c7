import { QueryClientProvider } from '@tanstack/react-query';
import { useState } from 'react';
import {
  createBrowserRouter,
  Navigate,
  Outlet,
  RouterProvider,
  useLocation,
  type RouteObject,
} from 'react-router';
import { AccountMenu } from '@/features/auth/components/AccountMenu';
import { Loading } from '@/components/Status';
import { useSession } from '@/lib/session';
import { Layout, type NavItem } from '@/components/Layout';
import { NotFound } from '@/components/NotFound';
import { createQueryClient } from '@/lib/query';
import { routes } from './routes';

const nav: NavItem[] = [
  { to: '/map', labelKey: 'nav.map' },
  { to: '/bodies', labelKey: 'nav.bodies' },
  { to: '/people', labelKey: 'nav.people' },
  { to: '/organisations', labelKey: 'nav.organisations' },
  { to: '/cases', labelKey: 'nav.cases' },
  { to: '/meetings', labelKey: 'nav.meetings' },
  { to: '/financing', labelKey: 'nav.financing' },
  { to: '/partnership', labelKey: 'partner:nav' },
  { to: '/work-plan', labelKey: 'workplan:nav' },
  { to: '/reports', labelKey: 'reports:nav' },
  { to: '/admin', labelKey: 'admin:nav', permission: 'admin' },
];

export function appRoutes(): RouteObject[] {
  return [
    {
      path: '/',
      hydrateFallbackElement: <Loading />,
      element: <Shell />,
      children: [...routes, { path: '*', element: <NotFound /> }],
    },
  ];
}

/** The layout with the navigation this session may use (administration only for administrators). */
function Shell() {
  const { can } = useSession();
  return (
    <Layout nav={nav.filter((item) => !item.permission || can(item.permission))} headerEnd={<AccountMenu />}>
      <RequireSession />
    </Layout>
  );
}

/** Everything but the login page needs a signed-in user; the API refuses anonymous reads. */
function RequireSession() {
  const { session, authenticated, isPending } = useSession();
  const location = useLocation();
  if (location.pathname === '/login') return <Outlet />;
  if (isPending || !session) return <Loading />;
  if (!authenticated) {
    const next = encodeURIComponent(location.pathname + location.search);
    return <Navigate to={`/login?next=${next}`} replace />;
  }
  return <Outlet />;
}

export function App() {
  const [queryClient] = useState(createQueryClient);
  const [router] = useState(() => createBrowserRouter(appRoutes()));
  return (
    <QueryClientProvider client={queryClient}>
      <RouterProvider router={router} />
    </QueryClientProvider>
  );
}
