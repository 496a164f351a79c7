import { useId, useState } from 'react';
import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { PageTitle } from '@/components/Layout';
import { DownloadButton } from '@/components/DownloadButton';
import { ErrorAlert, Loading } from '@/components/Status';
import { formatDateTime, formatNumber } from '@/lib/format';
import { useComparison, useIssuedReport, useIssuedReports } from '../api';
import { REPORTS_NS } from '../i18n';
import { ReportView } from './ReportView';
import '../reports.css';

/** An issued (frozen) report with its stored figures, and how they compare with the live data or another issue. */
export function IssuedReportPage() {
  const { t } = useTranslation(REPORTS_NS);
  const { id = '' } = useParams();
  const issued = useIssuedReport(id);
  const others = useIssuedReports(issued.data?.report.governanceModel.id ?? '');
  const [compareWith, setCompareWith] = useState<string | null>(null);
  const comparison = useComparison(id, compareWith);
  const selectId = useId();

  if (issued.isPending) return <Loading />;
  if (issued.error) return <ErrorAlert error={issued.error} />;
  const r = issued.data;
  const back = `/reports?model=${r.report.governanceModel.id}&from=${r.report.from}&to=${r.report.to}`;

  return (
    <section className="reports-page">
      <PageTitle>{r.title}</PageTitle>
      <p className="no-print">
        <Link to={back}>{t('back')}</Link>
      </p>
      <div className="report-actions no-print">
        <button type="button" onClick={() => window.print()}>
          {t('print')}
        </button>
        <DownloadButton url={`/api/reports/${id}/pdf`} filename={`statusrapport-${r.report.from}-${id.slice(0, 8)}.pdf`} label={t('pdf')} />
        <a className="button secondary" href={`/api/reports/${id}`}>
          {t('json')}
        </a>
      </div>
      <ReportView
        report={r.report}
        banner={
          <p className="report-banner frozen">
            {t('frozen')} {t('issuedAt')} {formatDateTime(r.issuedAt)} {t('issuedBy')} {r.issuedBy} · SHA-256{' '}
            <code>{r.contentSha256.slice(0, 16)}…</code>
          </p>
        }
      />

      <section className="no-print" aria-labelledby="comparison">
        <h2 id="comparison">{t('comparison')}</h2>
        <div className="filters">
          <div className="field">
            <label htmlFor={selectId}>{t('compareWith')}</label>
            <select id={selectId} value={compareWith ?? ''} onChange={(e) => setCompareWith(e.target.value || null)}>
              <option value="">–</option>
              <option value="live">{t('compareLive')}</option>
              {others.items
                .filter((o) => o.id !== id)
                .map((o) => (
                  <option key={o.id} value={o.id}>
                    {o.title} ({formatDateTime(o.issuedAt)})
                  </option>
                ))}
            </select>
          </div>
        </div>
        {compareWith === null ? null : comparison.isPending ? (
          <Loading />
        ) : comparison.error ? (
          <ErrorAlert error={comparison.error} />
        ) : comparison.data.changes.length === 0 ? (
          <p>{t('noChanges')}</p>
        ) : (
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('figure')}</th>
                  <th scope="col" className="num">
                    {t('before')}
                  </th>
                  <th scope="col" className="num">
                    {t('after')}
                  </th>
                  <th scope="col" className="num">
                    {t('delta')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {comparison.data.changes.map((c) => (
                  <tr key={c.path}>
                    <th scope="row">
                      <code>{c.path}</code>
                    </th>
                    <td className="num">{c.before === null || c.before === undefined ? '–' : formatNumber(Number(c.before), 2)}</td>
                    <td className="num">{c.after === null || c.after === undefined ? '–' : formatNumber(Number(c.after), 2)}</td>
                    <td className="num">{c.delta === null || c.delta === undefined ? '–' : formatNumber(Number(c.delta), 2)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {comparison.data ? <p className="hint">{t('unchanged', { count: comparison.data.unchangedFigures })}</p> : null}
      </section>
    </section>
  );
}
