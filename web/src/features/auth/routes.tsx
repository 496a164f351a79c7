import type { RouteObject } from 'react-router';
import { ChangePasswordPage } from './components/ChangePasswordPage';
import { LoginPage } from './components/LoginPage';

export const authRoutes: RouteObject[] = [
  { path: 'login', element: <LoginPage /> },
  { path: 'account/password', element: <ChangePasswordPage /> },
];
