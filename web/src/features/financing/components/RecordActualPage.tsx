import { useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { Field, FormError, useFormErrors } from '@/components/form';
import { PageTitle } from '@/components/Layout';
import type { FieldErrors } from '@/lib/api/problem';
import { formatMoney, today, formatPeriodLabel } from '@/lib/format';
import { COST_TYPES, useAllBudgets, useBudgetVersion, usePayers, useRecordActual, type CostType } from '../api';
import { amountToJson } from '../money';
import { PERIOD_PATTERN, workingVersion } from '../model';
import { FinancingNav, readAmount, useAmountLanguage } from './parts';

const FIELDS = [
  'budgetId',
  'period',
  'costType',
  'payerId',
  'amount',
  'isAdjustment',
  'bookedOn',
  'reference',
  'note',
] as const;

/** Records money spent against a budget, keyed like its lines; a line of the budget can fill in the key. */
export function RecordActualPage() {
  const { t } = useTranslation();
  const language = useAmountLanguage();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const budgets = useAllBudgets();
  const payers = usePayers();
  const record = useRecordActual();
  const { fieldErrors, formError, fromError, clear } = useFormErrors(FIELDS);
  const [clientErrors, setClientErrors] = useState<FieldErrors>({});
  const [form, setForm] = useState({
    budgetId: params.get('budget') ?? '',
    line: '',
    period: '',
    costType: 'salaries' as CostType,
    payerId: '',
    amount: '',
    isAdjustment: false,
    bookedOn: today(),
    reference: '',
    note: '',
  });
  const budget = budgets.data?.find((b) => b.id === form.budgetId);
  const working = budget ? workingVersion(budget.versions, today()) : undefined;
  const version = useBudgetVersion(budget?.id, working?.number);
  const lines = version.data?.data.lines ?? [];
  const errors = { ...fieldErrors, ...clientErrors };
  const set = (key: 'period' | 'payerId' | 'amount' | 'bookedOn' | 'reference' | 'note') => (e: { target: { value: string } }) =>
    setForm((f) => ({ ...f, [key]: e.target.value }));

  return (
    <section>
      <FinancingNav />
      <p>
        <Link to={`/financing/actuals${form.budgetId ? `?budget=${form.budgetId}` : ''}`}>{t('fin:actuals.back')}</Link>
      </p>
      <PageTitle>{t('fin:actuals.record')}</PageTitle>
      <p>{t('fin:actuals.recordIntro')}</p>
      <form
        className="card fin-form"
        noValidate
        aria-label={t('fin:actuals.record')}
        onSubmit={(e) => {
          e.preventDefault();
          clear();
          const amount = readAmount(form.amount, language, t, { allowNegative: form.isAdjustment });
          const missing: FieldErrors = {};
          if (!form.budgetId) missing.budgetId = [t('fin:required')];
          if (!PERIOD_PATTERN.test(form.period.trim())) missing.period = [t('fin:budgets.periodFormat')];
          if (!form.payerId) missing.payerId = [t('fin:required')];
          if ('error' in amount) missing.amount = [amount.error];
          setClientErrors(missing);
          if ('error' in amount || Object.keys(missing).length > 0) return;
          record.mutate(
            {
              budgetId: form.budgetId,
              period: form.period.trim(),
              costType: form.costType,
              payerId: form.payerId,
              amount: { amount: amountToJson(amount.value), currency: 'DKK' },
              isAdjustment: form.isAdjustment,
              bookedOn: form.bookedOn,
              reference: form.reference.trim() || null,
              note: form.note.trim() || null,
            },
            {
              onSuccess: () =>
                navigate(`/financing/actuals?budget=${form.budgetId}`, { state: { notice: t('fin:actuals.recorded') } }),
              onError: fromError,
            },
          );
        }}
      >
        <FormError error={formError} />
        <div className="form-row">
          <Field name="budgetId" label={t('fin:actuals.budget')} errors={errors} required>
            {(p) => (
              <select {...p} value={form.budgetId} onChange={(e) => setForm((f) => ({ ...f, budgetId: e.target.value, line: '' }))}>
                <option value="">{t('fin:choose')}</option>
                {(budgets.data ?? []).map((b) => (
                  <option key={b.id} value={b.id}>
                    {b.name}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field name="line" label={t('fin:actuals.line')} hint={t('fin:actuals.lineHint')}>
            {(p) => (
              <select
                {...p}
                value={form.line}
                disabled={lines.length === 0}
                onChange={(e) => {
                  const line = lines.find((l) => String(l.ordinal) === e.target.value);
                  setForm((f) =>
                    line
                      ? { ...f, line: e.target.value, period: line.period.label, costType: line.costType, payerId: line.payerId }
                      : { ...f, line: '' },
                  );
                }}
              >
                <option value="">{t('fin:choose')}</option>
                {lines.map((l) => (
                  <option key={l.ordinal} value={String(l.ordinal)}>
                    {`${formatPeriodLabel(l.period.label)} · ${t(`fin:budgets.costTypes.${l.costType}`)} · ${l.payerName} · ${formatMoney(l.amount.amount, l.amount.currency)}`}
                  </option>
                ))}
              </select>
            )}
          </Field>
        </div>
        <div className="form-row">
          <Field name="period" label={t('fin:budgets.period')} errors={errors} required hint={t('fin:budgets.periodHint')}>
            {(p) => <input {...p} value={form.period} onChange={set('period')} />}
          </Field>
          <Field name="costType" label={t('fin:budgets.costType')} errors={errors} required>
            {(p) => (
              <select {...p} value={form.costType} onChange={(e) => setForm((f) => ({ ...f, costType: e.target.value as CostType }))}>
                {COST_TYPES.map((c) => (
                  <option key={c} value={c}>
                    {t(`fin:budgets.costTypes.${c}`)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field name="payerId" label={t('fin:budgets.payer')} errors={errors} required>
            {(p) => (
              <select {...p} value={form.payerId} onChange={set('payerId')}>
                <option value="">{t('fin:choose')}</option>
                {(payers.data ?? []).map((x) => (
                  <option key={x.id} value={x.id}>
                    {x.name}
                  </option>
                ))}
              </select>
            )}
          </Field>
        </div>
        <div className="form-row">
          <Field name="amount" label={t('fin:grants.amount')} errors={errors} required hint={t('fin:money.hint')}>
            {(p) => <input {...p} inputMode="decimal" autoComplete="off" value={form.amount} onChange={set('amount')} />}
          </Field>
          <Field name="bookedOn" label={t('fin:actuals.bookedOn')} errors={errors} required>
            {(p) => <input {...p} type="date" value={form.bookedOn} onChange={set('bookedOn')} />}
          </Field>
          <Field name="reference" label={t('fin:actuals.reference')} errors={errors}>
            {(p) => <input {...p} value={form.reference} onChange={set('reference')} />}
          </Field>
        </div>
        <div className="field checkbox">
          <label>
            <input
              type="checkbox"
              checked={form.isAdjustment}
              onChange={(e) => setForm((f) => ({ ...f, isAdjustment: e.target.checked }))}
            />{' '}
            {t('fin:actuals.adjustment')}
          </label>
        </div>
        <Field name="note" label={t('fin:actuals.note')} errors={errors}>
          {(p) => <textarea {...p} rows={2} value={form.note} onChange={set('note')} />}
        </Field>
        <div className="form-row">
          <button type="submit" disabled={record.isPending}>
            {t('fin:actuals.record')}
          </button>
          <Link className="button secondary" to={`/financing/actuals${form.budgetId ? `?budget=${form.budgetId}` : ''}`}>
            {t('common.cancel')}
          </Link>
        </div>
      </form>
    </section>
  );
}
