import { useMemo } from 'react';
import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { PageTitle } from '@/components/Layout';
import { Empty, ErrorAlert, Loading } from '@/components/Status';
import { formatDate, formatDateTime } from '@/lib/format';
import { useBodyOptions } from '@/lib/lookups';
import { useSession } from '@/lib/session';
import { useCase, useCaseTimeline, useInterests, type Interest } from '../api';
import { CaseDocuments } from './CaseDocuments';
import { RouteTimeline } from './RouteTimeline';
import { StepActions } from './StepActions';
import { toStages } from './toStages';

export function CasePage() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation();
  const query = useCase(id);
  const history = useCaseTimeline(id);
  const interests = useInterests(query.data?.governanceModelId);
  const bodies = useBodyOptions(query.data?.governanceModelId, !!query.data);
  const { can, session } = useSession();
  const english = i18n.language === 'en';
  const stages = useMemo(() => {
    if (!query.data) return [];
    // Bodies by their English names on an English screen, when the model gives them.
    const names = new Map((bodies.data ?? []).map((b) => [b.id, (english ? b.nameEn : null) || b.name]));
    return toStages(query.data, t('cases.memberCouncils'), (step) => names.get(step.bodyId) ?? step.bodyName);
  }, [query.data, bodies.data, english, t]);

  if (query.isPending) return <Loading />;
  if (query.isError) return <ErrorAlert error={query.error} onRetry={() => void query.refetch()} />;
  const c = query.data;
  const state = c.status.state;
  const decided = state === 'approved' || state === 'rejected' || state === 'concluded';
  const canWrite = can('cases:write');

  return (
    <section>
      <p>
        <Link to="/cases">← {t('cases.title')}</Link>
      </p>
      <p className="hint">{c.caseNumber}</p>
      <PageTitle>{c.title}</PageTitle>
      <p>
        <span className={`badge status state-${state}`} data-testid="case-state">
          {t(`cases.states.${state}`, { defaultValue: state })}
        </span>{' '}
        {c.status.currentStageName && !decided ? (
          <span>
            {t('cases.now')}: <strong>{c.status.currentStageName}</strong>
          </span>
        ) : null}
        {c.status.conflicting ? <span className="badge status outcome-rejected">{t('cases.conflicting')}</span> : null}
      </p>

      <div className="grid-2">
        <div className="card">
          <h2>{t('cases.about')}</h2>
          {c.summary ? <p className="pre">{c.summary}</p> : null}
          <dl className="props">
            <dt>{t('cases.interest')}</dt>
            <dd>{interestName(interests.data, c.interest, english)}</dd>
            <dt>{t('cases.councilDecisionRequired')}</dt>
            <dd>{c.councilDecisionRequired ? t('common.yes') : t('common.no')}</dd>
            {c.initiator?.name ? (
              <>
                <dt>{t('cases.initiator')}</dt>
                <dd>{c.initiator.name}</dd>
              </>
            ) : null}
            {c.externalReference ? (
              <>
                <dt>{t('cases.externalReference')}</dt>
                <dd>{c.externalReference}</dd>
              </>
            ) : null}
          </dl>
        </div>
        <div className="card">
          <h2>{t('cases.why')}</h2>
          {c.route.ruleName || c.route.ruleCode ? (
            <p className="hint">
              {t('cases.rule')}: {c.route.ruleName ?? c.route.ruleCode}
            </p>
          ) : null}
          <p data-testid="route-explanation">{c.route.explanation ?? t('common.none')}</p>
          {c.status.nextSteps.length && !decided ? (
            <>
              <h3>{t('cases.nextSteps')}</h3>
              <ul>
                {c.status.nextSteps.map((s) => (
                  <li key={s.stepId}>
                    {s.bodyName}
                    {s.organisationName ? ` (${s.organisationName})` : ''} – {t(`cases.roles.${s.role}`, { defaultValue: s.role })}
                    {s.meetingDate ? ` · ${t('cases.meeting')} ${formatDate(s.meetingDate)}` : ''}
                    {s.deadline ? ` · ${t('cases.deadline')} ${formatDate(s.deadline)}` : ''}
                  </li>
                ))}
              </ul>
            </>
          ) : null}
          {c.status.overdue.length ? (
            <div className="alert alert-warn">
              <p>
                {t('cases.overdue')}: {c.status.overdue.map((s) => s.bodyName).join(', ')}
              </p>
            </div>
          ) : null}
        </div>
      </div>

      <CaseDocuments caseId={c.id} canWrite={canWrite} />

      <h2>{t('cases.route')}</h2>
      {stages.length === 0 ? (
        <Empty>{t('cases.unrouted')}</Empty>
      ) : (
        <RouteTimeline
          stages={stages}
          renderStepExtra={canWrite && !decided ? (step) => <StepActions caseId={c.id} step={step} callerOrganisation={session?.organisationId} /> : undefined}
        />
      )}

      <h2>{t('cases.history')}</h2>
      {history.isPending ? (
        <Loading />
      ) : history.isError ? (
        <ErrorAlert error={history.error} />
      ) : history.data.events.length === 0 ? (
        <Empty />
      ) : (
        <ol className="history">
          {history.data.events.map((e) => (
            <li key={e.id}>
              <time dateTime={e.occurredAt}>{formatDateTime(e.occurredAt)}</time> ·{' '}
              {t(`cases.events.${e.type}`, { defaultValue: e.type })} · <span className="hint">{e.actor}</span>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

/** An interest by its name in the screen's language; its code only when the model does not know it. */
function interestName(interests: Interest[] | undefined, code: string, english: boolean): string {
  const interest = interests?.find((i) => i.code === code);
  return interest ? ((english ? interest.nameEn : null) || interest.name) : code;
}
