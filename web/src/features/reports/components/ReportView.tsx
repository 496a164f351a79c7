import { useTranslation } from 'react-i18next';
import { BarChart } from '@/components/Chart';
import { formatDate, formatMoney, formatNumber, formatPeriodLabel } from '@/lib/format';
import { useReportNames, type ReportNames, type StatusReport, type WorkStatus } from '../api';
import { REPORTS_NS } from '../i18n';

const STATUS_ORDER: WorkStatus[] = ['notReported', 'planned', 'inProgress', 'done', 'onHold', 'cancelled'];

/** The last day of a half-open period, for people: [2023-01-01, 2023-07-01) reads "1 Jan 2023 – 30 Jun 2023". */
export function lastDay(to: string): string {
  const d = new Date(`${to}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

/** A status report as a printable page; the same figures as the API's JSON, PDF and HTML. */
export function ReportView({ report, banner }: { report: StatusReport; banner: React.ReactNode }) {
  const { t } = useTranslation(REPORTS_NS);
  // Programmes and payers by their names, never their codes.
  const names = useReportNames(report.governanceModel.id);
  const plan = report.workPlan;
  const statusLabel = (s: WorkStatus) => t(`statuses.${s}`);
  const tiles: [number, string][] = [
    [plan.totals.focusAreas, t('focusAreas')],
    [plan.totals.initiatives, t('initiatives')],
    [plan.totals.tasks, t('tasks')],
    [plan.totals.milestonesDueInPeriod, t('milestonesDue')],
    [plan.totals.milestonesReachedInPeriod, t('milestonesReached')],
    [plan.totals.milestonesOverdueAtEnd, t('milestonesOverdue')],
  ];
  const count = (list: { status: WorkStatus; count: number }[], s: WorkStatus) => list.find((x) => x.status === s)?.count ?? 0;

  return (
    <article className="status-report">
      <header className="report-head">
        <p className="kicker">
          {t('title')} <span className="en" lang="en">{t('titleEn')}</span>
        </p>
        <h2 className="report-model">{report.governanceModel.name}</h2>
        <p className="report-period">
          {formatDate(report.from)} – {formatDate(lastDay(report.to))}
        </p>
        {banner}
      </header>

      {report.notes.map((n) => (
        <p key={n.section} className="report-note">
          {n.da} <span className="en" lang="en">{n.en}</span>
        </p>
      ))}

      {report.activity ? <ActivityView activity={report.activity} /> : null}

      {report.economy ? (
        <section aria-labelledby="report-economy">
          <h2 id="report-economy">{t('economy')}</h2>
          <FinanceView economy={report.economy} names={names} />
          <h3>{t('staffing')}</h3>
          <ul className="report-tiles">
            <li>
              <strong>{formatNumber(report.economy.staffing.fteInPeriod, 2)}</strong> {t('fteInPeriod')}
            </li>
            <li>
              <strong>{formatNumber(report.economy.staffing.fteAfterPeriod, 2)}</strong> {t('fteAfterPeriod')}
            </li>
            <li>
              <strong>{formatNumber(report.economy.staffing.positions.length)}</strong> {t('positions')}
            </li>
          </ul>
          {report.economy.staffing.positions.length === 0 ? (
            <p className="hint">{t('noPositions')}</p>
          ) : (
            <div className="table-wrap">
              <table>
                <thead>
                  <tr>
                    <th scope="col">{t('position')}</th>
                    <th scope="col">{t('secretariat')}</th>
                    <th scope="col">{t('employer')}</th>
                    <th scope="col">{t('dailyManagement')}</th>
                    <th scope="col">{t('period')}</th>
                    <th scope="col" className="num">
                      {t('fte')}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {report.economy.staffing.positions.map((p) => (
                    <tr key={p.id}>
                      <th scope="row">{p.title}</th>
                      <td>{p.bodyName}</td>
                      <td>{p.employerName}</td>
                      <td>{p.dailyManagerRole ?? '–'}</td>
                      <td>
                        {p.validFrom ? formatDate(p.validFrom) : ''} – {p.validTo ? formatDate(lastDay(p.validTo)) : ''}
                        {p.timing === 'afterPeriod' ? <span className="hint block">{t('afterPeriod')}</span> : null}
                      </td>
                      <td className="num">{formatNumber(p.fte, 2)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </section>
      ) : null}

      <section aria-labelledby="report-work-plan">
        <h2 id="report-work-plan">{t('workPlan')}</h2>
        <ul className="report-tiles">
          {tiles.map(([value, label]) => (
            <li key={label}>
              <strong>{formatNumber(value)}</strong> {label}
            </li>
          ))}
        </ul>
        <div className="charts">
          <BarChart
            title={t('tasksByStatus')}
            categories={STATUS_ORDER.map(statusLabel)}
            series={[
              { label: t('tasks'), values: STATUS_ORDER.map((s) => count(plan.totals.tasksByStatus, s)) },
              { label: t('initiatives'), values: STATUS_ORDER.map((s) => count(plan.totals.initiativesByStatus, s)) },
            ]}
            horizontal
            format={(n) => formatNumber(n)}
          />
        </div>

        {plan.focusAreas.map((area) => (
          <section key={area.id} className="report-area" aria-labelledby={`area-${area.id}`}>
            <h3 id={`area-${area.id}`}>
              {area.name} {area.nameEn ? <span className="en" lang="en">{area.nameEn}</span> : null}
            </h3>
            {area.initiatives.length === 0 ? (
              <p className="hint">{t('noInitiatives')}</p>
            ) : (
              <div className="table-wrap">
                <table>
                  <thead>
                    <tr>
                      <th scope="col">{t('initiative')}</th>
                      <th scope="col">{t('responsible')}</th>
                      <th scope="col">{t('funding')}</th>
                      <th scope="col">{t('status')}</th>
                      <th scope="col">{t('timing')}</th>
                      <th scope="col" className="num">
                        {t('tasks')}
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {area.initiatives.map((i) => (
                      <tr key={i.id}>
                        <th scope="row">
                          {i.name}
                          {i.nameEn ? <span className="en block" lang="en">{i.nameEn}</span> : null}
                        </th>
                        <td>{i.responsibleBody?.name ?? '–'}</td>
                        <td>{i.fundingProgramme ? names.programme(i.fundingProgramme) : '–'}</td>
                        <td>
                          <span className={`work-status ws-${i.status}`}>{statusLabel(i.status)}</span>
                        </td>
                        <td>
                          {[
                            i.startsOn || i.endsOn
                              ? `${i.startsOn ? formatDate(i.startsOn) : ''} – ${i.endsOn ? formatDate(lastDay(i.endsOn)) : ''}`
                              : null,
                            i.timingNote,
                          ]
                            .filter(Boolean)
                            .join(' · ') || t('notStated')}
                        </td>
                        <td className="num">{i.taskCount}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
            {area.initiatives.some((i) => i.tasks.length > 0) ? (
              <div className="table-wrap">
                <table>
                  <thead>
                    <tr>
                      <th scope="col">{t('task')}</th>
                      <th scope="col">{t('responsible')}</th>
                      <th scope="col">{t('status')}</th>
                      <th scope="col">{t('milestones')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {area.initiatives.flatMap((i) =>
                      i.tasks.map((task) => (
                        <tr key={task.id}>
                          <th scope="row">
                            {task.title}
                            {task.timingNote ? <span className="hint block">{task.timingNote}</span> : null}
                          </th>
                          <td>{task.responsibleBody?.name ?? '–'}</td>
                          <td>
                            <span className={`work-status ws-${task.status}`}>{statusLabel(task.status)}</span>
                          </td>
                          <td>
                            {task.milestones.length === 0
                              ? '–'
                              : task.milestones.map((m, k) => (
                                  <span key={k} className={`milestone ms-${m.state} block`}>
                                    {m.dueOn ? formatDate(m.dueOn) : t('milestoneStates.unscheduled')} – {m.title} (
                                    {t(`milestoneStates.${m.state}`)})
                                  </span>
                                ))}
                          </td>
                        </tr>
                      )),
                    )}
                  </tbody>
                </table>
              </div>
            ) : null}
          </section>
        ))}
        <p className="hint">{t('statusNote')}</p>
      </section>
    </article>
  );
}

type Activity = NonNullable<StatusReport['activity']>;

function ActivityView({ activity }: { activity: Activity }) {
  const { t } = useTranslation(REPORTS_NS);
  const tiles: [number, string][] = [
    [activity.totals.casesOpened, t('casesOpened')],
    [activity.totals.stepsTreated, t('stepsTreated')],
    [activity.totals.decisions, t('decisionsCount')],
    [activity.totals.overdueStepsAtEnd, t('overdueSteps')],
    [activity.totals.meetings, t('meetingsHeld')],
    [activity.totals.upcomingMeetings, t('upcomingMeetings')],
  ];
  const meetings = (list: Activity['meetingsHeld'], title: string) => (
    <>
      <h3>{title}</h3>
      {list.length === 0 ? (
        <p className="hint">{t('none')}</p>
      ) : (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t('date')}</th>
                <th scope="col">{t('body')}</th>
                <th scope="col">{t('meeting')}</th>
                <th scope="col" className="num">
                  {t('caseSteps')}
                </th>
              </tr>
            </thead>
            <tbody>
              {list.map((m) => (
                <tr key={m.id}>
                  <td>{formatDate(m.date)}</td>
                  <td>{m.bodyName}</td>
                  <td>{m.title ?? '–'}</td>
                  <td className="num">{m.caseSteps}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
  return (
    <section aria-labelledby="report-activity">
      <h2 id="report-activity">{t('activity')}</h2>
      <ul className="report-tiles">
        {tiles.map(([value, label]) => (
          <li key={label}>
            <strong>{formatNumber(value)}</strong> {label}
          </li>
        ))}
      </ul>
      {activity.bodies.length > 0 ? (
        <div className="charts">
          <BarChart
            title={t('casesPerBody')}
            categories={activity.bodies.map((b) => b.bodyName)}
            series={[
              { label: t('casesOpened'), values: activity.bodies.map((b) => b.casesOpened) },
              { label: t('treated'), values: activity.bodies.map((b) => b.stepsTreated) },
              { label: t('decisionsCount'), values: activity.bodies.map((b) => b.decisions) },
            ]}
            horizontal
            format={(n) => formatNumber(n)}
          />
        </div>
      ) : null}
      <h3>{t('decisions')}</h3>
      {activity.decisions.length === 0 ? (
        <p className="hint">{t('noDecisions')}</p>
      ) : (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t('date')}</th>
                <th scope="col">{t('body')}</th>
                <th scope="col">{t('case')}</th>
                <th scope="col">{t('outcome')}</th>
                <th scope="col">{t('decision')}</th>
              </tr>
            </thead>
            <tbody>
              {activity.decisions.map((d) => (
                <tr key={d.id}>
                  <td>
                    {formatDate(d.decidedOn)}
                    {d.dateIsRecordedDate ? <span className="hint block">{t('recordedDate')}</span> : null}
                  </td>
                  <td>{d.bodyName}</td>
                  <td>
                    {d.caseNumber} <span className="block">{d.caseTitle}</span>
                  </td>
                  <td>
                    <strong>{t(`outcomes.${d.outcome}`)}</strong>
                  </td>
                  <td className="report-text">{d.text ?? '–'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <h3>{t('overdueTitle')}</h3>
      {activity.overdueSteps.length === 0 ? (
        <p className="hint">{t('none')}</p>
      ) : (
        <ul>
          {activity.overdueSteps.map((o) => (
            <li key={o.id}>
              {formatDate(o.deadline)} · {o.bodyName} · {o.caseNumber} {o.caseTitle}
            </li>
          ))}
        </ul>
      )}
      {meetings(activity.meetingsHeld, t('meetingsTitle'))}
      {meetings(activity.upcomingMeetings, t('upcomingTitle', { until: formatDate(lastDay(activity.upcomingUntil)) }))}
    </section>
  );
}

type Economy = NonNullable<StatusReport['economy']>;

function FinanceView({ economy, names }: { economy: Economy; names: ReportNames }) {
  const { t } = useTranslation(REPORTS_NS);
  const perProgramme = new Map<string, { budget: number; actual: number }>();
  for (const row of economy.budget ?? []) {
    const sum = perProgramme.get(row.programmeCode) ?? { budget: 0, actual: 0 };
    sum.budget += row.budget;
    sum.actual += row.actual;
    perProgramme.set(row.programmeCode, sum);
  }
  return (
    <>
      {economy.programmes && economy.programmes.length > 0 ? (
        <>
          <h3>{t('programmes')}</h3>
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('programme')}</th>
                  <th scope="col" className="num">{t('committed')}</th>
                  <th scope="col" className="num">{t('fte')}</th>
                  <th scope="col" className="num">{t('reserved')}</th>
                  <th scope="col" className="num">{t('released')}</th>
                  <th scope="col" className="num">{t('spent')}</th>
                </tr>
              </thead>
              <tbody>
                {economy.programmes.map((p) => (
                  <tr key={p.id}>
                    <th scope="row">
                      {p.name}
                    </th>
                    <td className="num">{formatMoney(p.committed)}</td>
                    <td className="num">{p.committedFte === null || p.committedFte === undefined ? '–' : formatNumber(p.committedFte, 2)}</td>
                    <td className="num">{formatMoney(p.grantsReserved)}</td>
                    <td className="num">{formatMoney(p.grantsReleased)}</td>
                    <td className="num">{formatMoney(p.grantsSpent)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      ) : null}
      {economy.budget && economy.budgetTotals ? (
        <>
          <h3>{t('budgetTitle')}</h3>
          {perProgramme.size > 0 ? (
            <div className="charts">
              <BarChart
                title={t('budgetTitle')}
                categories={[...perProgramme.keys()].map(names.programme)}
                series={[
                  { label: t('budget'), values: [...perProgramme.values()].map((v) => v.budget) },
                  { label: t('actual'), values: [...perProgramme.values()].map((v) => v.actual) },
                ]}
                format={(n) => formatMoney(n)}
              />
            </div>
          ) : null}
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('programme')}</th>
                  <th scope="col">{t('period')}</th>
                  <th scope="col">{t('payer')}</th>
                  <th scope="col" className="num">{t('budget')}</th>
                  <th scope="col" className="num">{t('actual')}</th>
                  <th scope="col" className="num">{t('variance')}</th>
                </tr>
              </thead>
              <tbody>
                {economy.budget.map((b) => (
                  <tr key={b.key}>
                    <th scope="row">{names.programme(b.programmeCode)}</th>
                    <td>{formatPeriodLabel(b.periodLabel)}</td>
                    <td>{b.payerName ?? '–'}</td>
                    <td className="num">{formatMoney(b.budget)}</td>
                    <td className="num">{formatMoney(b.actual)}</td>
                    <td className="num">{formatMoney(b.variance)}</td>
                  </tr>
                ))}
              </tbody>
              <tfoot>
                <tr>
                  <th scope="row" colSpan={3}>{t('total')}</th>
                  <td className="num">{formatMoney(economy.budgetTotals.budget)}</td>
                  <td className="num">{formatMoney(economy.budgetTotals.actual)}</td>
                  <td className="num">{formatMoney(economy.budgetTotals.variance)}</td>
                </tr>
              </tfoot>
            </table>
          </div>
          {economy.budgetAsOf ? <p className="hint">{t('budgetNote', { asOf: formatDate(economy.budgetAsOf) })}</p> : null}
        </>
      ) : null}
      {economy.grants && economy.grants.length > 0 ? (
        <>
          <h3>{t('grants')}</h3>
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('grant')}</th>
                  <th scope="col">{t('programme')}</th>
                  <th scope="col">{t('payer')}</th>
                  <th scope="col">{t('state')}</th>
                  <th scope="col" className="num">{t('amount')}</th>
                </tr>
              </thead>
              <tbody>
                {economy.grants.map((g) => (
                  <tr key={g.id}>
                    <th scope="row">{g.title}</th>
                    <td>{names.programme(g.programmeCode)}</td>
                    <td>{names.payer(g.payerCode)}</td>
                    <td>{t(`grantStates.${g.state}`)}</td>
                    <td className="num">{formatMoney(g.amount)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      ) : null}
    </>
  );
}
