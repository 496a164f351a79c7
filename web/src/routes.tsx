import { Navigate, type RouteObject } from 'react-router';
import { adminRoutes } from '@/features/admin/routes';
import { authRoutes } from '@/features/auth/routes';
import { bodyRoutes } from '@/features/bodies/routes';
import { caseRoutes } from '@/features/cases/routes';
import { financingRoutes } from '@/features/financing/routes';
import { governanceRoutes } from '@/features/governance/routes';
import { peopleRoutes } from '@/features/people/routes';
import { organisationRoutes } from '@/features/organisations/routes';
import { partnershipRoutes } from '@/features/partnership/routes';
import { reportRoutes } from '@/features/reports/routes';
import { workPlanRoutes } from '@/features/workplan/routes';

export const routes: RouteObject[] = [
  { index: true, element: <Navigate to="/map" replace /> },
  ...authRoutes,
  ...governanceRoutes,
  ...bodyRoutes,
  ...peopleRoutes,
  ...organisationRoutes,
  ...caseRoutes,
  ...financingRoutes,
  ...partnershipRoutes,
  ...reportRoutes,
  ...workPlanRoutes,
  ...adminRoutes,
];
