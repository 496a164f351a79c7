import { useTranslation } from 'react-i18next';
import type { BudgetVersionStatus } from '../api';

/** A budget version's status, and whether it is the one in force. */
export function VersionBadge({ status, inForce, assumption }: { status: BudgetVersionStatus; inForce?: boolean; assumption?: boolean }) {
  const { t } = useTranslation();
  return (
    <>
      <span className={`badge version-${status}`}>{t(`fin:budgets.status.${status}`)}</span>
      {inForce ? <span className="badge in-force">{t('fin:budgets.inForce')}</span> : null}
      {assumption ? <span className="badge assumption">{t('fin:budgets.assumption')}</span> : null}
    </>
  );
}
