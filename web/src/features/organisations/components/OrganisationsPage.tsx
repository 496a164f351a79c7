import { useId, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { PageTitle } from '@/components/Layout';
import { Empty, ErrorAlert, Loading, LoadMore } from '@/components/Status';
import { ORGANISATION_KINDS, useOrganisations, type OrganisationKind } from '../api';
import { OrganisationForm } from './OrganisationForm';
import { distinctShortName } from './organisationName';

export function OrganisationsPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const kind = (params.get('kind') as OrganisationKind | null) ?? undefined;
  const q = params.get('q') ?? '';
  const list = useOrganisations({ kind, q });
  const kindId = useId();
  const [creating, setCreating] = useState(false);
  const navigate = useNavigate();
  const qId = useId();

  const update = (key: string, value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
  };

  return (
    <section>
      <PageTitle>{t('organisations.title')}</PageTitle>
      {creating ? (
        <OrganisationForm
          onDone={() => setCreating(false)}
          onCreated={(created) => void navigate(`/organisations/${created.id}`)}
        />
      ) : (
        <p>
          <button type="button" onClick={() => setCreating(true)}>
            {t('organisations.create')}
          </button>
        </p>
      )}
      <form className="filters" role="search" onSubmit={(e) => e.preventDefault()}>
        <div className="field">
          <label htmlFor={qId}>{t('common.search')}</label>
          <input id={qId} type="search" value={q} onChange={(e) => update('q', e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor={kindId}>{t('common.kind')}</label>
          <select id={kindId} value={kind ?? ''} onChange={(e) => update('kind', e.target.value)}>
            <option value="">{t('organisations.allKinds')}</option>
            {ORGANISATION_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`organisations.kinds.${k}`)}
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
        <Empty />
      ) : (
        <div className="table-wrap">
          <table>
            <caption className="visually-hidden">{t('organisations.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('common.name')}</th>
                <th scope="col">{t('common.kind')}</th>
                <th scope="col">{t('organisations.code')}</th>
              </tr>
            </thead>
            <tbody>
              {[...list.items]
                .sort((a, b) => a.name.localeCompare(b.name, 'da'))
                .map((o) => (
                  <tr key={o.id}>
                    <td>
                      <Link to={`/organisations/${o.id}`}>{o.name}</Link>
                      {distinctShortName(o) ? <> ({distinctShortName(o)})</> : null}
                    </td>
                    <td>{t(`organisations.kinds.${o.kind}`)}</td>
                    <td>{o.municipalityCode ?? o.regionCode ?? t('common.none')}</td>
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
