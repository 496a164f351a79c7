import type { RouteObject } from 'react-router';
import { PeoplePage } from './components/PeoplePage';
import { PersonPage } from './components/PersonPage';

export const peopleRoutes: RouteObject[] = [
  { path: 'people', element: <PeoplePage /> },
  { path: 'people/:id', element: <PersonPage /> },
];
