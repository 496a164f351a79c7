import { Link, useLocation, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useSession } from '@/lib/session';
import { useLogout } from '../api';

export function AccountMenu() {
  const { t } = useTranslation();
  const { session, authenticated } = useSession();
  const logout = useLogout();
  const navigate = useNavigate();
  const location = useLocation();
  if (!session) return null;
  if (!authenticated) {
    if (location.pathname === '/login') return null;
    return (
      <Link className="account" to={`/login?next=${encodeURIComponent(location.pathname + location.search)}`}>
        {t('auth.signIn')}
      </Link>
    );
  }
  return (
    <div className="account">
      <span>{session.displayName ?? session.username}</span>
      <Link className="small" to="/account/password">
        {t('auth.changePassword')}
      </Link>
      <button
        type="button"
        className="secondary small"
        onClick={() => logout.mutate(undefined, { onSettled: () => void navigate('/login') })}
      >
        {t('auth.signOut')}
      </button>
    </div>
  );
}
