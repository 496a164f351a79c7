import { useId } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { PageTitle } from '@/components/Layout';
import { LoadMore, ListStates } from '@/components/Status';
import { formatMoney, today } from '@/lib/format';
import { useSession } from '@/lib/session';
import { useBudgets, useProgrammes } from '../api';
import { versionInForce } from '../model';
import { FinancingNav, Notice, programmeLabel } from './parts';
import { VersionBadge } from './VersionBadge';

/** Budgets, per programme (in the URL), with their versions and the one in force today. */
export function BudgetsPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const programmeId = params.get('programme') ?? '';
  const programmes = useProgrammes();
  const budgets = useBudgets(programmeId);
  const programmeSelect = useId();
  const headingId = useId();
  const now = today();
  const { can } = useSession();

  return (
    <section>
      <FinancingNav />
      <PageTitle>{t('fin:budgets.title')}</PageTitle>
      <p>{t('fin:budgets.intro')}</p>
      <Notice />
      {can('budgets:write') ? (
        <div className="page-actions">
          <Link className="button" to={`/financing/budgets/new${programmeId ? `?programme=${programmeId}` : ''}`}>
            {t('fin:budgets.newBudget')}
          </Link>
        </div>
      ) : null}
      <form className="filters" onSubmit={(e) => e.preventDefault()} aria-label={t('common.filter')}>
        <div className="field">
          <label htmlFor={programmeSelect}>{t('financing.programme')}</label>
          <select
            id={programmeSelect}
            value={programmeId}
            onChange={(e) => setParams(e.target.value ? { programme: e.target.value } : {}, { replace: true })}
          >
            <option value="">{t('financing.allProgrammes')}</option>
            {(programmes.data ?? []).map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
        </div>
      </form>
      <h2 id={headingId} className="visually-hidden">
        {t('fin:budgets.title')}
      </h2>
      <ListStates list={budgets} empty={t('fin:budgets.none')}>
        {() => (
          <div className="table-wrap">
            <table aria-labelledby={headingId}>
              <thead>
                <tr>
                  <th scope="col">{t('fin:budgets.budget')}</th>
                  <th scope="col">{t('fin:budgets.programme')}</th>
                  <th scope="col">{t('fin:budgets.versions')}</th>
                  <th scope="col">{t('fin:budgets.inForceToday')}</th>
                  <th scope="col" className="num">
                    {t('fin:budgets.total')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {budgets.items.map((b) => {
                  const inForce = versionInForce(b.versions, now);
                  return (
                    <tr key={b.id}>
                      <th scope="row">
                        <Link to={`/financing/budgets/${b.id}`}>{b.name}</Link>
                        <code className="block-hint">{b.code}</code>
                      </th>
                      <td>{programmeLabel(programmes.data, b.programmeId) || b.programmeCode}</td>
                      <td>
                        <ul className="inline-list">
                          {b.versions.map((v) => (
                            <li key={v.number}>
                              <Link to={`/financing/budgets/${b.id}/versions/${v.number}`}>
                                {t('fin:budgets.version', { number: v.number })}
                              </Link>{' '}
                              <VersionBadge status={v.status} assumption={v.isAssumption} />
                            </li>
                          ))}
                        </ul>
                      </td>
                      <td>
                        {inForce
                          ? t('fin:budgets.version', { number: inForce.number })
                          : t('fin:budgets.noneInForce')}
                      </td>
                      <td className="num">{inForce ? formatMoney(inForce.total.amount, inForce.total.currency) : '–'}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        )}
      </ListStates>
      <LoadMore
        hasNextPage={budgets.hasNextPage}
        isFetchingNextPage={budgets.isFetchingNextPage}
        fetchNextPage={budgets.fetchNextPage}
      />
    </section>
  );
}
