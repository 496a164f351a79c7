import type { RouteObject } from 'react-router';
import { BodiesPage } from './components/BodiesPage';
import { BodyPage } from './components/BodyPage';
import { NewBodyPage } from './components/NewBodyPage';

export const bodyRoutes: RouteObject[] = [
  { path: 'bodies', element: <BodiesPage /> },
  { path: 'bodies/new', element: <NewBodyPage /> },
  { path: 'bodies/:id', element: <BodyPage /> },
];
