import type { RouteObject } from 'react-router';
import { AdminIndex, AdminLayout, RequirePermission } from './components/AdminLayout';
import { ApiKeysPage } from './components/ApiKeysPage';
import { AuditPage } from './components/AuditPage';
import { NewApiKeyPage } from './components/NewApiKeyPage';
import { NewUserPage } from './components/NewUserPage';
import { UsersPage } from './components/UsersPage';
import './i18n';
import './admin.css';

const admin = (element: React.ReactNode) => <RequirePermission permission="admin">{element}</RequirePermission>;

export const adminRoutes: RouteObject[] = [
  {
    path: 'admin',
    element: <AdminLayout />,
    children: [
      { index: true, element: <AdminIndex /> },
      { path: 'users', element: admin(<UsersPage />) },
      { path: 'users/new', element: admin(<NewUserPage />) },
      { path: 'api-keys', element: admin(<ApiKeysPage />) },
      { path: 'api-keys/new', element: admin(<NewApiKeyPage />) },
      { path: 'audit', element: <RequirePermission permission="audit:read"><AuditPage /></RequirePermission> },
    ],
  },
];
