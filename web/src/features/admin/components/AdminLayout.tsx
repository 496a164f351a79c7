import { Navigate, NavLink, Outlet } from 'react-router';
import { useTranslation } from 'react-i18next';
import { RequirePermission as RequireSessionPermission } from '@/components/RequirePermission';
import { useSession } from '@/lib/session';
import { ADMIN_NS } from '../i18n';

/** The administration area: its own menu (users, API keys, audit log), each entry only for who may use it. */
export function AdminLayout() {
  const { t } = useTranslation(ADMIN_NS);
  const { can } = useSession();
  return (
    <>
      <nav aria-label={t('menu')} className="sub-nav">
        <ul>
          {can('admin') ? (
            <>
              <li>
                <NavLink to="/admin/users">{t('users')}</NavLink>
              </li>
              <li>
                <NavLink to="/admin/api-keys">{t('apiKeys')}</NavLink>
              </li>
            </>
          ) : null}
          {can('audit:read') ? (
            <li>
              <NavLink to="/admin/audit">{t('audit')}</NavLink>
            </li>
          ) : null}
        </ul>
      </nav>
      <Outlet />
    </>
  );
}

/** /admin opens the first screen the user may use. */
export function AdminIndex() {
  const { can } = useSession();
  return <Navigate to={can('admin') || !can('audit:read') ? '/admin/users' : '/admin/audit'} replace />;
}

/** The admin area's screens, for a session with the permission (the sentence says they are for administrators). */
export function RequirePermission({ permission, children }: { permission: string; children: React.ReactNode }) {
  const { t } = useTranslation(ADMIN_NS);
  return (
    <RequireSessionPermission permission={permission} message={t('noAccess')}>
      {children}
    </RequireSessionPermission>
  );
}
