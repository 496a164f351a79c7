import type { RouteObject } from 'react-router';

// The map pulls in the diagram and layout libraries (~1.5 MB): load them only on this screen.
export const governanceRoutes: RouteObject[] = [
  {
    path: 'map',
    lazy: async () => ({ Component: (await import('./components/MapPage')).MapIndex }),
  },
  {
    path: 'map/:modelId',
    lazy: async () => ({ Component: (await import('./components/MapPage')).MapPage }),
  },
];
