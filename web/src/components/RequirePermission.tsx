import { useTranslation } from 'react-i18next';
import { Loading } from '@/components/Status';
import { useSession } from '@/lib/session';

/**
 * Shows its screen only to a session with the permission. The API refuses the others anyway (403); this says so in
 * words before someone fills in a form that cannot be saved.
 */
export function RequirePermission({
  permission,
  message,
  children,
}: {
  permission: string;
  /** What to say instead of the common sentence (the admin area says it is for administrators). */
  message?: string;
  children: React.ReactNode;
}) {
  const { t } = useTranslation();
  const { session, can } = useSession();
  if (!session) return <Loading />;
  if (!can(permission)) {
    return (
      <div className="alert alert-error" role="alert">
        <p>{message ?? t('common.noAccess')}</p>
      </div>
    );
  }
  return <>{children}</>;
}
