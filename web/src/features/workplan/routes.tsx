import type { RouteObject } from 'react-router';
import { WorkPlanPage } from './components/WorkPlanPage';
import './i18n';

export const workPlanRoutes: RouteObject[] = [{ path: 'work-plan', element: <WorkPlanPage /> }];
