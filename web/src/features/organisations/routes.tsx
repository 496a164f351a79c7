import type { RouteObject } from 'react-router';
import { OrganisationPage } from './components/OrganisationPage';
import { OrganisationsPage } from './components/OrganisationsPage';

export const organisationRoutes: RouteObject[] = [
  { path: 'organisations', element: <OrganisationsPage /> },
  { path: 'organisations/:id', element: <OrganisationPage /> },
];
