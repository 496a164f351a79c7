import { useId, useMemo, useRef, useState } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { Field, FormError, useFormErrors } from '@/components/form';
import { PageTitle } from '@/components/Layout';
import { ErrorAlert, Loading } from '@/components/Status';
import { ApiError, fieldErrorsOf, type FieldErrors } from '@/lib/api/problem';
import { today } from '@/lib/format';
import {
  COST_TYPES,
  useBudget,
  useBudgetVersion,
  useCreateBudgetVersion,
  usePayers,
  type Budget,
  type BudgetLine,
  type BudgetLineInput,
  type CostType,
  type Payer,
} from '../api';
import { amountToInput, amountToJson, type AmountLanguage } from '../money';
import { lineErrorKey, PERIOD_PATTERN, workingVersion } from '../model';
import { FinancingNav, readAmount, useAmountLanguage } from './parts';

/** Starts a new draft version of a budget, from a copy of an earlier version's lines (`?from=N`). */
export function NewBudgetVersionPage() {
  const { id = '' } = useParams();
  const [params] = useSearchParams();
  const language = useAmountLanguage();
  const budget = useBudget(id);
  const payers = usePayers();
  const fromParam = Number(params.get('from'));
  const from =
    Number.isInteger(fromParam) && fromParam > 0
      ? fromParam
      : budget.data
        ? workingVersion(budget.data.data.versions, today())?.number
        : undefined;
  const source = useBudgetVersion(id, from);

  if (budget.isPending || payers.isPending || (from !== undefined && source.isPending)) return <Loading />;
  const error = budget.error ?? payers.error ?? source.error;
  if (error) {
    return (
      <section>
        <FinancingNav />
        <ErrorAlert error={error} />
      </section>
    );
  }
  return (
    <DraftEditor
      budget={budget.data!.data}
      payers={payers.data ?? []}
      from={from}
      initial={(source.data?.data.lines ?? []).map((l) => toRow(l, language))}
    />
  );
}

export interface Row {
  key: number;
  period: string;
  costType: CostType;
  payerId: string;
  amount: string;
  isAdjustment: boolean;
  note: string;
}

function toRow(line: BudgetLine, language: AmountLanguage): Row {
  return {
    key: line.ordinal,
    period: line.period.label,
    costType: line.costType,
    payerId: line.payerId,
    amount: amountToInput(line.amount.amount, language),
    isAdjustment: line.isAdjustment,
    note: line.note ?? '',
  };
}

const ROW_FIELDS = ['period', 'costType', 'payerId', 'amount', 'isAdjustment', 'note'] as const;
type RowField = (typeof ROW_FIELDS)[number];

/** A new draft version of an existing budget, in the lines editor. */
export function DraftEditor({
  budget,
  payers,
  from,
  initial,
}: {
  budget: Budget;
  payers: readonly Payer[];
  from: number | undefined;
  initial: Row[];
}) {
  const { t } = useTranslation();
  const create = useCreateBudgetVersion(budget.id);
  return (
    <LinesEditor
      title={t('fin:budgets.newDraftTitle', { budget: budget.name })}
      intro={from ? t('fin:budgets.newDraftIntro', { number: from }) : t('fin:budgets.newDraftEmpty')}
      back={{ to: `/financing/budgets/${budget.id}`, label: t('fin:budgets.allVersions') }}
      payers={payers}
      initial={initial}
      submitLabel={t('fin:budgets.saveDraft')}
      save={(body) =>
        create.mutateAsync(body).then((created) => ({
          to: `/financing/budgets/${budget.id}/versions/${created.number}`,
          notice: t('fin:budgets.draftSaved', { number: created.number }),
        }))
      }
    />
  );
}

const NO_FIELDS: readonly string[] = [];

/**
 * The lines as an editable table; errors (the browser's or the API's "lines[2].period") sit on their cells.
 * A screen may put its own fields above the lines (`renderFields`, with the server's messages for `fields`).
 */
