import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Field, FormError, useFormErrors } from '@/components/form';
import {
  etagOf,
  initiativeInput,
  taskInput,
  useSaveFocusArea,
  useSaveInitiative,
  useSaveTask,
  WORK_STATUSES,
  type Body,
  type FocusArea,
  type Initiative,
  type MilestoneInput,
  type Task,
  type WorkStatus,
} from '../api';
import { bodyName } from './names';

const blank = (v: string) => (v.trim() ? v.trim() : null);

const FOCUS_AREA_FIELDS = ['code', 'name', 'nameEn', 'description', 'ordinal'] as const;

/** Creates a focus area of the model's work plan, or edits one (with its version as If-Match). */
export function FocusAreaForm({ modelId, focusArea, onDone }: { modelId: string; focusArea?: FocusArea; onDone: () => void }) {
  const { t } = useTranslation('workplan');
  const save = useSaveFocusArea(modelId);
  const { fieldErrors, formError, fromError, clear } = useFormErrors(FOCUS_AREA_FIELDS);
  const [code, setCode] = useState(focusArea?.code ?? '');
  const [name, setName] = useState(focusArea?.name ?? '');
  const [nameEn, setNameEn] = useState(focusArea?.nameEn ?? '');
  const [description, setDescription] = useState(focusArea?.description ?? '');
  const title = focusArea ? t('editFocusArea') : t('newFocusArea');
  return (
    <form
      className="card workplan-form"
      noValidate
      aria-label={title}
      onSubmit={(e) => {
        e.preventDefault();
        clear();
        save.mutate(
          {
            id: focusArea?.id,
            etag: focusArea ? etagOf(focusArea) : undefined,
            body: { code: code.trim(), name: name.trim(), nameEn: blank(nameEn), description: blank(description), ordinal: focusArea?.ordinal ?? 0 },
          },
          { onSuccess: onDone, onError: fromError },
        );
      }}
    >
      <h3>{title}</h3>
      <FormError error={formError} />
      <div className="form-row">
        <Field name="name" label={t('name')} errors={fieldErrors} required>
          {(p) => <input {...p} value={name} onChange={(e) => setName(e.target.value)} />}
        </Field>
        <Field name="code" label={t('code')} errors={fieldErrors} required hint={t('codeHint')}>
          {(p) => <input {...p} value={code} onChange={(e) => setCode(e.target.value)} />}
        </Field>
      </div>
      <Field name="nameEn" label={t('nameEn')} errors={fieldErrors}>
        {(p) => <input {...p} lang="en" value={nameEn} onChange={(e) => setNameEn(e.target.value)} />}
      </Field>
      <Field name="description" label={t('description')} errors={fieldErrors}>
        {(p) => <textarea {...p} rows={2} value={description} onChange={(e) => setDescription(e.target.value)} />}
      </Field>
      <Buttons pending={save.isPending} onCancel={onDone} />
    </form>
  );
}

const INITIATIVE_FIELDS = ['code', 'name', 'nameEn', 'description', 'responsibleBodyId', 'fundingProgramme', 'status', 'startsOn', 'endsOn', 'timingNote'] as const;

