import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Field, FormError, useFormErrors } from '@/components/form';
import { today } from '@/lib/format';
import { OUTCOMES, useRecordDecision, useRecordRecommendation, type Outcome } from '../api';
import type { StepView } from './model';

/** Record a recommendation (indstilling) or a decision (beslutning) at one step. */
export function StepActions({ caseId, step }: { caseId: string; step: StepView }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState<'recommendation' | 'decision' | null>(null);
  if (open === 'recommendation')
    return <RecommendationForm caseId={caseId} step={step} onClose={() => setOpen(null)} />;
  if (open === 'decision') return <DecisionForm caseId={caseId} step={step} onClose={() => setOpen(null)} />;
  return (
    <div className="step-actions">
      <button
        type="button"
        className="secondary small"
        aria-label={t('cases.recordRecommendationAt', { body: step.bodyName })}
        onClick={() => setOpen('recommendation')}
      >
        {t('cases.recordRecommendation')}
      </button>
      <button
        type="button"
        className="small"
        aria-label={t('cases.recordDecisionAt', { body: step.bodyName })}
        onClick={() => setOpen('decision')}
      >
        {step.decisionOutcome ? t('cases.changeDecision') : t('cases.recordDecision')}
      </button>
    </div>
  );
}

function RecommendationForm({ caseId, step, onClose }: { caseId: string; step: StepView; onClose: () => void }) {
  const { t } = useTranslation();
  const record = useRecordRecommendation(caseId);
  const { fieldErrors, formError, fromError, clear } = useFormErrors(['text']);
  const [text, setText] = useState(step.recommendation ?? '');
  return (
    <form
      noValidate
      aria-label={t('cases.recordRecommendationAt', { body: step.bodyName })}
      onSubmit={(e) => {
        e.preventDefault();
        clear();
        record.mutate({ stepId: step.id, text }, { onSuccess: onClose, onError: fromError });
      }}
    >
      <FormError error={formError} />
      <Field name="text" label={t('cases.recommendation')} errors={fieldErrors} required>
        {(p) => <textarea {...p} rows={4} value={text} onChange={(e) => setText(e.target.value)} />}
      </Field>
      <div className="form-row">
        <button type="submit" disabled={record.isPending}>
          {t('common.save')}
        </button>
        <button type="button" className="secondary" onClick={onClose}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}

function DecisionForm({ caseId, step, onClose }: { caseId: string; step: StepView; onClose: () => void }) {
  const { t } = useTranslation();
  const record = useRecordDecision(caseId);
  const { fieldErrors, formError, fromError, clear } = useFormErrors(['outcome', 'text', 'decidedOn']);
  const [outcome, setOutcome] = useState<Outcome>('approved');
  const [text, setText] = useState('');
  const [decidedOn, setDecidedOn] = useState(step.scheduledOn ?? today());
  return (
    <form
      noValidate
      aria-label={t('cases.recordDecisionAt', { body: step.bodyName })}
      onSubmit={(e) => {
        e.preventDefault();
        clear();
        record.mutate(
          { stepId: step.id, body: { outcome, text: text.trim() || null, decidedOn: decidedOn || null } },
          { onSuccess: onClose, onError: fromError },
        );
      }}
    >
      <FormError error={formError} />
      <div className="form-row">
        <Field name="outcome" label={t('cases.outcome')} errors={fieldErrors} required>
          {(p) => (
            <select {...p} value={outcome} onChange={(e) => setOutcome(e.target.value as Outcome)}>
              {OUTCOMES.map((o) => (
                <option key={o} value={o}>
                  {t(`cases.outcomes.${o}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field name="decidedOn" label={t('cases.decidedOn')} errors={fieldErrors}>
          {(p) => <input {...p} type="date" value={decidedOn} onChange={(e) => setDecidedOn(e.target.value)} />}
        </Field>
      </div>
      <Field name="text" label={t('cases.decisionText')} errors={fieldErrors}>
        {(p) => <textarea {...p} rows={3} value={text} onChange={(e) => setText(e.target.value)} />}
      </Field>
      <div className="form-row">
        <button type="submit" disabled={record.isPending}>
          {t('common.save')}
        </button>
        <button type="button" className="secondary" onClick={onClose}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
