import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { PageTitle } from '@/components/Layout';
import { ErrorAlert, Loading } from '@/components/Status';
import { formatDate, formatMoney, today } from '@/lib/format';
import { useSession } from '@/lib/session';
import { useBudget, useProgrammes } from '../api';
import { versionInForce, workingVersion } from '../model';
import { FinancingNav, Notice, programmeLabel } from './parts';
import { VersionBadge } from './VersionBadge';

/** One budget with all its versions: status, when in force, the approving decision, total. */
export function BudgetPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const { can } = useSession();
  const budget = useBudget(id);
  const programmes = useProgrammes();

  if (budget.isPending) return <Loading />;
  if (budget.isError) {
    return (
      <section>
        <FinancingNav />
        <ErrorAlert error={budget.error} onRetry={() => void budget.refetch()} />
      </section>
    );
  }
  const b = budget.data.data;
  const now = today();
  const inForce = versionInForce(b.versions, now);
  const from = workingVersion(b.versions, now);

  return (
    <section>
      <FinancingNav />
      <p>
        <Link to={`/financing/budgets?programme=${b.programmeId}`}>{t('fin:budgets.back')}</Link>
      </p>
      <PageTitle>{b.name}</PageTitle>
      <Notice />
      <dl className="props card">
        <dt>{t('fin:budgets.code')}</dt>
        <dd>
          <code>{b.code}</code>
        </dd>
        <dt>{t('fin:budgets.programme')}</dt>
        <dd>{programmeLabel(programmes.data, b.programmeId) || b.programmeCode}</dd>
        <dt>{t('fin:budgets.inForceToday')}</dt>
        <dd>
          {inForce
            ? `${t('fin:budgets.version', { number: inForce.number })} · ${formatMoney(inForce.total.amount, inForce.total.currency)}`
            : t('fin:budgets.noneInForce')}
        </dd>
      </dl>
      <div className="page-actions">
        {can('budgets:write') ? (
          <Link className="button" to={`/financing/budgets/${b.id}/versions/new${from ? `?from=${from.number}` : ''}`}>
            {from ? t('fin:budgets.newDraftFrom', { number: from.number }) : t('fin:budgets.newDraft')}
          </Link>
        ) : null}
        <Link to={`/financing/actuals?budget=${b.id}`}>{t('fin:budgets.actuals')}</Link>
      </div>
      <div className="table-wrap">
        <table className="fin-list">
          <caption>{t('fin:budgets.versions')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('fin:budgets.number')}</th>
              <th scope="col">{t('fin:grants.state')}</th>
              <th scope="col">{t('fin:budgets.effectiveFrom')}</th>
              <th scope="col">{t('fin:budgets.approvedOn')}</th>
              <th scope="col">{t('fin:budgets.decisionRef')}</th>
              <th scope="col" className="num">
                {t('fin:budgets.total')}
              </th>
            </tr>
          </thead>
          <tbody>
            {[...b.versions].reverse().map((v) => (
              <tr key={v.number}>
                <th scope="row">
                  <Link to={`/financing/budgets/${b.id}/versions/${v.number}`}>
                    {t('fin:budgets.version', { number: v.number })}
                  </Link>
                  {v.note ? <span className="hint block-hint">{v.note}</span> : null}
                </th>
                <td>
                  <VersionBadge status={v.status} inForce={inForce?.number === v.number} assumption={v.isAssumption} />
                </td>
                <td>{formatDate(v.effectiveFrom)}</td>
                <td>{formatDate(v.approvedOn)}</td>
                <td>{v.decisionRef}</td>
                <td className="num">{formatMoney(v.total.amount, v.total.currency)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