export function LinesEditor({
  title,
  intro,
  back,
  payers,
  initial,
  fields = NO_FIELDS,
  renderFields,
  submitLabel,
  save,
}: {
  title: string;
  intro: string;
  back: { to: string; label: string };
  payers: readonly Payer[];
  initial: Row[];
  fields?: readonly string[];
  renderFields?: (errors: FieldErrors) => React.ReactNode;
  submitLabel: string;
  save: (body: { note: string | null; lines: BudgetLineInput[] }) => Promise<{ to: string; notice: string }>;
}) {
  const { t } = useTranslation();
  const language = useAmountLanguage();
  const navigate = useNavigate();
  const formFields = useMemo(() => ['note', ...fields], [fields]);
  const { fieldErrors, formError, fromError, clear } = useFormErrors(formFields);
  const [pending, setPending] = useState(false);
  const [rows, setRows] = useState<Row[]>(() =>
    initial.length ? initial : [{ key: 1, period: '', costType: 'salaries', payerId: '', amount: '', isAdjustment: false, note: '' }],
  );
  const [note, setNote] = useState('');
  const [rowErrors, setRowErrors] = useState<Record<string, string[]>>({});
  const nextKey = useRef(Math.max(0, ...initial.map((r) => r.key)) + 1);
  const baseId = useId();

  const update = (key: number, patch: Partial<Row>) => setRows((rs) => rs.map((r) => (r.key === key ? { ...r, ...patch } : r)));
  const errorOf = (index: number, field: RowField) => rowErrors[`${index}.${field}`];
  const label = (field: string, n: number) => t('fin:budgets.lineField', { field, n });

  /** Checks what the browser can, and builds the lines to send; null when something is marked. */
  const validate = (): BudgetLineInput[] | null => {
    const errors: Record<string, string[]> = {};
    const lines: BudgetLineInput[] = [];
    rows.forEach((r, i) => {
      if (!PERIOD_PATTERN.test(r.period.trim())) errors[`${i}.period`] = [t('fin:budgets.periodFormat')];
      if (!r.payerId) errors[`${i}.payerId`] = [t('fin:required')];
      const amount = readAmount(r.amount, language, t, { allowNegative: r.isAdjustment });
      if ('error' in amount) errors[`${i}.amount`] = [amount.error];
      else
        lines.push({
          period: r.period.trim(),
          costType: r.costType,
          payerId: r.payerId,
          amount: { amount: amountToJson(amount.value), currency: 'DKK' },
          isAdjustment: r.isAdjustment,
          note: r.note.trim() || null,
        });
    });
    setRowErrors(errors);
    return Object.keys(errors).length ? null : lines;
  };

  const fromServer = (error: unknown) => {
    const all: FieldErrors = error instanceof ApiError ? fieldErrorsOf(error.problem) : {};
    const byRow: Record<string, string[]> = {};
    const rest: FieldErrors = {};
    for (const [key, messages] of Object.entries(all)) {
      const line = lineErrorKey(key);
      if (line) byRow[`${line.row}.${line.field}`] = [...(byRow[`${line.row}.${line.field}`] ?? []), ...messages];
      else rest[key] = messages;
    }
    setRowErrors(byRow);
    fromError(error instanceof ApiError ? new ApiError(error.status, { ...error.problem, errors: rest }) : error);
  };

  const cell = (index: number, field: RowField, control: (p: { id: string; 'aria-invalid'?: boolean; 'aria-describedby'?: string }) => React.ReactNode) => {
    const messages = errorOf(index, field);
    const id = `${baseId}-${index}-${field}`;
    return (
      <td className={`${field}${messages ? ' field-invalid' : ''}`}>
        {control({ id, 'aria-invalid': messages ? true : undefined, 'aria-describedby': messages ? `${id}-error` : undefined })}
        {messages ? (
          <p id={`${id}-error`} className="field-error">
            {messages.join(' ')}
          </p>
        ) : null}
      </td>
    );
  };

  return (
    <section>
      <FinancingNav />
      <p>
        <Link to={back.to}>{back.label}</Link>
      </p>
      <PageTitle>{title}</PageTitle>
      <p>{intro}</p>
      <form
        noValidate
        aria-label={title}
        onSubmit={(e) => {
          e.preventDefault();
          clear();
          const lines = validate();
          if (!lines) {
            fromError(new ApiError(400, { status: 400 }));
            return;
          }
          setPending(true);
          save({ note: note.trim() || null, lines })
            .then(({ to, notice }) => navigate(to, { state: { notice } }), fromServer)
            .finally(() => setPending(false));
        }}
      >
        <FormError error={formError} />
        {renderFields?.(fieldErrors)}
        <div className="table-wrap">
          <table className="lines">
            <caption>{t('fin:budgets.lines')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('fin:budgets.period')}</th>
                <th scope="col">{t('fin:budgets.costType')}</th>
                <th scope="col">{t('fin:budgets.payer')}</th>
                <th scope="col">{t('fin:budgets.amount')}</th>
                <th scope="col">{t('fin:budgets.adjustment')}</th>
                <th scope="col">{t('fin:budgets.note')}</th>
                <th scope="col">
                  <span className="visually-hidden">{t('fin:budgets.remove')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r, i) => (
                <tr key={r.key}>
                  {cell(i, 'period', (p) => (
                    <input
                      {...p}
                      aria-label={label(t('fin:budgets.period'), i + 1)}
                      value={r.period}
                      placeholder="2024-H1"
                      onChange={(e) => update(r.key, { period: e.target.value })}
                    />
                  ))}
                  {cell(i, 'costType', (p) => (
                    <select
                      {...p}
                      aria-label={label(t('fin:budgets.costType'), i + 1)}
                      value={r.costType}
                      onChange={(e) => update(r.key, { costType: e.target.value as CostType })}
                    >
                      {COST_TYPES.map((c) => (
                        <option key={c} value={c}>
                          {t(`fin:budgets.costTypes.${c}`)}
                        </option>
                      ))}
                    </select>
                  ))}
                  {cell(i, 'payerId', (p) => (
                    <select
                      {...p}
                      aria-label={label(t('fin:budgets.payer'), i + 1)}
                      value={r.payerId}
                      onChange={(e) => update(r.key, { payerId: e.target.value })}
                    >
                      <option value="">{t('fin:choose')}</option>
                      {payers.map((x) => (
                        <option key={x.id} value={x.id}>
                          {x.name}
                        </option>
                      ))}
                    </select>
                  ))}
                  {cell(i, 'amount', (p) => (
                    <input
                      {...p}
                      aria-label={label(t('fin:budgets.amount'), i + 1)}
                      inputMode="decimal"
                      autoComplete="off"
                      value={r.amount}
                      onChange={(e) => update(r.key, { amount: e.target.value })}
                    />
                  ))}
                  {cell(i, 'isAdjustment', (p) => (
                    <input
                      {...p}
                      type="checkbox"
                      aria-label={label(t('fin:budgets.adjustment'), i + 1)}
                      checked={r.isAdjustment}
                      onChange={(e) => update(r.key, { isAdjustment: e.target.checked })}
                    />
                  ))}
                  {cell(i, 'note', (p) => (
                    <input
                      {...p}
                      aria-label={label(t('fin:budgets.note'), i + 1)}
                      value={r.note}
                      onChange={(e) => update(r.key, { note: e.target.value })}
                    />
                  ))}
                  <td>
                    <button
                      type="button"
                      className="secondary small"
                      onClick={() => {
                        setRows((rs) => rs.filter((x) => x.key !== r.key));
                        setRowErrors({});
                      }}
                    >
                      {t('fin:budgets.removeLine', { n: i + 1 })}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <div className="page-actions">
          <button
            type="button"
            className="secondary"
            onClick={() =>
              setRows((rs) => [
                ...rs,
                {
                  key: nextKey.current++,
                  period: rs.at(-1)?.period ?? '',
                  costType: rs.at(-1)?.costType ?? 'salaries',
                  payerId: rs.at(-1)?.payerId ?? '',
                  amount: '',
                  isAdjustment: false,
                  note: '',
                },
              ])
            }
          >
            {t('fin:budgets.addLine')}
          </button>
          <span className="hint">{t('fin:budgets.periodHint')}</span>
        </div>
        <Field name="note" label={t('fin:budgets.note')} errors={fieldErrors}>
          {(p) => <textarea {...p} rows={2} value={note} onChange={(e) => setNote(e.target.value)} />}
        </Field>
        <div className="form-row">
          <button type="submit" disabled={pending}>
            {submitLabel}
          </button>
          <Link className="button secondary" to={back.to}>
            {t('common.cancel')}
          </Link>
        </div>
      </form>
    </section>
  );
}
