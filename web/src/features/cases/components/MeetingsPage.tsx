import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { PageTitle } from '@/components/Layout';
import { Empty, ErrorAlert, Loading, LoadMore } from '@/components/Status';
import { formatDate } from '@/lib/format';
import { useMeeting, useMeetings } from '../api';

export function MeetingsPage() {
  const { t } = useTranslation();
  const list = useMeetings();
  return (
    <section>
      <p>
        <Link to="/cases">← {t('cases.title')}</Link>
      </p>
      <PageTitle>{t('meetings.title')}</PageTitle>
      {list.isPending ? (
        <Loading />
      ) : list.isError ? (
        <ErrorAlert error={list.error} onRetry={() => void list.refetch()} />
      ) : list.items.length === 0 ? (
        <Empty />
      ) : (
        <div className="table-wrap">
          <table>
            <caption className="visually-hidden">{t('meetings.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('meetings.date')}</th>
                <th scope="col">{t('meetings.body')}</th>
                <th scope="col">{t('meetings.state')}</th>
                <th scope="col" className="num">
                  {t('meetings.items')}
                </th>
              </tr>
            </thead>
            <tbody>
              {list.items.map((m) => (
                <tr key={m.id}>
                  <td>
                    <Link to={`/meetings/${m.id}`}>{formatDate(m.date)}</Link>
                  </td>
                  <td>
                    <Link to={`/bodies/${m.bodyId}`}>{m.bodyName}</Link>
                  </td>
                  <td>{t(`meetings.states.${m.state}`, { defaultValue: m.state })}</td>
                  <td className="num">{m.agenda.length}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <LoadMore
        hasNextPage={list.hasNextPage}
        isFetchingNextPage={list.isFetchingNextPage}
        fetchNextPage={list.fetchNextPage}
      />
    </section>
  );
}

export function MeetingPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const query = useMeeting(id);
  if (query.isPending) return <Loading />;
  if (query.isError) return <ErrorAlert error={query.error} onRetry={() => void query.refetch()} />;
  const m = query.data;
  return (
    <section>
      <p>
        <Link to="/meetings">← {t('meetings.title')}</Link>
      </p>
      <PageTitle title={`${m.bodyName} ${formatDate(m.date)}`}>
        {m.title ?? m.bodyName} – {formatDate(m.date)}
      </PageTitle>
      <dl className="props card">
        <dt>{t('meetings.body')}</dt>
        <dd>
          <Link to={`/bodies/${m.bodyId}`}>{m.bodyName}</Link>
        </dd>
        <dt>{t('meetings.state')}</dt>
        <dd>
          {t(`meetings.states.${m.state}`, { defaultValue: m.state })}
          {m.cancellationReason ? ` (${m.cancellationReason})` : ''}
        </dd>
        {m.location ? (
          <>
            <dt>{t('meetings.location')}</dt>
            <dd>{m.location}</dd>
          </>
        ) : null}
      </dl>
      <h2>{t('meetings.agenda')}</h2>
      {m.agenda.length === 0 ? (
        <Empty>{t('meetings.noItems')}</Empty>
      ) : (
        <ol className="agenda">
          {[...m.agenda]
            .sort((a, b) => a.position - b.position)
            .map((item) => (
              <li key={item.stepId}>
                <Link to={`/cases/${item.caseId}`}>
                  {item.caseNumber} {item.caseTitle}
                </Link>{' '}
                <span className="hint">({t(`cases.roles.${item.role}`, { defaultValue: item.role })})</span>
              </li>
            ))}
        </ol>
      )}
    </section>
  );
}
