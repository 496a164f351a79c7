import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Field, FormError, useFormErrors } from '@/components/form';
import { useModelChoice } from '@/components/ModelPicker';
import { ListStates } from '@/components/Status';
import { formatDate } from '@/lib/format';
import { useBodyOptions } from '@/lib/lookups';
import { useSession } from '@/lib/session';
import { ApiError } from '@/lib/api/problem';
import {
  STEP_ROLES,
  useCreateRule,
  useInterests,
  useRetireRule,
  useRules,
  useUpdateRule,
  type Interest,
  type RoutingRule,
  type RuleStep,
  type StepRole,
} from '../api';
import { PARTNER_NS } from '../i18n';
import {
  emptyRule,
  emptyStep,
  FAN_OUT_OPTION,
  formToRule,
  numberProblems,
  ruleToForm,
  sortRules,
  stagesOf,
  type RuleForm,
  type StepRow,
} from '../model';
import { EditableRow, Notice, RowActions, useRowEditing } from './parts';

const RULE_FIELDS = ['code', 'name', 'description', 'interest', 'requiresCouncilDecision', 'priority', 'sourceReference', 'steps'];
const STEP_FIELDS = ['stageOrdinal', 'stageName', 'bodyId', 'role', 'authoritative', 'deadlineDays', 'note'] as const;

/** A model's routing rules in the order they are tried, retired ones after them (still shown); create, change, retire. */
export function RulesPage() {
  const { t } = useTranslation(PARTNER_NS);
  const { can } = useSession();
  const { modelId } = useModelChoice();
  const rules = useRules(modelId);
  const interests = useInterests(modelId);
  const bodies = useBodyOptions(modelId, !!modelId);
  const retire = useRetireRule();
  // The new-rule form above the list counts as one more open row (id ''): opening either closes the other.
  const rows = useRowEditing<'retire' | 'create'>(rules.refetch);
  const writable = can('governance:write');
  const items = sortRules(rules.data ?? []);
  const interestName = (code?: string | null) =>
    code ? (interests.data?.find((i) => i.code === code)?.name ?? code) : t('rules.anyInterest');
  const bodyName = (id?: string | null) => (id ? (bodies.data?.find((b) => b.id === id)?.name ?? id) : '');
  const stepTarget = (s: RuleStep) => (s.fanOut ? t('rules.fanOut') : bodyName(s.bodyId));
  const councilText = (r: RoutingRule) =>
    r.requiresCouncilDecision == null ? t('rules.councilAny') : r.requiresCouncilDecision ? t('rules.councilYes') : t('rules.councilNo');

  return (
    <section aria-labelledby="rules-title">
      <h2 id="rules-title">{t('rules.title')}</h2>
      <p>{t('rules.intro')}</p>
      <Notice text={rows.notice} />
      {writable && rows.open?.kind !== 'create' ? (
        <p className="page-actions">
          <button type="button" onClick={() => rows.act('create', '')}>
            {t('rules.create')}
          </button>
        </p>
      ) : null}
      {rows.open?.kind === 'create' && modelId ? (
        <RuleEditor
          modelId={modelId}
          interests={interests.data ?? []}
          bodies={bodies.data ?? []}
          nextPriority={items.filter((r) => !r.retiredAt).reduce((max, r) => Math.max(max, r.priority), 0) + 10}
          onDone={(name) => rows.done(name ? t('created', { name }) : null)}
        />
      ) : null}
      <ListStates list={{ ...rules, items }} empty={t('rules.none')}>
        {() => (
          <ol className="rule-list" aria-label={t('rules.title')}>
            {items.map((r) => (
              <li key={r.id} className={`rule-card${r.retiredAt ? ' retired' : ''}`} data-rule={r.code} aria-labelledby={`rule-${r.id}`}>
                <h3 id={`rule-${r.id}`}>
                  <span>
                    {r.priority}. {r.name}
                  </span>
                  <code>{r.code}</code>
                  {r.retiredAt ? (
                    <span className="badge retired">{t('rules.retiredOn', { date: formatDate(r.retiredAt) })}</span>
                  ) : (
                    <span className="badge live">{t('rules.live')}</span>
                  )}
                </h3>
                {r.description ? <p>{r.description}</p> : null}
                <dl>
                  <dt>{t('rules.priority')}</dt>
                  <dd>{r.priority}</dd>
                  <dt>{t('rules.interest')}</dt>
                  <dd>{interestName(r.interest)}</dd>
                  <dt>{t('rules.council')}</dt>
                  <dd>{councilText(r)}</dd>
                  {r.sourceReference ? (
                    <>
                      <dt>{t('rules.source')}</dt>
                      <dd>{r.sourceReference}</dd>
                    </>
                  ) : null}
                </dl>
                <div className="table-wrap">
                  <table>
                    <caption className="visually-hidden">{`${t('rules.steps')}: ${r.name}`}</caption>
                    <thead>
                      <tr>
                        <th scope="col">{t('rules.stage')}</th>
                        <th scope="col">{t('rules.body')}</th>
                        <th scope="col">{t('rules.role')}</th>
                        <th scope="col">{t('rules.deadline')}</th>
                      </tr>
                    </thead>
                    <tbody>
                      {stagesOf(r.steps).flatMap((stage) =>
                        stage.steps.map((s, i) => (
                          <tr key={`${stage.ordinal}-${i}`}>
                            <th scope="row">{`${stage.ordinal}. ${stage.name}`}</th>
                            <td>
                              {stepTarget(s)}
                              {s.note ? <span className="block-hint">{s.note}</span> : null}
                            </td>
                            <td>
                              {t(`rules.roles.${s.role}`)}
                              {s.authoritative ? ` (${t('rules.authoritative').toLowerCase()})` : ''}
                            </td>
                            <td>{s.deadlineDays == null ? t('none') : t('rules.days', { count: s.deadlineDays })}</td>
                          </tr>
                        )),
                      )}
                    </tbody>
                  </table>
                </div>
                {writable && !r.retiredAt ? (
                  <RowActions
                    edit={{ label: t('edit'), name: t('editFor', { name: r.name }), onClick: () => rows.act('edit', r.id) }}
                    remove={{ label: t('rules.retire'), name: t('rules.retireFor', { name: r.name }), onClick: () => rows.act('retire', r.id) }}
                  />
                ) : null}
                <EditableRow
                  rows={rows}
                  id={r.id}
                  editor={() => (
                    <RuleEditor
                      modelId={modelId!}
                      rule={r}
                      interests={interests.data ?? []}
                      bodies={bodies.data ?? []}
                      onDone={rows.saved}
                      onReload={rows.reload}
                    />
                  )}
                  confirm={{
                    question: t('rules.retireQuestion', { name: r.name }),
                    confirmLabel: t('rules.retire'),
                    run: () => retire.mutateAsync({ id: r.id, version: r.version }),
                    doneText: t('rules.retiredDone', { name: r.name }),
                  }}
                />
              </li>
            ))}
          </ol>
        )}
      </ListStates>
    </section>
  );
}

