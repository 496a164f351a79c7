import type { RouteObject } from 'react-router';
import { IssuedReportPage } from './components/IssuedReportPage';
import { StatusReportPage } from './components/StatusReportPage';
import './i18n';

export const reportRoutes: RouteObject[] = [
  { path: 'reports', element: <StatusReportPage /> },
  { path: 'reports/:id', element: <IssuedReportPage /> },
];
