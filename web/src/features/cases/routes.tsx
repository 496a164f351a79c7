import type { RouteObject } from 'react-router';
import { CasePage } from './components/CasePage';
import { CasesPage } from './components/CasesPage';
import { MeetingPage, MeetingsPage } from './components/MeetingsPage';

export const caseRoutes: RouteObject[] = [
  { path: 'cases', element: <CasesPage /> },
  { path: 'cases/:id', element: <CasePage /> },
  { path: 'meetings', element: <MeetingsPage /> },
  { path: 'meetings/:id', element: <MeetingPage /> },
];
