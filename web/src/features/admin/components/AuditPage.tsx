import { useId, useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { PageTitle } from '@/components/Layout';
import { LoadMore, ListStates } from '@/components/Status';
import { codeName } from '@/lib/codes';
import i18n from '@/lib/i18n';
import { useAuditEntries, type AuditEntry, type AuditFilters } from '../api';
import { ADMIN_NS } from '../i18n';
import { COMMON_TABLES, diffAudit, entityPath, formatValue, rowOf } from './auditDiff';

const FILTER_KEYS = ['entityType', 'entityId', 'actor', 'since', 'until'] as const;

function filtersOf(params: URLSearchParams): AuditFilters {
  return {
    entityType: params.get('entityType') ?? undefined,
    entityId: params.get('entityId') ?? undefined,
    actor: params.get('actor') ?? undefined,
    since: params.get('since') ?? undefined,
    until: params.get('until') ?? undefined,
    oldestFirst: params.get('order') === 'oldest',
  };
}

/** To the second: several changes often fall in the same minute. */
function formatInstant(value: string): string {
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) return value;
  return new Intl.DateTimeFormat(i18n.language === 'en' ? 'en-GB' : 'da-DK', {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    timeZone: 'Europe/Copenhagen',
  }).format(d);
}

// The end of an id tells rows apart: time-ordered ids (UUIDv7) share their first characters.
/** The end of an id; a composite key (budget/month/…/cost type) by the end of its first part, not a code at its end. */
const shortId = (id: string) => {
  const head = id.split('/')[0]!;
  return head.length > 13 ? `…${head.slice(-8)}` : head;
};

/**
 * The audit log, newest first by default, filtered by table, object, user and dates (all in the URL, so a
 * filtered view can be linked to). Each change opens to a before/after table of the fields that changed.
 */
export function AuditPage() {
  const { t } = useTranslation(ADMIN_NS);
  const [params, setParams] = useSearchParams();
  const filters = useMemo(() => filtersOf(params), [params]);
  const list = useAuditEntries(filters);

  return (
    <section>
      <PageTitle>{t('audit')}</PageTitle>
      <p>{t('auditIntro')}</p>
      <AuditFilterForm key={params.toString()} filters={filters} onApply={setParams} />
      <ListStates list={list} empty={t('noEntries')}>
        {() => (
          <>
            <div className="table-wrap">
              <table className="audit">
                <caption className="visually-hidden">{t('entries')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('time')}</th>
                    <th scope="col">{t('actor')}</th>
                    <th scope="col">{t('action')}</th>
                    <th scope="col">{t('entity')}</th>
                    <th scope="col">{t('changes')}</th>
                  </tr>
                </thead>
                <tbody>
                  {list.items.map((entry) => (
                    <AuditRow key={entry.id} entry={entry} />
                  ))}
                </tbody>
              </table>
            </div>
            <LoadMore
              hasNextPage={list.hasNextPage}
              isFetchingNextPage={list.isFetchingNextPage}
              fetchNextPage={list.fetchNextPage}
            />
          </>
        )}
      </ListStates>
    </section>
  );
}

