import type { RouteObject } from 'react-router';
import { RequirePermission } from '@/components/RequirePermission';
import { BodiesPage } from './components/BodiesPage';
import { BodyPage } from './components/BodyPage';
import { NewBodyPage } from './components/NewBodyPage';

export const bodyRoutes: RouteObject[] = [
  { path: 'bodies', element: <BodiesPage /> },
  {
    path: 'bodies/new',
    element: (
      <RequirePermission permission="governance:write">
        <NewBodyPage />
      </RequirePermission>
    ),
  },
  { path: 'bodies/:id', element: <BodyPage /> },
];
