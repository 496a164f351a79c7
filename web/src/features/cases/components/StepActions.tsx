import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Field, FormError, useFormErrors } from '@/components/form';
import { today } from '@/lib/format';
import {
  OUTCOMES,
  useCreateMeeting,
  useMeetings,
  useRecordDecision,
  useRecordRecommendation,
  useScheduleStep,
  type Outcome,
} from '../api';
import { meetingLabel, plannedMeetings } from './meetingOptions';
import type { StepView } from './model';

/**
 * The outcomes the form offers: what the step's role and its body's mandate allow (from the API), without a referral
 * (it names a body, which this form does not ask for). A step that only a recommendation finishes offers no decision.
 */
export function offeredOutcomes(step: StepView): Outcome[] {
  const allowed = (step.allowedOutcomes ?? []).filter((o): o is Outcome => OUTCOMES.includes(o as Outcome) && o !== 'referred');
  return allowed.some((o) => o !== 'postponed') ? allowed : [];
}

/**
 * Whether the signed-in caller may record on the step: staff not bound to an organisation always, a caller bound to an
 * organisation only for the bodies that organisation serves (the API answers 403 otherwise).
 */
export function mayRecord(step: StepView, callerOrganisation: string | null | undefined): boolean {
  return !callerOrganisation || step.servedByOrganisationId === callerOrganisation;
}

/**
 * Record a recommendation (indstilling) or a decision (beslutning) at one step: only what its role and its body's mandate
 * allow, only for a body the caller may record for, only in the stage the case is at now, and never over what is recorded.
 */
export function StepActions({ caseId, step, callerOrganisation }: { caseId: string; step: StepView; callerOrganisation?: string | null }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState<'recommendation' | 'decision' | 'schedule' | null>(null);
  if (open === 'schedule') return <ScheduleForm caseId={caseId} step={step} onClose={() => setOpen(null)} />;
  if (open === 'recommendation')
    return <RecommendationForm caseId={caseId} step={step} onClose={() => setOpen(null)} />;
  if (open === 'decision') return <DecisionForm caseId={caseId} step={step} onClose={() => setOpen(null)} />;
  if (step.done || !mayRecord(step, callerOrganisation)) return null;
  const outcomes = offeredOutcomes(step);
  const decided = !!step.decisionOutcome && step.decisionOutcome !== 'postponed';
  return (
    <div className="step-actions">
      {step.current && step.takesRecommendation && !step.recommendation ? (
        <button
          type="button"
          className="secondary small"
          aria-label={t('cases.recordRecommendationAt', { body: step.bodyName })}
          onClick={() => setOpen('recommendation')}
        >
          {t('cases.recordRecommendation')}
        </button>
      ) : null}
      {!step.current ? <span className="hint">{t('cases.notYourTurn')}</span> : null}
      {step.bodyId && !step.decisionOutcome ? (
        <button
          type="button"
          className="secondary small"
          aria-label={t('cases.scheduleAt', { body: step.bodyName })}
          onClick={() => setOpen('schedule')}
        >
          {t('cases.schedule')}
        </button>
      ) : null}
      {step.current && !decided && outcomes.length > 0 ? (
        <button
          type="button"
          className="small"
          aria-label={t('cases.recordDecisionAt', { body: step.bodyName })}
          onClick={() => setOpen('decision')}
        >
          {step.decisionOutcome ? t('cases.changeDecision') : t('cases.recordDecision')}
        </button>
      ) : null}
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
  const outcomes = offeredOutcomes(step);
  const [outcome, setOutcome] = useState<Outcome>(outcomes[0] ?? 'postponed');
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
              {outcomes.map((o) => (
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

/** Puts the step on the agenda of one of the body's meetings, or a new meeting on a chosen date. */
function ScheduleForm({ caseId, step, onClose }: { caseId: string; step: StepView; onClose: () => void }) {
  const { t } = useTranslation();
  const meetings = useMeetings(step.bodyId ?? undefined);
  const schedule = useScheduleStep(caseId);
  const createMeeting = useCreateMeeting();
  const { fieldErrors, formError, fromError, clear } = useFormErrors(['meetingId', 'date']);
  const planned = plannedMeetings(meetings.items);
  const [meetingId, setMeetingId] = useState('');
  const [date, setDate] = useState(step.deadline ?? today());
  const chosen = meetingId || planned[0]?.id || 'new';
  return (
    <form
      noValidate
      aria-label={t('cases.scheduleAt', { body: step.bodyName })}
      onSubmit={(e) => {
        e.preventDefault();
        clear();
        const put = (id: string) =>
          schedule.mutate({ stepId: step.id, meetingId: id }, { onSuccess: onClose, onError: fromError });
        if (chosen === 'new') {
          createMeeting.mutate(
            { bodyId: step.bodyId!, date, title: null, location: null },
            { onSuccess: (m) => put(m.id), onError: fromError },
          );
        } else put(chosen);
      }}
    >
      <FormError error={formError} />
      <div className="form-row">
        <Field name="meetingId" label={t('cases.meetingLabel')} errors={fieldErrors} required>
          {(p) => (
            <select {...p} value={chosen} onChange={(e) => setMeetingId(e.target.value)}>
              {planned.map((m) => (
                <option key={m.id} value={m.id}>
                  {meetingLabel(m)}
                </option>
              ))}
              <option value="new">{t('cases.newMeeting')}</option>
            </select>
          )}
        </Field>
        {chosen === 'new' ? (
          <Field name="date" label={t('cases.meetingDate')} errors={fieldErrors} required>
            {(p) => <input {...p} type="date" value={date} onChange={(e) => setDate(e.target.value)} />}
          </Field>
        ) : null}
      </div>
      <div className="form-row">
        <button type="submit" disabled={schedule.isPending || createMeeting.isPending}>
          {t('cases.schedule')}
        </button>
        <button type="button" className="secondary" onClick={onClose}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
