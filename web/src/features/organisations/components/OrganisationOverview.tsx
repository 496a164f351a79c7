import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { Empty, ErrorAlert, Loading } from '@/components/Status';
import { codeName } from '@/lib/codes';
import { formatDate, formatFte, formatMoney, formatPeriod } from '@/lib/format';
import { useOrganisationOverview, type OrganisationOverview as Overview } from '@/lib/lookups';
import { useOrganisationPeople } from '../api';

type FinanceYear = Overview['years'][number];
type FinanceLine = FinanceYear['pays'][number];

/** The organisation's seats, people, cases and what it pays and receives per year (newest year first). */
export function OrganisationOverview({ id }: { id: string }) {
  const { t } = useTranslation();
  const overview = useOrganisationOverview(id);
  const people = useOrganisationPeople(id);

  if (overview.isPending) return <Loading />;
  if (overview.isError) return <ErrorAlert error={overview.error} onRetry={() => void overview.refetch()} />;
  const o = overview.data;

  return (
    <>
      <h2 id="org-seats">{t('organisations.overview.seats')}</h2>
      {o.seats.length === 0 ? (
        <Empty>{t('organisations.overview.noSeats')}</Empty>
      ) : (
        <div className="table-wrap" role="region" aria-labelledby="org-seats" tabIndex={0}>
          <table aria-labelledby="org-seats">
            <thead>
              <tr>
                <th scope="col">{t('organisations.overview.body')}</th>
                <th scope="col">{t('organisations.overview.seat')}</th>
                <th scope="col">{t('organisations.overview.role')}</th>
                <th scope="col">{t('organisations.overview.holder')}</th>
              </tr>
            </thead>
            <tbody>
              {o.seats.map((s) => (
                <tr key={s.seatId}>
                  <td>
                    <Link to={`/bodies/${s.bodyId}`}>{s.bodyName}</Link>
                  </td>
                  <td>{s.label}</td>
                  <td>{codeName('seatRoles', s.role)}</td>
                  <td>
                    {s.holderPersonId ? (
                      <>
                        <Link to={`/people/${s.holderPersonId}`}>{s.holderName}</Link>{' '}
                        <span className="hint">
                          {s.holderFrom ? t('organisations.overview.since', { date: formatDate(s.holderFrom) }) : null}
                        </span>
                      </>
                    ) : (
                      <span className="badge">{t('organisations.overview.vacant')}</span>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      <h2>{t('organisations.overview.people')}</h2>
      {people.isPending ? (
        <Loading />
      ) : people.isError ? (
        <ErrorAlert error={people.error} />
      ) : people.data.length === 0 ? (
        <Empty>{t('organisations.overview.noPeople')}</Empty>
      ) : (
        <ul className="plain-list">
          {people.data.map((p) => (
            <li key={p.id}>
              <Link to={`/people/${p.id}`}>{p.name}</Link>
              {p.title ? <span className="hint"> · {p.title}</span> : null}
            </li>
          ))}
        </ul>
      )}

      <h2>{t('organisations.overview.cases')}</h2>
      {!o.casesShown ? (
        <Empty>{t('organisations.overview.casesHidden')}</Empty>
      ) : o.cases.length === 0 ? (
        <Empty>{t('organisations.overview.noCases')}</Empty>
      ) : (
        <ul className="plain-list">
          {o.cases.map((c) => (
            <li key={c.id}>
              <Link to={`/cases/${c.id}`}>
                {c.caseNumber} {c.title}
              </Link>{' '}
              <span className="hint">({t(`organisations.overview.${c.relation === 'owner' ? 'owner' : 'initiator'}`)})</span>
            </li>
          ))}
        </ul>
      )}

      <h2>{t('organisations.overview.financing')}</h2>
      {!o.financingShown ? (
        <Empty>{t('organisations.overview.financingHidden')}</Empty>
      ) : o.years.length === 0 ? (
        <Empty>{t('organisations.overview.noFinancing')}</Empty>
      ) : (
        [...o.years].reverse().map((y) => <YearFinance key={y.year} year={y} />)
      )}
    </>
  );
}

function YearFinance({ year }: { year: FinanceYear }) {
  const { t } = useTranslation();
  return (
    <section className="card" aria-labelledby={`year-${year.year}`} data-year={year.year}>
      <h3 id={`year-${year.year}`}>{year.year}</h3>
      <FinanceTable caption={t('organisations.overview.pays', { year: year.year })} lines={year.pays} yearNumber={year.year} showPayer />
      <FinanceTable caption={t('organisations.overview.receives', { year: year.year })} lines={year.receives} yearNumber={year.year} />
    </section>
  );
}

function FinanceTable({
  caption,
  lines,
  yearNumber,
  showPayer = false,
}: {
  caption: string;
  lines: FinanceLine[];
  yearNumber: number;
  showPayer?: boolean;
}) {
  const { t } = useTranslation();
  return (
    // Focusable so that a table wider than a phone can be scrolled from the keyboard.
    <div className="table-wrap" role="region" aria-label={caption} tabIndex={0}>
      <table>
        <caption>{caption}</caption>
        {lines.length === 0 ? (
          <tbody>
            <tr>
              <td>{t('organisations.overview.nothing')}</td>
            </tr>
          </tbody>
        ) : (
          <>
            <thead>
              <tr>
                <th scope="col">{t('organisations.overview.programme')}</th>
                {showPayer ? <th scope="col">{t('organisations.overview.payer')}</th> : null}
                <th scope="col">{t('organisations.overview.source')}</th>
                <th scope="col" className="num">
                  {t('organisations.overview.amount')}
                </th>
                <th scope="col" className="num">
                  {t('organisations.overview.fte')}
                </th>
                <th scope="col">{t('organisations.overview.period')}</th>
              </tr>
            </thead>
            <tbody>
              {lines.map((l, i) => (
                <tr key={`${l.source}-${l.programmeId}-${l.payerId ?? ''}-${i}`}>
                  <td>
                    {l.programmeName}
                    {l.source === 'position' && l.text ? <div className="hint">{l.text}</div> : null}
                  </td>
                  {showPayer ? (
                    <td>
                      {l.payerName}
                      {l.jointly ? <div className="hint">{t('organisations.overview.jointly')}</div> : null}
                    </td>
                  ) : null}
                  <td>{codeName('financeSources', l.source)}</td>
                  <td className="num">
                    {l.amount ? formatMoney(l.amount.amount, l.amount.currency) : t('organisations.overview.amountNotStated')}
                  </td>
                  <td className="num">{l.fte !== null && l.fte !== undefined ? formatFte(l.fte) : t('common.none')}</td>
                  <td>{l.source === 'budget' ? String(yearNumber) : formatPeriod(l.periodFrom, l.periodTo)}</td>
                </tr>
              ))}
            </tbody>
          </>
        )}
      </table>
    </div>
  );
}

