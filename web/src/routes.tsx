import { Navigate, type RouteObject } from 'react-router';

export const routes: RouteObject[] = [{ index: true, element: <Navigate to="/map" replace /> }];
