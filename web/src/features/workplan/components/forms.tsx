import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Field, FormError, useFormErrors } from '@/components/form';
import type { FieldErrors } from '@/lib/api/problem';
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

/** What a level's save hook gives a form: send the body (with If-Match when editing), and whether it is on its way. */
interface Save<B> {
  mutate: (input: { id?: string; etag?: string; body: B }, on: { onSuccess: () => void; onError: (error: unknown) => void }) => void;
  isPending: boolean;
}

/**
 * The one shape of every level's form (focus area, initiative, task): a card named by its title, the server's errors
 * on the fields they name (the rest above the form), the level's fields, and Save/Cancel. Saving creates, or edits
 * the item with its version as If-Match.
 */
function LevelForm<B>({
  title,
  fields,
  save,
  item,
  body,
  onDone,
  children,
}: {
  title: string;
  fields: readonly string[];
  save: Save<B>;
  item?: { id: string; version: number };
  body: () => B;
  onDone: () => void;
  children: (errors: FieldErrors) => ReactNode;
}) {
  const { fieldErrors, formError, fromError, clear } = useFormErrors(fields);
  return (
    <form
      className="card workplan-form"
      noValidate
      aria-label={title}
      onSubmit={(e) => {
        e.preventDefault();
        clear();
        save.mutate({ id: item?.id, etag: item ? etagOf(item) : undefined, body: body() }, { onSuccess: onDone, onError: fromError });
      }}
    >
      <h3>{title}</h3>
      <FormError error={formError} />
      {children(fieldErrors)}
      <Buttons pending={save.isPending} onCancel={onDone} />
    </form>
  );
}

/** A text field of a level's form. */
function TextField({
  name,
  label,
  value,
  onChange,
  errors,
  required,
  hint,
  lang,
}: {
  name: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  errors: FieldErrors;
  required?: boolean;
  hint?: string;
  lang?: string;
}) {
  return (
    <Field name={name} label={label} errors={errors} required={required} hint={hint}>
      {(p) => <input {...p} lang={lang} value={value} onChange={(e) => onChange(e.target.value)} />}
    </Field>
  );
}

/** A date field of a level's form ('' when none). */
function DateField({ name, label, value, onChange, errors, hint }: { name: string; label: string; value: string; onChange: (value: string) => void; errors: FieldErrors; hint?: string }) {
  return (
    <Field name={name} label={label} errors={errors} hint={hint}>
      {(p) => <input {...p} type="date" value={value} onChange={(e) => onChange(e.target.value)} />}
    </Field>
  );
}

/** An item's name and code side by side (focus areas and initiatives). */
function NameAndCode({ name, code, errors }: { name: [string, (v: string) => void]; code: [string, (v: string) => void]; errors: FieldErrors }) {
  const { t } = useTranslation('workplan');
  return (
    <div className="form-row">
      <TextField name="name" label={t('name')} value={name[0]} onChange={name[1]} errors={errors} required />
      <TextField name="code" label={t('code')} value={code[0]} onChange={code[1]} errors={errors} required hint={t('codeHint')} />
    </div>
  );
}

