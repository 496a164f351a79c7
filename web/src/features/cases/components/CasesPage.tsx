import { useId, useMemo, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { PageTitle } from '@/components/Layout';
import { LoadMore, ListStates } from '@/components/Status';
import { formatDateTime } from '@/lib/format';
import { useSession } from '@/lib/session';
import { useBodyOptions } from '@/lib/lookups';
import { useCases, useInterests, type Body, type CaseSummary } from '../api';
import { CASE_STATES, filtersFromParams, hasFilters, withFilter, withoutFilters, type FilterKey } from './caseFilters';
import { CreateCaseForm } from './CreateCaseForm';
import { useFilterParams } from './useFilterParams';

/** Bodies are offered grouped by kind, in the order the governance model reads (political first). */
const KIND_ORDER = [
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

export function CasesPage() {
  const { t, i18n } = useTranslation();
  // Local state the URL follows: a change made while the previous one's navigation runs is never lost.
  const [params, setParams] = useFilterParams();
  const query = params.toString();
  const filters = useMemo(() => filtersFromParams(new URLSearchParams(query)), [query]);
  const list = useCases(filters);
  const interests = useInterests();
  const [creating, setCreating] = useState(false);
  const navigate = useNavigate();
  const { can } = useSession();
  const ids = {
    q: useId(),
    interest: useId(),
    status: useId(),
    currentBody: useId(),
    body: useId(),
    overdue: useId(),
  };
  const interestName = (code: string) => {
    const interest = interests.data?.find((i) => i.code === code);
    return interest ? ((i18n.language === 'en' ? interest.nameEn : null) || interest.name) : code;
  };
  // The URL is replaced, not pushed: typing in the search box should not leave a history entry per letter.
  const update = (key: FilterKey, value: string | boolean) => setParams((current) => withFilter(current, key, value));
  const filtered = hasFilters(filters);

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
      <form className="filters" role="search" aria-label={t('cases.list.filters')} onSubmit={(e) => e.preventDefault()}>
        <div className="field">
          <label htmlFor={ids.q}>{t('common.search')}</label>
          <input id={ids.q} type="search" value={params.get('q') ?? ''} onChange={(e) => update('q', e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor={ids.currentBody}>{t('cases.list.whereNow')}</label>
          <BodySelect
            id={ids.currentBody}
            value={filters.currentBodyId ?? ''}
            onChange={(v) => update('currentBodyId', v)}
          />
        </div>
        <div className="field">
          <label htmlFor={ids.body}>{t('cases.list.onRoute')}</label>
          <BodySelect id={ids.body} value={filters.bodyId ?? ''} onChange={(v) => update('bodyId', v)} />
        </div>
        <div className="field">
          <label htmlFor={ids.interest}>{t('cases.interest')}</label>
          <select id={ids.interest} value={filters.interest ?? ''} onChange={(e) => update('interest', e.target.value)}>
            <option value="">{t('cases.allInterests')}</option>
            {(interests.data ?? []).map((i) => (
              <option key={i.code} value={i.code}>
                {(i18n.language === 'en' ? i.nameEn : null) || i.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={ids.status}>{t('cases.list.state')}</label>
          <select id={ids.status} value={filters.status ?? ''} onChange={(e) => update('status', e.target.value)}>
            <option value="">{t('cases.list.allStates')}</option>
            {CASE_STATES.map((s) => (
              <option key={s} value={s}>
                {t(`cases.states.${s}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field checkbox">
          <label htmlFor={ids.overdue}>
            <input
              id={ids.overdue}
              type="checkbox"
              checked={filters.overdue === true}
              onChange={(e) => update('overdue', e.target.checked)}
            />{' '}
            {t('cases.list.overdueOnly')}
          </label>
        </div>
        {filtered ? (
          <div className="field">
            <button type="button" onClick={() => setParams(withoutFilters)}>
              {t('cases.list.clear')}
            </button>
          </div>
        ) : null}
      </form>
      <p className="list-count" role="status">
        {list.isSuccess && list.items.length > 0
          ? list.hasNextPage
            ? t('cases.list.shownMore', { count: list.items.length })
            : t('cases.list.shown', { count: list.items.length })
          : null}
      </p>
      <ListStates list={list} empty={filtered ? t('cases.list.emptyFiltered') : t('cases.list.none')}>
        {() => (
          <div className="table-wrap">
            <table>
              <caption className="visually-hidden">{t('cases.title')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('cases.number')}</th>
                  <th scope="col">{t('cases.caseTitle')}</th>
                  <th scope="col">{t('cases.interest')}</th>
                  <th scope="col">{t('cases.list.state')}</th>
                  <th scope="col">{t('cases.list.whereNow')}</th>
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
                    <td>
                      <span className={`badge state-${c.state}`}>{t(`cases.states.${c.state}`)}</span>
                      {c.overdueSteps > 0 ? (
                        <>
                          {' '}
                          <span className="badge overdue">{t('cases.list.overdueSteps', { count: c.overdueSteps })}</span>
                        </>
                      ) : null}
                    </td>
                    <td>
                      <WhereNow summary={c} />
                    </td>
                    <td>{formatDateTime(c.modifiedAt)}</td>
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

/** The stage in progress and the bodies it waits for; a fan-out to many councils is summarised. */
function WhereNow({ summary }: { summary: CaseSummary }) {
  const { t } = useTranslation();
  const names = [...new Set(summary.awaiting.map((s) => s.bodyName))];
  if (names.length === 0) return <>{t('common.none')}</>;
  const bodies = names.length <= 3 ? names.join(', ') : t('cases.list.awaitingMany', { first: names[0], count: names.length - 1 });
  return (
    <>
      {bodies}
      {summary.currentStageName ? <span className="hint-inline"> ({summary.currentStageName})</span> : null}
    </>
  );
}

function BodySelect({ id, value, onChange }: { id: string; value: string; onChange: (value: string) => void }) {
  const { t, i18n } = useTranslation();
  const bodies = useBodyOptions();
  const groups = useMemo(() => {
    const name = (b: Body) => bodyName(b, i18n.language);
    const byKind = new Map<string, Body[]>();
    for (const b of bodies.data ?? []) {
      if (b.deleted) continue;
      byKind.set(b.kind, [...(byKind.get(b.kind) ?? []), b]);
    }
    const rank = (kind: string) => (KIND_ORDER.includes(kind) ? KIND_ORDER.indexOf(kind) : KIND_ORDER.length);
    return [...byKind.entries()]
      .sort(([a], [b]) => rank(a) - rank(b) || a.localeCompare(b))
      .map(([kind, list]) => ({ kind, list: [...list].sort((a, b) => name(a).localeCompare(name(b), i18n.language)) }));
  }, [bodies.data, i18n.language]);
  // A link can name a body that is not (or not yet) in the list: keep it selectable, so the
  // picker shows the filter that is applied.
  const known = !value || (bodies.data ?? []).some((b) => b.id === value);
  return (
    <select
      id={id}
      className="body-select"
      value={value}
      onChange={(e) => onChange(e.target.value)}
      aria-busy={bodies.isPending}
    >
      <option value="">{t('cases.list.anyBody')}</option>
      {known ? null : <option value={value}>{bodies.isPending ? t('common.loading') : t('cases.list.unknownBody')}</option>}
      {groups.map((g) => (
        <optgroup key={g.kind} label={t(`bodies.kinds.${g.kind}`, { defaultValue: g.kind })}>
          {g.list.map((b) => (
            <option key={b.id} value={b.id}>
              {bodyName(b, i18n.language)}
            </option>
          ))}
        </optgroup>
      ))}
    </select>
  );
}

function bodyName(body: Body, language: string) {
  return (language === 'en' ? body.nameEn : null) ?? body.name;
}
