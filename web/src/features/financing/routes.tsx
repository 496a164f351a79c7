import type { RouteObject } from 'react-router';

// Charts (chart.js) load only with this screen.
export const financingRoutes: RouteObject[] = [
  {
    path: 'financing',
    lazy: async () => ({ Component: (await import('./components/FinancingPage')).FinancingPage }),
  },
];
