import { useId } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { PageTitle } from '@/components/Layout';
import { Empty, ErrorAlert, Loading, LoadMore } from '@/components/Status';
import { useSession } from '@/lib/session';
import { useBodies } from '../api';
import { BODY_EDIT_NS } from '../i18n';

const KINDS = [
  'politicalBoard',
  'politicalForum',
  'council',
  'dialogueForum',
  'administrativeSteeringGroup',
  'projectSteeringGroup',
  'secretariat',
  'nationalBody',
  'workingGroup',
  'other',
];

export function BodiesPage() {
  const { t, i18n } = useTranslation();
  const { t: te } = useTranslation(BODY_EDIT_NS);
  const { can } = useSession();
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const kind = params.get('kind') ?? '';
  const list = useBodies({ q, kind });
  const qId = useId();
  const kindId = useId();
  const update = (key: string, value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
  };

  return (
    <section>
      <PageTitle>{t('bodies.title')}</PageTitle>
      <p>{t('bodies.list')}</p>
      {can('governance:write') ? (
        <p className="page-actions">
          <Link className="button" to="/bodies/new">
            {te('newBody')}
          </Link>
        </p>
      ) : null}
      <form className="filters" role="search" onSubmit={(e) => e.preventDefault()}>
        <div className="field">
          <label htmlFor={qId}>{t('common.search')}</label>
          <input id={qId} type="search" value={q} onChange={(e) => update('q', e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor={kindId}>{t('common.kind')}</label>
          <select id={kindId} value={kind} onChange={(e) => update('kind', e.target.value)}>
            <option value="">{t('bodies.allKinds')}</option>
            {KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`bodies.kinds.${k}`, { defaultValue: k })}
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
            <caption className="visually-hidden">{t('bodies.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('common.name')}</th>
                <th scope="col">{t('common.kind')}</th>
                <th scope="col">{t('bodies.canDecide')}</th>
              </tr>
            </thead>
            <tbody>
              {list.items.map((b) => (
                <tr key={b.id}>
                  <td>
                    <Link to={`/bodies/${b.id}`}>{(i18n.language === 'en' ? b.nameEn : null) ?? b.name}</Link>
                  </td>
                  <td>{t(`bodies.kinds.${b.kind}`, { defaultValue: b.kind })}</td>
                  <td>{b.canDecide ? t('common.yes') : t('common.no')}</td>
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
