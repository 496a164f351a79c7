import { useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { Field, FormError, useFormErrors } from '@/components/form';
import { PageTitle } from '@/components/Layout';
import type { FieldErrors } from '@/lib/api/problem';
import { today } from '@/lib/format';
import { usePayers, useProgrammes, useReserveGrant } from '../api';
import { amountToJson } from '../money';
import { FinancingNav, readAmount, useAmountLanguage } from './parts';

const FIELDS = [
  'programmeId',
  'payerId',
  'title',
  'amount',
  'conditions',
  'reservedOn',
  'reservedByDecisionRef',
  'expectedReleaseOn',
] as const;

/** Records a grant as reserved: a payer sets an amount aside for a programme. */
export function ReserveGrantPage() {
  const { t } = useTranslation();
  const language = useAmountLanguage();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const programmes = useProgrammes();
  const payers = usePayers();
  const reserve = useReserveGrant();
  const { fieldErrors, formError, fromError, clear } = useFormErrors(FIELDS);
  const [clientErrors, setClientErrors] = useState<FieldErrors>({});
  const [form, setForm] = useState({
    programmeId: params.get('programme') ?? '',
    payerId: '',
    title: '',
    amount: '',
    conditions: '',
    reservedOn: today(),
    reservedByDecisionRef: '',
    expectedReleaseOn: '',
  });
  const set = (key: keyof typeof form) => (e: { target: { value: string } }) =>
    setForm((f) => ({ ...f, [key]: e.target.value }));
  const errors = { ...fieldErrors, ...clientErrors };

  return (
    <section>
      <FinancingNav />
      <p>
        <Link to="/financing/grants">{t('fin:grants.back')}</Link>
      </p>
      <PageTitle>{t('fin:grants.reserve')}</PageTitle>
      <p>{t('fin:grants.reserveIntro')}</p>
      <form
        className="card fin-form"
        noValidate
        aria-label={t('fin:grants.reserve')}
        onSubmit={(e) => {
          e.preventDefault();
          clear();
          const amount = readAmount(form.amount, language, t);
          const missing: FieldErrors = {};
          if (!form.programmeId) missing.programmeId = [t('fin:required')];
          if (!form.payerId) missing.payerId = [t('fin:required')];
          if ('error' in amount) missing.amount = [amount.error];
          setClientErrors(missing);
          if ('error' in amount || Object.keys(missing).length > 0) return;
          reserve.mutate(
            {
              programmeId: form.programmeId,
              payerId: form.payerId,
              title: form.title.trim(),
              amount: { amount: amountToJson(amount.value), currency: 'DKK' },
              conditions: form.conditions.trim() || null,
              reservedOn: form.reservedOn,
              reservedByDecisionRef: form.reservedByDecisionRef.trim(),
              expectedReleaseOn: form.expectedReleaseOn || null,
            },
            {
              onSuccess: (created) =>
                navigate(`/financing/grants/${created.id}`, { state: { notice: t('fin:grants.reserved') } }),
              onError: fromError,
            },
          );
        }}
      >
        <FormError error={formError} />
        <div className="form-row">
          <Field name="programmeId" label={t('fin:grants.programme')} errors={errors} required>
            {(p) => (
              <select {...p} value={form.programmeId} onChange={set('programmeId')}>
                <option value="">{t('fin:choose')}</option>
                {(programmes.data ?? []).map((x) => (
                  <option key={x.id} value={x.id}>
                    {x.name}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field name="payerId" label={t('fin:grants.payer')} errors={errors} required>
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
        <Field name="title" label={t('fin:grants.grantTitle')} errors={errors} required>
          {(p) => <input {...p} value={form.title} onChange={set('title')} />}
        </Field>
        <div className="form-row">
          <Field name="amount" label={t('fin:grants.amount')} errors={errors} required hint={t('fin:money.hint')}>
            {(p) => <input {...p} inputMode="decimal" autoComplete="off" value={form.amount} onChange={set('amount')} />}
          </Field>
          <Field name="reservedOn" label={t('fin:grants.reservedOn')} errors={errors} required>
            {(p) => <input {...p} type="date" value={form.reservedOn} onChange={set('reservedOn')} />}
          </Field>
          <Field name="expectedReleaseOn" label={t('fin:grants.expectedReleaseOn')} errors={errors}>
            {(p) => <input {...p} type="date" value={form.expectedReleaseOn} onChange={set('expectedReleaseOn')} />}
          </Field>
        </div>
        <Field
          name="reservedByDecisionRef"
          label={t('fin:grants.reservedBy')}
          errors={errors}
          required
          hint={t('fin:grants.decisionHint')}
        >
          {(p) => <input {...p} value={form.reservedByDecisionRef} onChange={set('reservedByDecisionRef')} />}
        </Field>
        <Field name="conditions" label={t('fin:grants.conditions')} errors={errors}>
          {(p) => <textarea {...p} rows={3} value={form.conditions} onChange={set('conditions')} />}
        </Field>
        <div className="form-row">
          <button type="submit" disabled={reserve.isPending}>
            {t('fin:grants.reserve')}
          </button>
          <Link className="button secondary" to="/financing/grants">
            {t('common.cancel')}
          </Link>
        </div>
      </form>
    </section>
  );
}
