import type { RouteObject } from 'react-router';
import { Loading } from '@/components/Status';
import { financingRoutes } from '../routes';

/** The feature's (lazy) routes under a root with a fallback, as the app mounts them. */
export const routes: RouteObject[] = [{ path: '/', hydrateFallbackElement: <Loading />, children: financingRoutes }];
