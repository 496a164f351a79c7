import { QueryClientProvider } from '@tanstack/react-query';
import { useState } from 'react';
import { createBrowserRouter, RouterProvider, type RouteObject } from 'react-router';
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
  { to: '/financing', labelKey: 'nav.financing' },
];

export function appRoutes(): RouteObject[] {
  return [
    {
      path: '/',
      element: <Layout nav={nav} />,
      children: [...routes, { path: '*', element: <NotFound /> }],
    },
  ];
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
