import type { RouteObject } from 'react-router';
import { RequirePermission } from '@/components/RequirePermission';
import './i18n';

// A form that writes is shown only to who may save it (budgets:write); a reader is told so instead.
const writing = (Component: React.ComponentType) => ({
  Component: () => (
    <RequirePermission permission="budgets:write">
      <Component />
    </RequirePermission>
  ),
});

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
    lazy: async () => writing((await import('./components/ReserveGrantPage')).ReserveGrantPage),
  },
  {
    path: 'financing/grants/:id',
    lazy: async () => ({ Component: (await import('./components/GrantPage')).GrantPage }),
  },
  {
    path: 'financing/budgets',
    lazy: async () => ({ Component: (await import('./components/BudgetsPage')).BudgetsPage }),
  },
  {
    path: 'financing/budgets/new',
    lazy: async () => writing((await import('./components/NewBudgetPage')).NewBudgetPage),
  },
  {
    path: 'financing/budgets/:id',
    lazy: async () => ({ Component: (await import('./components/BudgetPage')).BudgetPage }),
  },
  {
    path: 'financing/budgets/:id/versions/new',
    lazy: async () => writing((await import('./components/NewBudgetVersionPage')).NewBudgetVersionPage),
  },
  {
    path: 'financing/budgets/:id/versions/:number',
    lazy: async () => ({ Component: (await import('./components/BudgetVersionPage')).BudgetVersionPage }),
  },
  {
    path: 'financing/actuals',
    lazy: async () => ({ Component: (await import('./components/ActualsPage')).ActualsPage }),
  },
  {
    path: 'financing/actuals/new',
    lazy: async () => writing((await import('./components/RecordActualPage')).RecordActualPage),
  },
  {
    path: 'financing/staffing',
    lazy: async () => ({ Component: (await import('./components/StaffingPage')).StaffingPage }),
  },
  {
    path: 'financing/staffing/:id',
    lazy: async () => ({ Component: (await import('./components/PositionFundingPage')).PositionFundingPage }),
  },
];
