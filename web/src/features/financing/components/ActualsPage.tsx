import { useId, useMemo } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { BarChart } from '@/components/Chart';
import { PageTitle } from '@/components/Layout';
import { useModelChoice } from '@/components/ModelPicker';
import { ErrorAlert, Loading, LoadMore, ListStates } from '@/components/Status';
import { formatDate, formatMoney, formatPeriodLabel } from '@/lib/format';
import { nameOf } from '@/lib/codes';
import { useSession } from '@/lib/session';
import { useActuals, useAllBudgets, useBudgetVsActual, usePayers, useProgrammes } from '../api';
import { FinancingNav, Notice, programmeLabel } from './parts';
import { pivot } from './pivot';

/** Recorded actuals (paged), of one budget or all, with budget versus actual per year for its programme. */
export function ActualsPage() {
  const { t } = useTranslation();
  const { can } = useSession();
  const [params, setParams] = useSearchParams();
  const budgetId = params.get('budget') ?? '';
  const budgets = useAllBudgets();
  const payers = usePayers();
  const programmes = useProgrammes();
  const actuals = useActuals(budgetId);
  const budget = budgets.data?.find((b) => b.id === budgetId);
  const programmeId = budget?.programmeId;
  // Budget versus actual of the chosen budget's programme, else of one partnership (never two models' money at once).
  const { modelId } = useModelChoice();
  const budgetModel = programmes.data?.find((p) => p.id === programmeId)?.governanceModelId;
  const bva = useBudgetVsActual(programmeId, programmeId ? budgetModel : modelId, !!programmeId || !!modelId);
  const budgetSelect = useId();
  const headingId = useId();

  const table = useMemo(
    () =>
      bva.data
        ? {
            budget: pivot(bva.data.items, () => 'x', (r) => r.period?.label ?? '', (r) => r.budget.amount),
            actual: pivot(bva.data.items, () => 'x', (r) => r.period?.label ?? '', (r) => r.actual.amount),
          }
        : null,
    [bva.data],
  );
  const budgetName = (id: string) => budgets.data?.find((b) => b.id === id)?.name ?? id;
  const payerName = (code: string) => nameOf(code, payers.data);
  const programmeName = programmeId ? programmeLabel(programmes.data, programmeId) : '';

  return (
    <section>
      <FinancingNav />
      <PageTitle>{t('fin:actuals.title')}</PageTitle>
      <p>{t('fin:actuals.intro')}</p>
      <Notice />
      <form className="filters" onSubmit={(e) => e.preventDefault()} aria-label={t('common.filter')}>
        <div className="field">
          <label htmlFor={budgetSelect}>{t('fin:actuals.budget')}</label>
          <select
            id={budgetSelect}
            value={budgetId}
            onChange={(e) => setParams(e.target.value ? { budget: e.target.value } : {}, { replace: true })}
          >
            <option value="">{t('fin:actuals.allBudgets')}</option>
            {(budgets.data ?? []).map((b) => (
              <option key={b.id} value={b.id}>
                {b.name}
              </option>
            ))}
          </select>
        </div>
      </form>
      <div className="page-actions">
        {can('budgets:write') ? (
          <Link className="button" to={`/financing/actuals/new${budgetId ? `?budget=${budgetId}` : ''}`}>
            {t('fin:actuals.record')}
          </Link>
        ) : null}
        {programmeId ? (
          <Link to={`/financing?programme=${programmeId}${budgetModel ? `&model=${budgetModel}` : ''}`}>{t('fin:actuals.dashboard')}</Link>
        ) : null}
      </div>

      {bva.isError ? <ErrorAlert error={bva.error} onRetry={() => void bva.refetch()} /> : null}
      {table ? (
        table.budget.columns.length ? (
          <BarChart
            title={programmeId ? t('fin:actuals.bva', { programme: programmeName }) : t('fin:actuals.bvaAll')}
            categories={table.budget.columns.map(formatPeriodLabel)}
            series={[
              { label: t('financing.budget'), values: table.budget.columnTotals },
              { label: t('financing.actual'), values: table.actual.columnTotals },
            ]}
            format={(n) => formatMoney(n)}
          />
        ) : null
      ) : bva.isPending ? (
        <Loading />
      ) : null}

      <h2 id={headingId}>{budget ? budget.name : t('fin:actuals.title')}</h2>
      <ListStates list={actuals} empty={t('fin:actuals.none')}>
        {() => (
          <div className="table-wrap">
            <table aria-labelledby={headingId}>
              <thead>
                <tr>
                  <th scope="col">{t('fin:actuals.bookedOn')}</th>
                  {budgetId ? null : <th scope="col">{t('fin:actuals.budget')}</th>}
                  <th scope="col">{t('fin:budgets.period')}</th>
                  <th scope="col">{t('fin:budgets.costType')}</th>
                  <th scope="col">{t('fin:budgets.payer')}</th>
                  <th scope="col" className="num">
                    {t('fin:budgets.amount')}
                  </th>
                  <th scope="col">{t('fin:actuals.reference')}</th>
                  <th scope="col">{t('fin:actuals.note')}</th>
                </tr>
              </thead>
              <tbody>
                {actuals.items.map((a) => (
                  <tr key={a.id}>
                    <th scope="row" className="nowrap">
                      {formatDate(a.bookedOn)}
                    </th>
                    {budgetId ? null : (
                      <td>
                        <Link to={`/financing/budgets/${a.budgetId}`}>{budgetName(a.budgetId)}</Link>
                      </td>
                    )}
                    <td className="nowrap">{formatPeriodLabel(a.period.label)}</td>
                    <td>
                      {t(`fin:budgets.costTypes.${a.costType}`)}
                      {a.isAdjustment ? <span className="badge version-draft">{t('fin:budgets.adjustment')}</span> : null}
                    </td>
                    <td>{payerName(a.payerCode)}</td>
                    <td className="num">{formatMoney(a.amount.amount, a.amount.currency)}</td>
                    <td>{a.reference}</td>
                    <td>{a.note}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </ListStates>
      <LoadMore
        hasNextPage={actuals.hasNextPage}
        isFetchingNextPage={actuals.isFetchingNextPage}
        fetchNextPage={actuals.fetchNextPage}
      />
    </section>
  );
}