interface BodyChoice {
  id: string;
  name: string;
}

/** Creates a rule, or changes one with If-Match at the version it was read; a 412 asks to reload. */
function RuleEditor({
  modelId,
  rule,
  interests,
  bodies,
  nextPriority = 10,
  onDone,
  onReload,
}: {
  modelId: string;
  rule?: RoutingRule;
  interests: readonly Interest[];
  bodies: readonly BodyChoice[];
  nextPriority?: number;
  onDone: (savedName: string | null) => void;
  onReload?: () => void;
}) {
  const { t } = useTranslation(PARTNER_NS);
  const create = useCreateRule();
  const update = useUpdateRule();
  const [form, setForm] = useState<RuleForm>(() => (rule ? ruleToForm(rule) : emptyRule(nextPriority)));
  const [local, setLocal] = useState<Record<string, string[]>>({});
  const { fieldErrors, formError, fromError, clear } = useFormErrors(RULE_FIELDS);
  const [stepErrors, setStepErrors] = useState<Record<string, string[]>>({});
  const pending = create.isPending || update.isPending;
  const title = rule ? t('rules.editTitle', { name: rule.name }) : t('rules.createTitle');
  const nextKey = () => form.steps.reduce((m, s) => Math.max(m, s.key), 0) + 1;
  const set = (k: keyof RuleForm) => (e: React.ChangeEvent<HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement>) =>
    setForm((f) => ({ ...f, [k]: e.target.value }));
  const setStep = (key: number, patch: Partial<StepRow>) =>
    setForm((f) => ({ ...f, steps: f.steps.map((s) => (s.key === key ? { ...s, ...patch } : s)) }));
  const errorsOf = (name: string) => [...(local[name] ?? []), ...(fieldErrors[name] ?? [])];
  const merged = (name: string) => ({ [name]: errorsOf(name) });
  const stepError = (i: number, field: string) => [...(local[`steps[${i}].${field}`] ?? []), ...(stepErrors[`steps[${i}].${field}`] ?? [])];

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    clear();
    setStepErrors({});
    const numbers = numberProblems(form);
    if (numbers.length) {
      setLocal(Object.fromEntries(numbers.map((n) => [n, [t('rules.wholeNumber')]])));
      return;
    }
    setLocal({});
    const body = formToRule(form);
    try {
      if (rule) {
        await update.mutateAsync({ id: rule.id, version: rule.version, body });
      } else {
        await create.mutateAsync({ ...body, governanceModelId: modelId, code: form.code.trim() });
      }
      onDone(body.name);
    } catch (error) {
      fromError(error);
      // Step errors come as "steps[1].bodyId": shown on that row's field.
      if (error instanceof ApiError && error.problem?.errors) {
        const rows: Record<string, string[]> = {};
        for (const [key, value] of Object.entries(error.problem.errors)) {
          const m = /^(?:\$\.)?steps\[(\d+)\]\.(\w+)/i.exec(key);
          if (m) {
            const field = m[2]!.charAt(0).toLowerCase() + m[2]!.slice(1);
            rows[`steps[${m[1]}].${field === 'fanOut' ? 'bodyId' : field}`] = Array.isArray(value) ? value.map(String) : [String(value)];
          }
        }
        setStepErrors(rows);
      }
    }
  };

  const shownError =
    formError && formError.stale ? { ...formError, message: t('rules.stale') } : formError;
  return (
    <form className="partner-form" aria-label={title} onSubmit={(e) => void submit(e)} noValidate>
      <h3>{title}</h3>
      <FormError error={shownError} onReload={onReload} />
      <div className="form-row">
        {rule ? null : (
          <Field name="code" label={t('code')} errors={fieldErrors} required hint={t('codeHint')}>
            {(p) => <input {...p} value={form.code} onChange={set('code')} autoComplete="off" maxLength={80} />}
          </Field>
        )}
        <Field name="name" label={t('name')} errors={fieldErrors} required>
          {(p) => <input {...p} value={form.name} onChange={set('name')} maxLength={200} />}
        </Field>
        <Field name="priority" label={t('rules.priority')} errors={merged('priority')} required>
          {(p) => <input {...p} inputMode="numeric" value={form.priority} onChange={set('priority')} size={5} />}
        </Field>
      </div>
      <div className="form-row">
        <Field name="interest" label={t('rules.interest')} errors={fieldErrors}>
          {(p) => (
            <select {...p} value={form.interest} onChange={set('interest')}>
              <option value="">{t('rules.anyInterest')}</option>
              {interests
                .filter((i) => !i.retiredAt || i.code === form.interest)
                .map((i) => (
                  <option key={i.code} value={i.code}>
                    {i.name}
                  </option>
                ))}
            </select>
          )}
        </Field>
        <Field name="requiresCouncilDecision" label={t('rules.council')} errors={fieldErrors}>
          {(p) => (
            <select {...p} value={form.council} onChange={set('council')}>
              <option value="">{t('rules.councilAny')}</option>
              <option value="yes">{t('rules.councilYes')}</option>
              <option value="no">{t('rules.councilNo')}</option>
            </select>
          )}
        </Field>
      </div>
      <Field name="description" label={t('description')} errors={fieldErrors}>
        {(p) => <textarea {...p} value={form.description} onChange={set('description')} maxLength={2000} />}
      </Field>
      <Field name="sourceReference" label={t('rules.source')} errors={fieldErrors}>
        {(p) => <input {...p} value={form.sourceReference} onChange={set('sourceReference')} maxLength={400} />}
      </Field>

      <div className="table-wrap">
        <table className="edit-rows">
          <caption>{t('rules.steps')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('rules.stage')}</th>
              <th scope="col">{t('rules.stageName')}</th>
              <th scope="col">{t('rules.body')}</th>
              <th scope="col">{t('rules.role')}</th>
              <th scope="col">{t('rules.authoritative')}</th>
              <th scope="col">{t('rules.deadline')}</th>
              <th scope="col">{t('note')}</th>
              <th scope="col">
                <span className="visually-hidden">{t('actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {form.steps.map((s, i) => {
              const n = i + 1;
              const label = (field: string) => t('rules.stepLabel', { field, n });
              const cell = (field: (typeof STEP_FIELDS)[number], control: (errorId: string | undefined, invalid: boolean) => React.ReactNode) => {
                const messages = stepError(i, field);
                const errorId = messages.length ? `step-${s.key}-${field}-error` : undefined;
                return (
                  <td className={field === 'authoritative' ? 'check' : undefined}>
                    {control(errorId, messages.length > 0)}
                    {messages.length ? (
                      <p id={errorId} className="field-error">
                        {messages.join(' ')}
                      </p>
                    ) : null}
                  </td>
                );
              };
              return (
                <tr key={s.key}>
                  {cell('stageOrdinal', (d, inv) => (
                    <input
                      aria-label={label(t('rules.stage'))}
                      aria-describedby={d}
                      aria-invalid={inv || undefined}
                      inputMode="numeric"
                      size={3}
                      value={s.stageOrdinal}
                      onChange={(e) => setStep(s.key, { stageOrdinal: e.target.value })}
                    />
                  ))}
                  {cell('stageName', (d, inv) => (
                    <input
                      aria-label={label(t('rules.stageName'))}
                      aria-describedby={d}
                      aria-invalid={inv || undefined}
                      value={s.stageName}
                      maxLength={200}
                      onChange={(e) => setStep(s.key, { stageName: e.target.value })}
                    />
                  ))}
                  {cell('bodyId', (d, inv) => (
                    <select
                      aria-label={label(t('rules.body'))}
                      aria-describedby={d}
                      aria-invalid={inv || undefined}
                      value={s.target}
                      onChange={(e) => setStep(s.key, { target: e.target.value })}
                    >
                      <option value="">{t('rules.chooseBody')}</option>
                      {bodies.map((b) => (
                        <option key={b.id} value={b.id}>
                          {b.name}
                        </option>
                      ))}
                      <option value={FAN_OUT_OPTION}>{t('rules.fanOut')}</option>
                    </select>
                  ))}
                  {cell('role', (d, inv) => (
                    <select
                      aria-label={label(t('rules.role'))}
                      aria-describedby={d}
                      aria-invalid={inv || undefined}
                      value={s.role}
                      onChange={(e) => setStep(s.key, { role: e.target.value as StepRole })}
                    >
                      {STEP_ROLES.map((role) => (
                        <option key={role} value={role}>
                          {t(`rules.roles.${role}`)}
                        </option>
                      ))}
                    </select>
                  ))}
                  {cell('authoritative', (d) => (
                    <input
                      type="checkbox"
                      aria-label={label(t('rules.authoritative'))}
                      aria-describedby={d}
                      checked={s.authoritative}
                      onChange={(e) => setStep(s.key, { authoritative: e.target.checked })}
                    />
                  ))}
                  {cell('deadlineDays', (d, inv) => (
                    <input
                      aria-label={label(t('rules.deadline'))}
                      aria-describedby={d}
                      aria-invalid={inv || undefined}
                      inputMode="numeric"
                      size={4}
                      value={s.deadlineDays}
                      onChange={(e) => setStep(s.key, { deadlineDays: e.target.value })}
                    />
                  ))}
                  {cell('note', (d) => (
                    <input
                      aria-label={label(t('note'))}
                      aria-describedby={d}
                      value={s.note}
                      maxLength={400}
                      onChange={(e) => setStep(s.key, { note: e.target.value })}
                    />
                  ))}
                  <td>
                    <button
                      type="button"
                      className="secondary small"
                      disabled={form.steps.length === 1}
                      onClick={() => setForm((f) => ({ ...f, steps: f.steps.filter((x) => x.key !== s.key) }))}
                    >
                      {t('rules.removeStep', { n })}
                    </button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {errorsOf('steps').length && Object.keys(stepErrors).length === 0 ? <p className="field-error">{errorsOf('steps').join(' ')}</p> : null}
      <p>
        <button
          type="button"
          className="secondary"
          onClick={() =>
            setForm((f) => ({
              ...f,
              steps: [...f.steps, emptyStep(nextKey(), Number(f.steps.at(-1)?.stageOrdinal ?? 0) + 1 || 1)],
            }))
          }
        >
          {t('rules.addStep')}
        </button>
      </p>
      <div className="form-row">
        <button type="submit" disabled={pending}>
          {rule ? t('save') : t('rules.create')}
        </button>
        <button type="button" className="secondary" onClick={() => onDone(null)}>
          {t('cancel')}
        </button>
      </div>
    </form>
  );
}
