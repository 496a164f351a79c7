import { useId, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { PageTitle } from '@/components/Layout';
import { Empty, ErrorAlert, Loading, LoadMore } from '@/components/Status';
import { formatDateTime } from '@/lib/format';
import { useSession } from '@/lib/session';
import { useCases, useInterests } from '../api';
import { CreateCaseForm } from './CreateCaseForm';

export function CasesPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const interest = params.get('interest') ?? '';
  const list = useCases({ q, interest });
  const interests = useInterests();
  const qId = useId();
  const interestId = useId();
  const [creating, setCreating] = useState(false);
  const navigate = useNavigate();
  const { can } = useSession();
  const interestName = (code: string) => interests.data?.find((i) => i.code === code)?.name ?? code;
  const update = (key: string, value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
  };

  return (
    <section>
      <PageTitle>{t('cases.title')}</PageTitle>
      <p>
        <Link to="/meetings">{t('meetings.title')}</Link>
      </p>
      {can('cases:write') ? (
        creating ? (
          <CreateCaseForm onDone={() => setCreating(false)} onCreated={(id) => void navigate(`/cases/${id}`)} />
        ) : (
          <p>
            <button type="button" onClick={() => setCreating(true)}>
              {t('cases.create')}
            </button>
          </p>
        )
      ) : null}
      <form className="filters" role="search" onSubmit={(e) => e.preventDefault()}>
        <div className="field">
          <label htmlFor={qId}>{t('common.search')}</label>
          <input id={qId} type="search" value={q} onChange={(e) => update('q', e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor={interestId}>{t('cases.interest')}</label>
          <select id={interestId} value={interest} onChange={(e) => update('interest', e.target.value)}>
            <option value="">{t('cases.allInterests')}</option>
            {(interests.data ?? []).map((i) => (
              <option key={i.code} value={i.code}>
                {i.name}
              </option>
            ))}
          </select>
        </div>
      </form>
      {list.isPending ? (
        <Loading />
      ) : list.isError ? (
        <ErrorAlert error={list.error} onRetry={() => void list.refetch()} />
      ) : list.items.length === 0 ? (
        <Empty>{t('cases.empty')}</Empty>
      ) : (
        <div className="table-wrap">
          <table>
            <caption className="visually-hidden">{t('cases.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('cases.number')}</th>
                <th scope="col">{t('cases.caseTitle')}</th>
                <th scope="col">{t('cases.interest')}</th>
                <th scope="col">{t('cases.modified')}</th>
              </tr>
            </thead>
            <tbody>
              {list.items.map((c) => (
                <tr key={c.id}>
                  <td>{c.caseNumber}</td>
                  <td>
                    <Link to={`/cases/${c.id}`}>{c.title}</Link>
                  </td>
                  <td>{interestName(c.interest)}</td>
                  <td>{formatDateTime(c.modifiedAt)}</td>
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
