import type { RouteObject } from 'react-router';
import { MapIndex, MapPage } from './components/MapPage';

export const governanceRoutes: RouteObject[] = [
  { path: 'map', element: <MapIndex /> },
  { path: 'map/:modelId', element: <MapPage /> },
];
