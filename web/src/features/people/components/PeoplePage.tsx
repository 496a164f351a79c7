import { useId, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { PageTitle } from '@/components/Layout';
import { LoadMore, ListStates } from '@/components/Status';
import { useSession } from '@/lib/session';
import { usePeople } from '../api';
import { PersonForm } from './PersonForm';

export function PeoplePage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const list = usePeople({ q });
  const qId = useId();
  const [creating, setCreating] = useState(false);
  const navigate = useNavigate();
  const { can } = useSession();

  return (
    <section>
      <PageTitle>{t('people.title')}</PageTitle>
      {can('governance:write') ? (
        creating ? (
          <PersonForm onDone={() => setCreating(false)} onCreated={(p) => void navigate(`/people/${p.id}`)} />
        ) : (
          <p>
            <button type="button" onClick={() => setCreating(true)}>
              {t('people.create')}
            </button>
          </p>
        )
      ) : null}
      <form className="filters" role="search" onSubmit={(e) => e.preventDefault()}>
        <div className="field">
          <label htmlFor={qId}>{t('common.search')}</label>
          <input
            id={qId}
            type="search"
            value={q}
            onChange={(e) => {
              const next = new URLSearchParams(params);
              if (e.target.value) next.set('q', e.target.value);
              else next.delete('q');
              setParams(next, { replace: true });
            }}
          />
        </div>
      </form>
      <ListStates list={list} empty={t('people.empty')}>
        {() => (
          <div className="table-wrap">
            <table>
              <caption className="visually-hidden">{t('people.title')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('common.name')}</th>
                  <th scope="col">{t('people.jobTitle')}</th>
                  <th scope="col">{t('people.organisation')}</th>
                </tr>
              </thead>
              <tbody>
                {list.items.map((p) => (
                  <tr key={p.id}>
                    <td>
                      <Link to={`/people/${p.id}`}>{p.name}</Link>
                    </td>
                    <td>{p.title ?? t('common.none')}</td>
                    <td>
                      {p.organisationId ? (
                        <Link to={`/organisations/${p.organisationId}`}>{p.organisationName ?? p.organisationId}</Link>
                      ) : (
                        t('common.none')
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </ListStates>
      <LoadMore
        hasNextPage={list.hasNextPage}
        isFetchingNextPage={list.isFetchingNextPage}
        fetchNextPage={list.fetchNextPage}
      />
    </section>
  );
}
