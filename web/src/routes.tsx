import { Navigate, type RouteObject } from 'react-router';
import { governanceRoutes } from '@/features/governance/routes';
import { organisationRoutes } from '@/features/organisations/routes';

export const routes: RouteObject[] = [
  { index: true, element: <Navigate to="/map" replace /> },
  ...governanceRoutes,
  ...organisationRoutes,
];
