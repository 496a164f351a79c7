import type { RouteObject } from 'react-router';
import { BodiesPage } from './components/BodiesPage';
import { BodyPage } from './components/BodyPage';

export const bodyRoutes: RouteObject[] = [
  { path: 'bodies', element: <BodiesPage /> },
  { path: 'bodies/:id', element: <BodyPage /> },
];
