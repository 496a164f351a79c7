import type { RouteObject } from 'react-router';
import './i18n';

// Every screen loads with its route (the charts bring chart.js only where they are shown).
export const financingRoutes: RouteObject[] = [
  {
    path: 'financing',
    lazy: async () => ({ Component: (await import('./components/FinancingPage')).FinancingPage }),
  },
];