/** An item's status and its responsible body (initiatives and tasks). */
function StatusAndBody({
  status,
  body,
  bodies,
  errors,
}: {
  status: [WorkStatus, (v: WorkStatus) => void];
  body: [string, (v: string) => void];
  bodies: Body[];
  errors: FieldErrors;
}) {
  const { t, i18n } = useTranslation('workplan');
  return (
    <div className="form-row">
      <Field name="status" label={t('status')} errors={errors} required>
        {(p) => <StatusSelect {...p} value={status[0]} onChange={status[1]} />}
      </Field>
      <Field name="responsibleBodyId" label={t('responsibleBody')} errors={errors}>
        {(p) => (
          <select {...p} value={body[0]} onChange={(e) => body[1](e.target.value)}>
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
  );
}

const FOCUS_AREA_FIELDS = ['code', 'name', 'nameEn', 'description', 'ordinal'] as const;

/** Creates a focus area of the model's work plan, or edits one (with its version as If-Match). */
export function FocusAreaForm({ modelId, focusArea, onDone }: { modelId: string; focusArea?: FocusArea; onDone: () => void }) {
  const { t } = useTranslation('workplan');
  const save = useSaveFocusArea(modelId);
  const code = useState(focusArea?.code ?? '');
  const name = useState(focusArea?.name ?? '');
  const [nameEn, setNameEn] = useState(focusArea?.nameEn ?? '');
  const [description, setDescription] = useState(focusArea?.description ?? '');
  return (
    <LevelForm
      title={focusArea ? t('editFocusArea') : t('newFocusArea')}
      fields={FOCUS_AREA_FIELDS}
      save={save}
      item={focusArea}
      body={() => ({ code: code[0].trim(), name: name[0].trim(), nameEn: blank(nameEn), description: blank(description), ordinal: focusArea?.ordinal ?? 0 })}
      onDone={onDone}
    >
      {(errors) => (
        <>
          <NameAndCode name={name} code={code} errors={errors} />
          <TextField name="nameEn" label={t('nameEn')} value={nameEn} onChange={setNameEn} errors={errors} lang="en" />
          <Field name="description" label={t('description')} errors={errors}>
            {(p) => <textarea {...p} rows={2} value={description} onChange={(e) => setDescription(e.target.value)} />}
          </Field>
        </>
      )}
    </LevelForm>
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
  const { t } = useTranslation('workplan');
  const save = useSaveInitiative();
  const code = useState(initiative?.code ?? '');
  const name = useState(initiative?.name ?? '');
  const status = useState<WorkStatus>(initiative?.status ?? 'planned');
  const body = useState(initiative?.responsibleBodyId ?? '');
  const [funding, setFunding] = useState(initiative?.fundingProgramme ?? '');
  const [startsOn, setStartsOn] = useState(initiative?.startsOn ?? '');
  const [endsOn, setEndsOn] = useState(initiative?.endsOn ?? '');
  return (
    <LevelForm
      title={initiative ? t('editInitiative') : t('newInitiativeIn', { name: focusArea.name })}
      fields={INITIATIVE_FIELDS}
      save={save}
      item={initiative}
      body={() => ({
        ...(initiative
          ? initiativeInput(initiative)
          : { focusAreaId: focusArea.id, ordinal: 0, nameEn: null, description: null, timingNote: null, sourceRef: null, fundingProgrammeId: null }),
        code: code[0].trim(),
        name: name[0].trim(),
        status: status[0],
        responsibleBodyId: body[0] || null,
        fundingProgramme: blank(funding),
        startsOn: startsOn || null,
        endsOn: endsOn || null,
      })}
      onDone={onDone}
    >
      {(errors) => (
        <>
          <NameAndCode name={name} code={code} errors={errors} />
          <StatusAndBody status={status} body={body} bodies={bodies} errors={errors} />
          <div className="form-row">
            <DateField name="startsOn" label={t('startsOn')} value={startsOn} onChange={setStartsOn} errors={errors} />
            <DateField name="endsOn" label={t('endsOn')} value={endsOn} onChange={setEndsOn} errors={errors} hint={t('endsOnHint')} />
            <TextField name="fundingProgramme" label={t('funding')} value={funding} onChange={setFunding} errors={errors} />
          </div>
        </>
      )}
    </LevelForm>
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
  const { t } = useTranslation('workplan');
  const save = useSaveTask();
  const [title, setTitle] = useState(task?.title ?? '');
  const status = useState<WorkStatus>(task?.status ?? 'planned');
  const body = useState(task?.responsibleBodyId ?? initiative.responsibleBodyId ?? '');
  const [dueOn, setDueOn] = useState(task?.dueOn ?? '');
  const [completedOn, setCompletedOn] = useState(task?.completedOn ?? '');
  const [milestones, setMilestones] = useState<MilestoneInput[]>(
    task?.milestones.map((m) => ({ title: m.title, dueOn: m.dueOn ?? null, reachedOn: m.reachedOn ?? null })) ?? [],
  );
  const setMilestone = (i: number, change: Partial<MilestoneInput>) =>
    setMilestones((all) => all.map((m, j) => (j === i ? { ...m, ...change } : m)));
  return (
    <LevelForm
      title={task ? t('editTask') : t('newTaskIn', { name: initiative.name })}
      fields={TASK_FIELDS}
      save={save}
      item={task}
      body={() => ({
        ...(task
          ? taskInput(task)
          : { initiativeId: initiative.id, description: null, fundingProgramme: null, fundingProgrammeId: null, startsOn: null, timingNote: null, sourceRef: null }),
        title: title.trim(),
        status: status[0],
        responsibleBodyId: body[0] || null,
        dueOn: dueOn || null,
        completedOn: completedOn || null,
        milestones: milestones.map((m) => ({ title: m.title.trim(), dueOn: m.dueOn || null, reachedOn: m.reachedOn || null })),
      })}
      onDone={onDone}
    >
      {(errors) => (
        <>
          <TextField name="title" label={t('titleField')} value={title} onChange={setTitle} errors={errors} required />
          <StatusAndBody status={status} body={body} bodies={bodies} errors={errors} />
          <div className="form-row">
            <DateField name="dueOn" label={t('dueOn')} value={dueOn} onChange={setDueOn} errors={errors} />
            <DateField name="completedOn" label={t('completedOn')} value={completedOn} onChange={setCompletedOn} errors={errors} />
          </div>
          <fieldset className="milestones">
            <legend>{t('milestones')}</legend>
            {errors.milestones ? <p className="field-error">{errors.milestones.join(' ')}</p> : null}
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
        </>
      )}
    </LevelForm>
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
