import type { RouteObject } from 'react-router';
import './i18n';

// Every screen loads with its route (the charts bring chart.js only where they are shown).
export const financingRoutes: RouteObject[] = [
  {
    path: 'financing',
    lazy: async () => ({ Component: (await import('./components/FinancingPage')).FinancingPage }),
  },
  {
    path: 'financing/grants',
    lazy: async () => ({ Component: (await import('./components/GrantsPage')).GrantsPage }),
  },
  {
    path: 'financing/grants/new',
    lazy: async () => ({ Component: (await import('./components/ReserveGrantPage')).ReserveGrantPage }),
  },
  {
    path: 'financing/grants/:id',
    lazy: async () => ({ Component: (await import('./components/GrantPage')).GrantPage }),
  },
];
