import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Field, FormError, useFormErrors } from '@/components/form';
import { BODY_EDIT_NS } from '../i18n';
import { RULE_KINDS, type Option, type RuleKind, type RuleView } from './model';

export interface RuleInput {
  code: string;
  kind: RuleKind;
  severity: 'hard' | 'soft';
  value: number | null;
  category: string | null;
  refBodyId: string | null;
  description: string;
}

const FIELDS = ['code', 'kind', 'severity', 'value', 'category', 'refBodyId', 'description'] as const;

const needsCategory = (kind: RuleKind) => kind === 'maxSeatsPerCategory' || kind === 'minFilledPerCategory';
const isChairRule = (kind: RuleKind) => kind === 'chairMustHoldSeatIn';

/**
 * Creates or changes a composition rule. Only the fields the chosen kind of rule uses are shown (a count for
 * "at most / at least N", a seat category for the category rules, another body for the chair rule).
 */
export function RuleForm({
  rule,
  bodyName,
  bodies,
  submit,
  onDone,
  onCancel,
  onReload,
}: {
  rule?: RuleView;
  bodyName: string;
  bodies: Option[];
  submit: (input: RuleInput) => Promise<unknown>;
  onDone: (input: RuleInput) => void;
  onCancel: () => void;
  onReload?: () => void;
}) {
  const { t } = useTranslation(BODY_EDIT_NS);
  const { t: tc } = useTranslation();
  const { fieldErrors, formError, fromError, clear } = useFormErrors(FIELDS);
  const [pending, setPending] = useState(false);
  const [code, setCode] = useState(rule?.code ?? '');
  const [kind, setKind] = useState<RuleKind>(rule?.kind ?? 'maxSeatsPerOrganisation');
  const [severity, setSeverity] = useState<'hard' | 'soft'>(rule?.severity ?? 'hard');
  const [value, setValue] = useState(rule?.value != null ? String(rule.value) : '');
  const [category, setCategory] = useState(rule?.category ?? '');
  const [refBodyId, setRefBodyId] = useState(rule?.refBodyId ?? '');
  const [description, setDescription] = useState(rule?.description ?? '');
  const title = rule ? t('editRuleFor', { code: rule.code }) : t('addRuleTitle', { body: bodyName });

  return (
    <form
      className="card wide-fields"
      noValidate
      aria-label={title}
      onSubmit={(e) => {
        e.preventDefault();
        clear();
        setPending(true);
        const input: RuleInput = {
          code: code.trim(),
          kind,
          severity,
          value: isChairRule(kind) || !value.trim() ? null : Number(value),
          category: needsCategory(kind) ? category.trim() || null : null,
          refBodyId: isChairRule(kind) ? refBodyId || null : null,
          description: description.trim(),
        };
        submit(input)
          .then(() => onDone(input), fromError)
          .finally(() => setPending(false));
      }}
    >
      <h3>{title}</h3>
      <FormError error={formError} onReload={onReload} />
      <div className="form-row">
        <Field name="kind" label={t('ruleKind')} errors={fieldErrors} required>
          {(p) => (
            <select {...p} value={kind} onChange={(e) => setKind(e.target.value as RuleKind)}>
              {RULE_KINDS.map((k) => (
                <option key={k} value={k}>
                  {t(`ruleKinds.${k}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field name="severity" label={t('severity')} hint={t(`severityHints.${severity}`)} errors={fieldErrors} required>
          {(p) => (
            <select {...p} value={severity} onChange={(e) => setSeverity(e.target.value as 'hard' | 'soft')}>
              <option value="hard">{t('severities.hard')}</option>
              <option value="soft">{t('severities.soft')}</option>
            </select>
          )}
        </Field>
      </div>
      <div className="form-row">
        <Field name="code" label={t('ruleCode')} hint={t('ruleCodeHint')} errors={fieldErrors} required>
          {(p) => (
            <input {...p} value={code} onChange={(e) => setCode(e.target.value)} autoCapitalize="off" spellCheck={false} />
          )}
        </Field>
        {isChairRule(kind) ? (
          <Field name="refBodyId" label={t('refBody')} errors={fieldErrors} required>
            {(p) => (
              <select {...p} value={refBodyId} onChange={(e) => setRefBodyId(e.target.value)}>
                <option value="">{t('chooseBody')}</option>
                {bodies.map((b) => (
                  <option key={b.id} value={b.id}>
                    {b.name}
                  </option>
                ))}
              </select>
            )}
          </Field>
        ) : (
          <Field name="value" label={t('value')} errors={fieldErrors} required>
            {(p) => (
              <input
                {...p}
                type="number"
                min={0}
                inputMode="numeric"
                value={value}
                onChange={(e) => setValue(e.target.value)}
              />
            )}
          </Field>
        )}
        {needsCategory(kind) ? (
          <Field name="category" label={t('ruleCategory')} errors={fieldErrors} required>
            {(p) => <input {...p} value={category} onChange={(e) => setCategory(e.target.value)} />}
          </Field>
        ) : null}
      </div>
      <Field name="description" label={t('description')} errors={fieldErrors} required>
        {(p) => <textarea {...p} rows={2} value={description} onChange={(e) => setDescription(e.target.value)} />}
      </Field>
      <div className="form-row">
        <button type="submit" disabled={pending}>
          {rule ? tc('common.save') : t('addRule')}
        </button>
        <button type="button" className="secondary" onClick={onCancel}>
          {tc('common.cancel')}
        </button>
      </div>
    </form>
  );
}