function AuditRow({ entry }: { entry: AuditEntry }) {
  const { t } = useTranslation(ADMIN_NS);
  const change = useMemo(() => diffAudit(entry.action, entry.beforeJson, entry.afterJson), [entry]);
  const row = useMemo(() => rowOf(entry.beforeJson, entry.afterJson), [entry]);
  const time = formatInstant(entry.occurredAt);
  const typeName = codeName('auditEntityTypes', entry.entityType);
  // Inside a sentence ("Åbn organ …1234"), the name starts in lower case unless it is an abbreviation (API-nøgle).
  const inSentence = /^.[A-ZÆØÅ]/.test(typeName) ? typeName : typeName.charAt(0).toLowerCase() + typeName.slice(1);
  const entity = `${inSentence} ${entry.entityId ? shortId(entry.entityId) : ''}`.trim();
  const path = entityPath(entry.entityType, entry.entityId, change, row);
  const names = change.fields.map((f) => f.field);

  return (
    <tr data-entity={entry.entityType} data-action={change.kind}>
      <td>
        <time dateTime={entry.occurredAt}>{time}</time>
      </td>
      <td>{entry.actor ?? t('unknownActor')}</td>
      <td>
        <span className={`badge audit-${change.kind}`}>{t(`actions.${change.kind}`)}</span>
      </td>
      <td>
        <span>{typeName}</span>
        {entry.entityId ? (
          <>
            <br />
            <Link
              to={`/admin/audit?entityType=${encodeURIComponent(entry.entityType)}&entityId=${encodeURIComponent(entry.entityId)}`}
              aria-label={t('historyOf', { entity })}
              title={entry.entityId}
            >
              <code>{shortId(entry.entityId)}</code>
            </Link>
          </>
        ) : null}
        {path ? (
          <>
            {' · '}
            <Link to={path} aria-label={t('openEntityOf', { entity })}>
              {t('openEntity')}
            </Link>
          </>
        ) : null}
      </td>
      <td>
        {change.technicalOnly ? (
          <span className="audit-summary">{t('onlyTechnical')}</span>
        ) : (
          <details>
            <summary>
              {t('showChanges', { count: change.fields.length })}
              {change.kind === 'update' || change.kind === 'softDelete' ? (
                <span className="audit-summary">
                  :{' '}
                  {names.slice(0, 4).map((n, i) => (
                    <span key={n}>
                      {i > 0 ? ', ' : ''}
                      <code>{n}</code>
                    </span>
                  ))}
                  {names.length > 4 ? ', …' : ''}
                </span>
              ) : null}
            </summary>
            <div className="table-wrap">
              <table className="diff">
                <caption className="visually-hidden">{t('changesOf', { entity, time })}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('field')}</th>
                    {change.kind !== 'insert' ? <th scope="col">{t('before')}</th> : null}
                    {change.kind !== 'delete' ? <th scope="col">{t('after')}</th> : null}
                  </tr>
                </thead>
                <tbody>
                  {change.fields.map((f) => (
                    <tr key={f.field}>
                      <th scope="row">
                        <code>{f.field}</code>
                      </th>
                      {change.kind !== 'insert' ? <td className="before">{formatValue(f.before)}</td> : null}
                      {change.kind !== 'delete' ? <td className="after">{formatValue(f.after)}</td> : null}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </details>
        )}
      </td>
    </tr>
  );
}

function AuditFilterForm({
  filters,
  onApply,
}: {
  filters: AuditFilters;
  onApply: (params: URLSearchParams) => void;
}) {
  const { t } = useTranslation(ADMIN_NS);
  const id = useId();
  const [draft, setDraft] = useState<Record<(typeof FILTER_KEYS)[number], string>>({
    entityType: filters.entityType ?? '',
    entityId: filters.entityId ?? '',
    actor: filters.actor ?? '',
    since: filters.since ?? '',
    until: filters.until ?? '',
  });
  const [order, setOrder] = useState(filters.oldestFirst ? 'oldest' : 'newest');
  const set = (key: (typeof FILTER_KEYS)[number]) => (e: { target: { value: string } }) =>
    setDraft((d) => ({ ...d, [key]: e.target.value }));
  // The entity types by their names, alphabetically; a type from a link that is not among them is kept.
  const types = [...new Set([...COMMON_TABLES, ...(draft.entityType ? [draft.entityType] : [])])]
    .map((code) => ({ code, name: codeName('auditEntityTypes', code) }))
    .sort((a, b) => a.name.localeCompare(b.name, 'da'));
  const text = (key: 'entityId' | 'actor', hint?: string) => (
    <div className="field">
      <label htmlFor={`${id}-${key}`}>{t(key)}</label>
      {hint ? (
        <p id={`${id}-${key}-hint`} className="hint">
          {hint}
        </p>
      ) : null}
      <input
        id={`${id}-${key}`}
        value={draft[key]}
        onChange={set(key)}
        autoCapitalize="off"
        spellCheck={false}
        aria-describedby={hint ? `${id}-${key}-hint` : undefined}
      />
    </div>
  );

  return (
    <form
      className="filters card"
      role="search"
      aria-label={t('filters')}
      onSubmit={(e) => {
        e.preventDefault();
        const next = new URLSearchParams();
        for (const key of FILTER_KEYS) if (draft[key].trim()) next.set(key, draft[key].trim());
        if (order === 'oldest') next.set('order', 'oldest');
        onApply(next);
      }}
    >
      <div className="field">
        <label htmlFor={`${id}-entityType`}>{t('entityType')}</label>
        <select id={`${id}-entityType`} value={draft.entityType} onChange={set('entityType')}>
          <option value="">{t('allEntityTypes')}</option>
          {types.map((type) => (
            <option key={type.code} value={type.code}>
              {type.name}
            </option>
          ))}
        </select>
      </div>
      {text('entityId')}
      {text('actor', t('actorHint'))}
      <div className="field">
        <label htmlFor={`${id}-since`}>{t('since')}</label>
        <input id={`${id}-since`} type="date" value={draft.since} onChange={set('since')} />
      </div>
      <div className="field">
        <label htmlFor={`${id}-until`}>{t('until')}</label>
        <input id={`${id}-until`} type="date" value={draft.until} onChange={set('until')} />
      </div>
      <div className="field">
        <label htmlFor={`${id}-order`}>{t('order')}</label>
        <select id={`${id}-order`} value={order} onChange={(e) => setOrder(e.target.value)}>
          <option value="newest">{t('newestFirst')}</option>
          <option value="oldest">{t('oldestFirst')}</option>
        </select>
      </div>
      <div className="field filter-buttons">
        <button type="submit">{t('apply')}</button>
        <button type="button" className="secondary" onClick={() => onApply(new URLSearchParams())}>
          {t('reset')}
        </button>
      </div>
    </form>
  );
}
