import { useId } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { PageTitle } from '@/components/Layout';
import { ErrorAlert, Loading, LoadMore, ListStates } from '@/components/Status';
import { useSession } from '@/lib/session';
import { usePayers, useProgramme, useProgrammeGrants, useProgrammes } from '../api';
import { GrantsTable } from './GrantsTable';
import { FinancingNav, GrantTotalsTable, Notice } from './parts';

const GRANT_STATES = ['reserved', 'released', 'spent', 'closed'] as const;

/** Grants, filtered by programme and state (both in the URL), with the programme's sums by state. */
export function GrantsPage() {
  const { t } = useTranslation();
  const { can } = useSession();
  const [params, setParams] = useSearchParams();
  const programmeId = params.get('programme') ?? '';
  const state = params.get('state') ?? '';
  const programmes = useProgrammes();
  const programme = useProgramme(programmeId || undefined);
  const grants = useProgrammeGrants(programmeId, state);
  const payers = usePayers();
  const programmeSelect = useId();
  const stateSelect = useId();
  const headingId = useId();
  const set = (key: string, value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
  };

  return (
    <section>
      <FinancingNav />
      <PageTitle>{t('fin:grants.title')}</PageTitle>
      <p>{t('fin:grants.intro')}</p>
      <Notice />
      {can('budgets:write') ? (
        <div className="page-actions">
          <Link className="button" to={`/financing/grants/new${programmeId ? `?programme=${programmeId}` : ''}`}>
            {t('fin:grants.reserve')}
          </Link>
        </div>
      ) : null}
      <form className="filters" onSubmit={(e) => e.preventDefault()} aria-label={t('common.filter')}>
        <div className="field">
          <label htmlFor={programmeSelect}>{t('financing.programme')}</label>
          <select id={programmeSelect} value={programmeId} onChange={(e) => set('programme', e.target.value)}>
            <option value="">{t('financing.allProgrammes')}</option>
            {(programmes.data ?? []).map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={stateSelect}>{t('financing.grantState')}</label>
          <select id={stateSelect} value={state} onChange={(e) => set('state', e.target.value)}>
            <option value="">{t('financing.allStates')}</option>
            {GRANT_STATES.map((s) => (
              <option key={s} value={s}>
                {t(`financing.states.${s}`)}
              </option>
            ))}
          </select>
        </div>
      </form>

      {programmeId ? (
        programme.data ? (
          <GrantTotalsTable
            totals={programme.data.grants}
            caption={t('fin:grants.totals', { programme: programme.data.programme.name })}
          />
        ) : programme.isError ? (
          <ErrorAlert error={programme.error} onRetry={() => void programme.refetch()} />
        ) : (
          <Loading />
        )
      ) : (
        <p className="hint">{t('fin:grants.chooseProgramme')}</p>
      )}

      <h2 id={headingId}>{t('fin:grants.title')}</h2>
      <ListStates list={grants} empty={t('financing.noGrants')}>
        {() => (
          <GrantsTable grants={grants.items} programmes={programmes.data} payers={payers.data} labelledBy={headingId} />
        )}
      </ListStates>
      <LoadMore
        hasNextPage={grants.hasNextPage}
        isFetchingNextPage={grants.isFetchingNextPage}
        fetchNextPage={grants.fetchNextPage}
      />
    </section>
  );
}
