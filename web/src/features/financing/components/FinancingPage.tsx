import { useId, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { BarChart } from '@/components/Chart';
import { DownloadButton } from '@/components/DownloadButton';
import { PageTitle } from '@/components/Layout';
import { ModelPicker, useModelChoice } from '@/components/ModelPicker';
import { Empty, ErrorAlert, Loading, LoadMore, ListStates } from '@/components/Status';
import { formatMoney, formatNumber, formatPeriodLabel } from '@/lib/format';
import { nameOf } from '@/lib/codes';
import {
  rollupCsvUrl,
  useBudgetVsActual,
  usePayers,
  useProgrammeGrants,
  useProgrammes,
  useRollup,
  useStaffing,
  type FundedPosition,
  type Programme,
} from '../api';
import { AllocationCalculator } from './AllocationCalculator';
import { GrantsTable } from './GrantsTable';
import { FinancingNav } from './parts';
import { pivot } from './pivot';

const GRANT_STATES = ['reserved', 'released', 'spent', 'closed'] as const;

export function FinancingPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  // One partnership at a time: its programmes, rollups, budget versus actual, grants and resources (never two models' money).
  const { models, modelId, choose } = useModelChoice();
  const asked = params.get('programme') ?? '';
  const grantState = params.get('grantState') ?? '';
  const programmes = useProgrammes(modelId);
  // A programme of another partnership (left in the URL after the model changed) is no filter.
  const programmeId = programmes.data ? (programmes.data.some((p) => p.id === asked) ? asked : '') : asked;
  const ready = !!modelId && !programmes.isPending;
  const byPayer = useRollup('period,payer', programmeId, modelId, ready);
  const byProgramme = useRollup('programme', programmeId, modelId, ready);
  const bva = useBudgetVsActual(programmeId, modelId, ready);
  // The grants follow the programme filter as the rest of the page does (a programme includes its sub-programmes).
  const grants = useProgrammeGrants(programmeId, grantState);
  const payers = usePayers();
  const modelProgrammes = new Set((programmes.data ?? []).map((p) => p.id));
  const modelGrants = grants.items.filter((g) => modelProgrammes.has(g.programmeId));
  const programmeSelect = useId();
  const stateSelect = useId();
  const money = (n: number) => formatMoney(n);
  const set = (key: string, value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
  };

  const payerTable = useMemo(
    () =>
      byPayer.data
        ? pivot(
            byPayer.data.items,
            (r) => r.payerName ?? nameOf(r.payerCode, payers.data),
            (r) => r.period?.label ?? '',
            (r) => r.budget.amount,
          )
        : null,
    [byPayer.data, payers.data],
  );
  const bvaTable = useMemo(
    () =>
      bva.data
        ? {
            budget: pivot(bva.data.items, () => 'x', (r) => r.period?.label ?? '', (r) => r.budget.amount),
            actual: pivot(bva.data.items, () => 'x', (r) => r.period?.label ?? '', (r) => r.actual.amount),
          }
        : null,
    [bva.data],
  );
  const programmeName = (code?: string | null) => (code ? nameOf(code, programmes.data) : t('common.none'));

  return (
    <section>
      <FinancingNav />
      <PageTitle>{t('financing.title')}</PageTitle>
      <form className="filters" onSubmit={(e) => e.preventDefault()} aria-label={t('common.filter')}>
        <ModelPicker models={models} value={modelId} onChange={choose} label={t('fin:dashboard.model')} />
        <div className="field">
          <label htmlFor={programmeSelect}>{t('financing.programme')}</label>
          <select id={programmeSelect} value={programmeId} onChange={(e) => set('programme', e.target.value)}>
            <option value="">{t('financing.allProgrammes')}</option>
            {(programmes.data ?? []).map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
        </div>
      </form>

      {byPayer.isError ? <ErrorAlert error={byPayer.error} onRetry={() => void byPayer.refetch()} /> : null}
      <div className="charts">
        {payerTable ? (
          payerTable.rows.length ? (
            <BarChart
              title={t('financing.perYearByPayer')}
              categories={payerTable.columns.map(formatPeriodLabel)}
              series={payerTable.rows.map((payer, i) => ({ label: payer, values: payerTable.values[i]! }))}
              stacked
              format={money}
            />
          ) : (
            <Empty>{t('financing.noBudget')}</Empty>
          )
        ) : byPayer.isPending ? (
          <Loading />
        ) : null}
        {byProgramme.data ? (
          <BarChart
            title={t('financing.perProgramme')}
            categories={byProgramme.data.items.map((r) => programmeName(r.programmeCode))}
            series={[
              { label: t('financing.budget'), values: byProgramme.data.items.map((r) => r.budget.amount) },
              { label: t('financing.actual'), values: byProgramme.data.items.map((r) => r.actual.amount) },
            ]}
            horizontal
            format={money}
          />
        ) : byProgramme.isPending ? (
          <Loading />
        ) : null}
        {bvaTable ? (
          <BarChart
            title={t('financing.budgetVsActual')}
            categories={bvaTable.budget.columns.map(formatPeriodLabel)}
            series={[
              { label: t('financing.budget'), values: bvaTable.budget.columnTotals },
              { label: t('financing.actual'), values: bvaTable.actual.columnTotals },
            ]}
            format={money}
          />
        ) : bva.isPending ? (
          <Loading />
        ) : null}
      </div>

      <h2 id="allocation">{t('financing.allocation')}</h2>
      <p>{t('financing.allocationIntro')}</p>
      <DownloadButton
        url={rollupCsvUrl('programme,period,payer', programmeId, modelId)}
        filename="klima-budget.csv"
        label={t('financing.downloadCsv')}
      />
      {payerTable && payerTable.rows.length ? (
        <div className="table-wrap">
          <table aria-labelledby="allocation">
            <thead>
              <tr>
                <th scope="col">{t('financing.payer')}</th>
                {payerTable.columns.map((c) => (
                  <th key={c} scope="col" className="num">
                    {formatPeriodLabel(c)}
                  </th>
                ))}
                <th scope="col" className="num">
                  {t('common.total')}
                </th>
              </tr>
            </thead>
            <tbody>
              {payerTable.rows.map((payer, i) => (
                <tr key={payer}>
                  <th scope="row">{payer}</th>
                  {payerTable.values[i]!.map((v, c) => (
                    <td key={payerTable.columns[c]} className="num">
                      {v ? money(v) : '–'}
                    </td>
                  ))}
                  <td className="num">
                    <strong>{money(payerTable.rowTotals[i]!)}</strong>
                  </td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr>
                <th scope="row">{t('common.total')}</th>
                {payerTable.columnTotals.map((v, c) => (
                  <td key={payerTable.columns[c]} className="num">
                    <strong>{money(v)}</strong>
                  </td>
                ))}
                <td className="num">
                  <strong>{money(payerTable.total)}</strong>
                </td>
              </tr>
            </tfoot>
          </table>
        </div>
      ) : null}

      <AllocationCalculator governanceModelId={modelId} />

      <SecretariatResources programmes={programmes.data} />

      <h2 id="grants">{t('financing.grants')}</h2>
      <div className="filters">
        <div className="field">
          <label htmlFor={stateSelect}>{t('financing.grantState')}</label>
          <select id={stateSelect} value={grantState} onChange={(e) => set('grantState', e.target.value)}>
            <option value="">{t('financing.allStates')}</option>
            {GRANT_STATES.map((s) => (
              <option key={s} value={s}>
                {t(`financing.states.${s}`)}
              </option>
            ))}
          </select>
        </div>
      </div>
      <ListStates list={{ ...grants, items: modelGrants }} empty={t('financing.noGrants')}>
        {() => (
          <GrantsTable grants={modelGrants} programmes={programmes.data} payers={payers.data} labelledBy="grants" />
        )}
      </ListStates>
      <LoadMore
        hasNextPage={grants.hasNextPage}
        isFetchingNextPage={grants.isFetchingNextPage}
        fetchNextPage={grants.fetchNextPage}
      />
    </section>
  );
}

/**
 * The positions the partnership's programmes finance (e.g. Region Nordjylland's nationally agreed secretariat resource),
 * with employer, programme and annual cost by name.
 */
function SecretariatResources({ programmes }: { programmes: readonly Programme[] | undefined }) {
  const { t } = useTranslation();
  const staffing = useStaffing();
  const ids = new Set((programmes ?? []).map((p) => p.id));
  const positions: FundedPosition[] = (staffing.data ?? []).filter((p) => p.fundingProgrammeId && ids.has(p.fundingProgrammeId));
  return (
    <>
      <h2 id="resources">{t('fin:dashboard.resources')}</h2>
      <p>{t('fin:dashboard.resourcesIntro')}</p>
      {staffing.isPending || !programmes ? (
        <Loading />
      ) : staffing.isError ? (
        <ErrorAlert error={staffing.error} onRetry={() => void staffing.refetch()} />
      ) : positions.length === 0 ? (
        <Empty>{t('fin:dashboard.noResources')}</Empty>
      ) : (
        <div className="table-wrap">
          <table aria-labelledby="resources" className="fin-list">
            <thead>
              <tr>
                <th scope="col">{t('fin:staffing.position')}</th>
                <th scope="col">{t('fin:staffing.employer')}</th>
                <th scope="col" className="num">
                  {t('fin:staffing.fte')}
                </th>
                <th scope="col">{t('fin:staffing.programme')}</th>
                <th scope="col" className="num">
                  {t('fin:staffing.annualCost')}
                </th>
              </tr>
            </thead>
            <tbody>
              {positions.map((p) => (
                <tr key={p.id}>
                  <th scope="row">{p.title}</th>
                  <td>{p.employerName}</td>
                  <td className="num">{formatNumber(p.fte, 2)}</td>
                  <td>{nameOf(p.fundingProgrammeId, programmes)}</td>
                  <td className="num">
                    {p.annualCost ? formatMoney(p.annualCost.amount, p.annualCost.currency) : t('fin:staffing.notStated')}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
