import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { PageTitle } from '@/components/Layout';
import { Empty, ErrorAlert, Loading } from '@/components/Status';
import { formatMoney, formatNumber, formatPeriod } from '@/lib/format';
import { useSession } from '@/lib/session';
import { useProgrammes, useStaffing } from '../api';
import { kroner, sumOre, toHundredths } from '../money';
import { FinancingNav, Notice, programmeLabel } from './parts';

/** The secretariat's positions: FTE, employer, placement, what funds them and what they cost a year. */
export function StaffingPage() {
  const { t } = useTranslation();
  const { can } = useSession();
  const staffing = useStaffing();
  const programmes = useProgrammes();
  const positions = staffing.data ?? [];
  // FTE and money are summed as whole hundredths / øre; the costs that are not stated are left out.
  const fte = positions.reduce((a, p) => a + toHundredths(p.fte), 0) / 100;
  const stated = positions.filter((p) => p.annualCost);
  const cost = kroner(sumOre(stated.map((p) => p.annualCost!.amount)));

  return (
    <section>
      <FinancingNav />
      <PageTitle>{t('fin:staffing.title')}</PageTitle>
      <p>{t('fin:staffing.intro')}</p>
      <Notice />
      {staffing.isPending ? (
        <Loading />
      ) : staffing.isError ? (
        <ErrorAlert error={staffing.error} onRetry={() => void staffing.refetch()} />
      ) : positions.length === 0 ? (
        <Empty>{t('fin:staffing.none')}</Empty>
      ) : (
        <div className="table-wrap">
          <table className="fin-list">
            <caption>{t('fin:staffing.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('fin:staffing.position')}</th>
                <th scope="col" className="num">
                  {t('fin:staffing.fte')}
                </th>
                <th scope="col">{t('fin:staffing.employer')}</th>
                <th scope="col">{t('fin:staffing.placement')}</th>
                <th scope="col">{t('fin:staffing.programme')}</th>
                <th scope="col" className="num">
                  {t('fin:staffing.annualCost')}
                </th>
                <th scope="col">{t('fin:staffing.period')}</th>
                {can('budgets:write') ? (
                  <th scope="col">
                    <span className="visually-hidden">{t('fin:staffing.edit')}</span>
                  </th>
                ) : null}
              </tr>
            </thead>
            <tbody>
              {positions.map((p) => (
                <tr key={p.id}>
                  <th scope="row">{p.title}</th>
                  <td className="num">{formatNumber(p.fte, 2)}</td>
                  <td>{p.employerName}</td>
                  <td>{p.placementBodyName ?? t('common.none')}</td>
                  <td>
                    {p.fundingProgrammeId
                      ? programmeLabel(programmes.data, p.fundingProgrammeId) || p.fundingProgrammeCode
                      : t('fin:staffing.noProgramme')}
                  </td>
                  <td className="num">
                    {p.annualCost ? formatMoney(p.annualCost.amount, p.annualCost.currency) : t('fin:staffing.notStated')}
                    {/* Where the figure comes from, or why there is none (e.g. not given in the sources). */}
                    {p.annualCostNote ? <small className="hint cost-note">{p.annualCostNote}</small> : null}
                  </td>
                  <td>
                    {formatPeriod(p.validFrom, p.validTo) || t('common.none')}
                  </td>
                  {can('budgets:write') ? (
                    <td>
                      <Link to={`/financing/staffing/${p.id}`} aria-label={t('fin:staffing.editFor', { title: p.title })}>
                        {t('fin:staffing.edit')}
                      </Link>
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr>
                <th scope="row">{t('fin:staffing.total')}</th>
                <td className="num">
                  <strong>{formatNumber(fte, 2)}</strong>
                </td>
                <td colSpan={3} />
                <td className="num">
                  <strong>{stated.length ? formatMoney(cost) : '–'}</strong>
                </td>
                <td colSpan={can('budgets:write') ? 2 : 1} />
              </tr>
            </tfoot>
          </table>
        </div>
      )}
    </section>
  );
}
