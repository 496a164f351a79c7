import { Navigate, type RouteObject } from 'react-router';
import { organisationRoutes } from '@/features/organisations/routes';

export const routes: RouteObject[] = [
  { index: true, element: <Navigate to="/map" replace /> },
  ...organisationRoutes,
];
