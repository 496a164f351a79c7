import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { formatDate } from '@/lib/format';
import type { StageView, StepView } from './model';

/**
 * A case's route as a timeline: stages in order; steps inside a stage run in parallel; a
 * fanned-out step shows how many of its parties have finished ("3 af 11").
 */
type Extra = (step: StepView) => React.ReactNode;

export function RouteTimeline({ stages, renderStepExtra }: { stages: StageView[]; renderStepExtra?: Extra }) {
  const { t } = useTranslation();
  return (
    <ol className="timeline" aria-label={t('cases.route')}>
      {stages.map((stage, i) => (
        <li key={stage.id} className={`stage status-${stage.status}${stage.status === 'done' ? ' done' : ''}`}>
          <h3>
            <span className="visually-hidden">{t('cases.stageNo', { n: i + 1 })} </span>
            {stage.name} <StatusBadge status={stage.status} />
          </h3>
          {stage.summary ? <p className="hint">{stage.summary}</p> : null}
          {stage.steps.length > 1 ? <p className="hint">{t('cases.parallel')}</p> : null}
          <div className={stage.steps.length > 1 ? 'parallel' : undefined}>
            {stage.steps.map((step) => (
              <Step key={step.id} step={step} renderStepExtra={renderStepExtra} />
            ))}
          </div>
        </li>
      ))}
    </ol>
  );
}

function Step({ step, renderStepExtra }: { step: StepView; renderStepExtra?: Extra }) {
  const { t } = useTranslation();
  return (
    <div className={`card step status-${step.status}`} data-step={step.bodyName}>
      <p className="step-body">
        {step.bodyId ? <Link to={`/bodies/${step.bodyId}`}>{step.bodyName}</Link> : step.bodyName}{' '}
        <StatusBadge status={step.status} />
      </p>
      {step.role ? (
        <p className="hint">
          {t(`cases.roles.${step.role}`, { defaultValue: step.role })}
          {step.authoritative ? ` · ${t('cases.authoritative')}` : ''}
          {step.deadline ? ` · ${t('cases.deadline')} ${formatDate(step.deadline)}` : ''}
        </p>
      ) : null}
      {step.fanOut ? (
        <p className="fan-out">
          <progress value={step.fanOut.done} max={step.fanOut.total} aria-hidden="true" />{' '}
          {t('cases.fanOut', { done: step.fanOut.done, total: step.fanOut.total })}
        </p>
      ) : null}
      {step.scheduledOn ? (
        <p className="hint">
          {t('cases.scheduledOn')}: {formatDate(step.scheduledOn)}
        </p>
      ) : null}
      {step.completedOn ? (
        <p className="hint">
          {t('cases.completedOn')}: {formatDate(step.completedOn)}
        </p>
      ) : null}
      {step.outcome ? <p>{step.outcome}</p> : null}
      {step.recommendation ? (
        <div className="quote">
          <strong>{t('cases.recommendation')}:</strong> <span className="pre">{step.recommendation}</span>
        </div>
      ) : null}
      {step.decisionOutcome ? (
        <div className="quote">
          <strong>{t('cases.decision')}:</strong>{' '}
          <span className={`badge status outcome-${step.decisionOutcome}`}>
            {t(`cases.outcomes.${step.decisionOutcome}`, { defaultValue: step.decisionOutcome })}
          </span>
          {step.decisionText ? <span className="pre"> {step.decisionText}</span> : null}
        </div>
      ) : null}
      {step.parts && step.parts.length ? (
        <details>
          <summary>{t('cases.showParts', { count: step.parts.length })}</summary>
          <ul className="parts">
            {step.parts.map((part) => (
              <li key={part.id}>
                <Step step={part} renderStepExtra={renderStepExtra} />
              </li>
            ))}
          </ul>
        </details>
      ) : null}
      {!step.parts && renderStepExtra ? renderStepExtra(step) : null}
    </div>
  );
}

export function StatusBadge({ status }: { status: string }) {
  const { t } = useTranslation();
  return <span className={`badge status status-${status}`}>{t(`cases.status.${status}`, { defaultValue: status })}</span>;
}
