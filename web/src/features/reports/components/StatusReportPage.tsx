import { useId } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { PageTitle } from '@/components/Layout';
import { DownloadButton } from '@/components/DownloadButton';
import { Empty, ErrorAlert, Loading, LoadMore } from '@/components/Status';
import { dayAfter, dayBefore, formatDate, formatDateTime } from '@/lib/format';
import { DEFAULT_MODEL, reportQuery, useIssuedReports, useIssueReport, useStatusReport, type Period } from '../api';
import { REPORTS_NS } from '../i18n';
import { ReportView, lastDay } from './ReportView';
import '../reports.css';

/** The half-year a date falls in, as a half-open period. */
function halfYearOf(date: Date): { from: string; to: string } {
  const y = date.getFullYear();
  return date.getMonth() < 6 ? { from: `${y}-01-01`, to: `${y}-07-01` } : { from: `${y}-07-01`, to: `${y + 1}-01-01` };
}

/** The years the half-year picker offers, newest first: the six years before this one, this year and next, and the year shown. */
export function reportYears(thisYear: number, shownYear: number): number[] {
  const years = new Set<number>();
  for (let y = thisYear + 1; y >= thisYear - 6; y--) years.add(y);
  if (Number.isFinite(shownYear)) years.add(shownYear);
  return [...years].sort((a, b) => b - a);
}

export function StatusReportPage() {
  const { t } = useTranslation(REPORTS_NS);
  const [params, setParams] = useSearchParams();
  const fallback = halfYearOf(new Date());
  const period: Period = {
    model: params.get('model') ?? DEFAULT_MODEL,
    from: params.get('from') ?? fallback.from,
    to: params.get('to') ?? fallback.to,
  };
  const report = useStatusReport(period);
  const issued = useIssuedReports(period.model);
  const issue = useIssueReport();
  const navigate = useNavigate();
  const fromId = useId();
  const toId = useId();
  const halfId = useId();

  const set = (changes: Partial<Period>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(changes)) next.set(k, v);
    setParams(next, { replace: true });
  };
  const years = reportYears(new Date().getFullYear(), Number(period.from.slice(0, 4)));
  const halves = years.flatMap((year) => [
    { key: `${year}-h1`, year, label: `${t('firstHalf')} ${year}`, from: `${year}-01-01`, to: `${year}-07-01` },
    { key: `${year}-h2`, year, label: `${t('secondHalf')} ${year}`, from: `${year}-07-01`, to: `${year + 1}-01-01` },
    { key: `${year}-y`, year, label: `${t('wholeYear')} ${year}`, from: `${year}-01-01`, to: `${year + 1}-01-01` },
  ]);
  const selectedHalf = halves.find((h) => h.from === period.from && h.to === period.to)?.key ?? '';
  const query = reportQuery(period);

  return (
    <section className="reports-page">
      <PageTitle>{t('nav')}</PageTitle>
      <form className="filters no-print" onSubmit={(e) => e.preventDefault()} aria-label={t('period')}>
        <div className="field">
          <label htmlFor={halfId}>{t('half')}</label>
          <select
            id={halfId}
            value={selectedHalf}
            onChange={(e) => {
              const h = halves.find((x) => x.key === e.target.value);
              if (h) set({ from: h.from, to: h.to });
            }}
          >
            <option value="">–</option>
            {years.map((year) => (
              <optgroup key={year} label={String(year)}>
                {halves
                  .filter((h) => h.year === year)
                  .map((h) => (
                    <option key={h.key} value={h.key}>
                      {h.label}
                    </option>
                  ))}
              </optgroup>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={fromId}>{t('from')}</label>
          <input id={fromId} type="date" value={period.from} onChange={(e) => e.target.value && set({ from: e.target.value })} />
        </div>
        <div className="field">
          <label htmlFor={toId}>{t('to')}</label>
          {/* People give the last day; the API's period ends the day after it (half-open). */}
          <input
            id={toId}
            type="date"
            value={dayBefore(period.to)}
            onChange={(e) => e.target.value && set({ to: dayAfter(e.target.value) })}
          />
        </div>
        <p className="hint">{t('bothDaysIncluded')}</p>
      </form>

      <div className="report-actions no-print">
        <button type="button" onClick={() => window.print()}>
          {t('print')}
        </button>
        <DownloadButton
          url={`/api/reports/status/pdf?${query}`}
          filename={`statusrapport-${period.from}-${lastDay(period.to)}.pdf`}
          label={t('pdf')}
        />
        <a className="button secondary" href={`/api/reports/status?${query}`}>
          {t('json')}
        </a>
        <button
          type="button"
          className="secondary"
          disabled={issue.isPending || !report.data}
          onClick={() => issue.mutate(period, { onSuccess: (r) => void navigate(`/reports/${r.id}`) })}
        >
          {issue.isPending ? t('issuing') : t('issue')}
        </button>
      </div>
      <ErrorAlert error={issue.error} />

      {report.isPending ? (
        <Loading />
      ) : report.error ? (
        <ErrorAlert error={report.error} onRetry={() => void report.refetch()} />
      ) : (
        <ReportView
          report={report.data}
          banner={
            <p className="report-banner live">
              {t('live')} {t('generatedAt')} {formatDateTime(report.data.generatedAt)}
            </p>
          }
        />
      )}

      <section className="no-print issued-list" aria-labelledby="issued-reports">
        <h2 id="issued-reports">{t('issuedTitle')}</h2>
        {issued.isPending ? (
          <Loading />
        ) : issued.error ? (
          <ErrorAlert error={issued.error} />
        ) : issued.items.length === 0 ? (
          <Empty>{t('issuedNone')}</Empty>
        ) : (
          <ul>
            {issued.items.map((r) => (
              <li key={r.id}>
                <Link to={`/reports/${r.id}`}>{r.title}</Link>{' '}
                <span className="hint">
                  {formatDate(r.periodFrom)} – {formatDate(lastDay(r.periodTo))} · {t('issuedAt')} {formatDateTime(r.issuedAt)}{' '}
                  {t('issuedBy')} {r.issuedBy}
                </span>
              </li>
            ))}
          </ul>
        )}
        <LoadMore hasNextPage={issued.hasNextPage} isFetchingNextPage={issued.isFetchingNextPage} fetchNextPage={issued.fetchNextPage} />
      </section>
    </section>
  );
}
