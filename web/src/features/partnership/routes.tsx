import { Navigate, useLocation, type RouteObject } from 'react-router';
import { PartnershipLayout } from './components/PartnershipLayout';
import './i18n';

/** The first section, keeping the chosen model (`?model=`). */
function PartnershipIndex() {
  const { search } = useLocation();
  return <Navigate to={{ pathname: '/partnership/interests', search }} replace />;
}

// Each section loads with its route; the layout (model picker and section links) stays.
export const partnershipRoutes: RouteObject[] = [
  {
    path: 'partnership',
    element: <PartnershipLayout />,
    children: [
      { index: true, element: <PartnershipIndex /> },
      {
        path: 'interests',
        lazy: async () => ({ Component: (await import('./components/InterestsPage')).InterestsPage }),
      },
      {
        path: 'payers',
        lazy: async () => ({ Component: (await import('./components/PayersPage')).PayersPage }),
      },
      {
        path: 'rules',
        lazy: async () => ({ Component: (await import('./components/RulesPage')).RulesPage }),
      },
      {
        path: 'allocation-keys',
        lazy: async () => ({ Component: (await import('./components/AllocationKeysPage')).AllocationKeysPage }),
      },
      {
        path: 'terms',
        lazy: async () => ({ Component: (await import('./components/ElectionTermsPage')).ElectionTermsPage }),
      },
      {
        path: 'document',
        lazy: async () => ({ Component: (await import('./components/ModelDocumentPage')).ModelDocumentPage }),
      },
    ],
  },
];