/** Creates an initiative under a focus area, or edits one. */
export function InitiativeForm({
  focusArea,
  initiative,
  bodies,
  onDone,
}: {
  focusArea: FocusArea;
  initiative?: Initiative;
  bodies: Body[];
  onDone: () => void;
}) {
  const { t, i18n } = useTranslation('workplan');
  const save = useSaveInitiative();
  const { fieldErrors, formError, fromError, clear } = useFormErrors(INITIATIVE_FIELDS);
  const [code, setCode] = useState(initiative?.code ?? '');
  const [name, setName] = useState(initiative?.name ?? '');
  const [status, setStatus] = useState<WorkStatus>(initiative?.status ?? 'planned');
  const [bodyId, setBodyId] = useState(initiative?.responsibleBodyId ?? '');
  const [funding, setFunding] = useState(initiative?.fundingProgramme ?? '');
  const [startsOn, setStartsOn] = useState(initiative?.startsOn ?? '');
  const [endsOn, setEndsOn] = useState(initiative?.endsOn ?? '');
  const title = initiative ? t('editInitiative') : t('newInitiativeIn', { name: focusArea.name });
  return (
    <form
      className="card workplan-form"
      noValidate
      aria-label={title}
      onSubmit={(e) => {
        e.preventDefault();
        clear();
        const base = initiative
          ? initiativeInput(initiative)
          : { focusAreaId: focusArea.id, ordinal: 0, nameEn: null, description: null, timingNote: null, sourceRef: null, fundingProgrammeId: null };
        save.mutate(
          {
            id: initiative?.id,
            etag: initiative ? etagOf(initiative) : undefined,
            body: {
              ...base,
              code: code.trim(),
              name: name.trim(),
              status,
              responsibleBodyId: bodyId || null,
              fundingProgramme: blank(funding),
              startsOn: startsOn || null,
              endsOn: endsOn || null,
            },
          },
          { onSuccess: onDone, onError: fromError },
        );
      }}
    >
      <h3>{title}</h3>
      <FormError error={formError} />
      <div className="form-row">
        <Field name="name" label={t('name')} errors={fieldErrors} required>
          {(p) => <input {...p} value={name} onChange={(e) => setName(e.target.value)} />}
        </Field>
        <Field name="code" label={t('code')} errors={fieldErrors} required hint={t('codeHint')}>
          {(p) => <input {...p} value={code} onChange={(e) => setCode(e.target.value)} />}
        </Field>
      </div>
      <div className="form-row">
        <Field name="status" label={t('status')} errors={fieldErrors} required>
          {(p) => <StatusSelect {...p} value={status} onChange={setStatus} />}
        </Field>
        <Field name="responsibleBodyId" label={t('responsibleBody')} errors={fieldErrors}>
          {(p) => (
            <select {...p} value={bodyId} onChange={(e) => setBodyId(e.target.value)}>
              <option value="">{t('noBody')}</option>
              {bodies.map((b) => (
                <option key={b.id} value={b.id}>
                  {bodyName(b, i18n.language)}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      <div className="form-row">
        <Field name="startsOn" label={t('startsOn')} errors={fieldErrors}>
          {(p) => <input {...p} type="date" value={startsOn} onChange={(e) => setStartsOn(e.target.value)} />}
        </Field>
        <Field name="endsOn" label={t('endsOn')} errors={fieldErrors} hint={t('endsOnHint')}>
          {(p) => <input {...p} type="date" value={endsOn} onChange={(e) => setEndsOn(e.target.value)} />}
        </Field>
        <Field name="fundingProgramme" label={t('funding')} errors={fieldErrors}>
          {(p) => <input {...p} value={funding} onChange={(e) => setFunding(e.target.value)} />}
        </Field>
      </div>
      <Buttons pending={save.isPending} onCancel={onDone} />
    </form>
  );
}

const TASK_FIELDS = ['title', 'description', 'responsibleBodyId', 'status', 'startsOn', 'dueOn', 'completedOn', 'milestones'] as const;

/** Creates a task under an initiative, or edits one with its milestones. */
export function TaskForm({
  initiative,
  task,
  bodies,
  onDone,
}: {
  initiative: Initiative;
  task?: Task;
  bodies: Body[];
  onDone: () => void;
}) {
  const { t, i18n } = useTranslation('workplan');
  const save = useSaveTask();
  const { fieldErrors, formError, fromError, clear } = useFormErrors(TASK_FIELDS);
  const [title, setTitle] = useState(task?.title ?? '');
  const [status, setStatus] = useState<WorkStatus>(task?.status ?? 'planned');
  const [bodyId, setBodyId] = useState(task?.responsibleBodyId ?? initiative.responsibleBodyId ?? '');
  const [dueOn, setDueOn] = useState(task?.dueOn ?? '');
  const [completedOn, setCompletedOn] = useState(task?.completedOn ?? '');
  const [milestones, setMilestones] = useState<MilestoneInput[]>(
    task?.milestones.map((m) => ({ title: m.title, dueOn: m.dueOn ?? null, reachedOn: m.reachedOn ?? null })) ?? [],
  );
  const heading = task ? t('editTask') : t('newTaskIn', { name: initiative.name });
  const setMilestone = (i: number, change: Partial<MilestoneInput>) =>
    setMilestones((all) => all.map((m, j) => (j === i ? { ...m, ...change } : m)));
  return (
    <form
      className="card workplan-form"
      noValidate
      aria-label={heading}
      onSubmit={(e) => {
        e.preventDefault();
        clear();
        const base = task
          ? taskInput(task)
          : { initiativeId: initiative.id, description: null, fundingProgramme: null, fundingProgrammeId: null, startsOn: null, timingNote: null, sourceRef: null };
        save.mutate(
          {
            id: task?.id,
            etag: task ? etagOf(task) : undefined,
            body: {
              ...base,
              title: title.trim(),
              status,
              responsibleBodyId: bodyId || null,
              dueOn: dueOn || null,
              completedOn: completedOn || null,
              milestones: milestones.map((m) => ({ title: m.title.trim(), dueOn: m.dueOn || null, reachedOn: m.reachedOn || null })),
            },
          },
          { onSuccess: onDone, onError: fromError },
        );
      }}
    >
      <h3>{heading}</h3>
      <FormError error={formError} />
      <Field name="title" label={t('titleField')} errors={fieldErrors} required>
        {(p) => <input {...p} value={title} onChange={(e) => setTitle(e.target.value)} />}
      </Field>
      <div className="form-row">
        <Field name="status" label={t('status')} errors={fieldErrors} required>
          {(p) => <StatusSelect {...p} value={status} onChange={setStatus} />}
        </Field>
        <Field name="responsibleBodyId" label={t('responsibleBody')} errors={fieldErrors}>
          {(p) => (
            <select {...p} value={bodyId} onChange={(e) => setBodyId(e.target.value)}>
              <option value="">{t('noBody')}</option>
              {bodies.map((b) => (
                <option key={b.id} value={b.id}>
                  {bodyName(b, i18n.language)}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      <div className="form-row">
        <Field name="dueOn" label={t('dueOn')} errors={fieldErrors}>
          {(p) => <input {...p} type="date" value={dueOn} onChange={(e) => setDueOn(e.target.value)} />}
        </Field>
        <Field name="completedOn" label={t('completedOn')} errors={fieldErrors}>
          {(p) => <input {...p} type="date" value={completedOn} onChange={(e) => setCompletedOn(e.target.value)} />}
        </Field>
      </div>
      <fieldset className="milestones">
        <legend>{t('milestones')}</legend>
        {fieldErrors.milestones ? <p className="field-error">{fieldErrors.milestones.join(' ')}</p> : null}
        {milestones.map((m, i) => (
          <div className="form-row milestone-row" key={i}>
            <label>
              {t('milestone')} {i + 1}
              <input value={m.title} onChange={(e) => setMilestone(i, { title: e.target.value })} />
            </label>
            <label>
              {t('dueOn')}
              <input type="date" value={m.dueOn ?? ''} onChange={(e) => setMilestone(i, { dueOn: e.target.value || null })} />
            </label>
            <label>
              {t('reachedOn')}
              <input type="date" value={m.reachedOn ?? ''} onChange={(e) => setMilestone(i, { reachedOn: e.target.value || null })} />
            </label>
            <button
              type="button"
              className="secondary"
              aria-label={t('removeMilestone', { name: m.title || i + 1 })}
              onClick={() => setMilestones((all) => all.filter((_, j) => j !== i))}
            >
              ×
            </button>
          </div>
        ))}
        <button type="button" className="secondary" onClick={() => setMilestones((all) => [...all, { title: '', dueOn: null, reachedOn: null }])}>
          {t('addMilestone')}
        </button>
      </fieldset>
      <Buttons pending={save.isPending} onCancel={onDone} />
    </form>
  );
}

export function StatusSelect({
  value,
  onChange,
  ...props
}: {
  value: WorkStatus;
  onChange: (status: WorkStatus) => void;
  id?: string;
  name?: string;
  disabled?: boolean;
  'aria-label'?: string;
  'aria-invalid'?: boolean;
  'aria-describedby'?: string;
  required?: boolean;
}) {
  const { t } = useTranslation('workplan');
  return (
    <select {...props} value={value} onChange={(e) => onChange(e.target.value as WorkStatus)}>
      {WORK_STATUSES.map((s) => (
        <option key={s} value={s}>
          {t(`statuses.${s}`)}
        </option>
      ))}
    </select>
  );
}

function Buttons({ pending, onCancel }: { pending: boolean; onCancel: () => void }) {
  const { t } = useTranslation();
  return (
    <div className="form-row">
      <button type="submit" disabled={pending}>
        {t('common.save')}
      </button>
      <button type="button" className="secondary" onClick={onCancel}>
        {t('common.cancel')}
      </button>
    </div>
  );
}
