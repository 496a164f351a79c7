import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Field, FormError, useFormErrors } from '@/components/form';
import { formatMoney } from '@/lib/format';
import { useAllocateEqually, usePayers } from '../api';
import { amountToJson } from '../money';
import { readAmount, useAmountLanguage } from './parts';

/** Splits a joint amount equally over a group payer's members (e.g. the 11 municipalities). */
export function AllocationCalculator({ governanceModelId }: { governanceModelId?: string }) {
  const { t } = useTranslation();
  const language = useAmountLanguage();
  const [amountError, setAmountError] = useState<string | null>(null);
  const payers = usePayers();
  const allocate = useAllocateEqually();
  // The groups of the partnership shown (a split never mixes two partnerships' payers).
  const groups = (payers.data ?? []).filter(
    (p) => p.memberOrganisationIds.length > 1 && (!governanceModelId || p.governanceModelId === governanceModelId),
  );
  const { fieldErrors, formError, fromError, clear } = useFormErrors(['amount', 'payerId']);
  const [amount, setAmount] = useState('800000');
  const [payerId, setPayerId] = useState('');
  const chosen = payerId || groups[0]?.id || '';
  const result = allocate.data;

  return (
    <div className="card">
      <form
        noValidate
        aria-label={t('financing.calculator')}
        onSubmit={(e) => {
          e.preventDefault();
          clear();
          // Read as text into exact kroner (no float parsing of a Danish "1.234,56").
          const parsed = readAmount(amount, language, t);
          setAmountError('error' in parsed ? parsed.error : null);
          if ('error' in parsed) return;
          allocate.mutate({ amount: amountToJson(parsed.value), payerId: chosen }, { onError: fromError });
        }}
      >
        <h3>{t('financing.calculator')}</h3>
        <p className="hint">{t('financing.calculatorHint')}</p>
        <FormError error={formError} />
        <div className="form-row">
          <Field name="amount" label={t('financing.amountDkk')} errors={amountError ? { ...fieldErrors, amount: [amountError] } : fieldErrors} required>
            {(p) => <input {...p} inputMode="decimal" value={amount} onChange={(e) => setAmount(e.target.value)} />}
          </Field>
          <Field name="payerId" label={t('financing.group')} errors={fieldErrors} required>
            {(p) => (
              <select {...p} value={chosen} onChange={(e) => setPayerId(e.target.value)}>
                {groups.map((g) => (
                  <option key={g.id} value={g.id}>
                    {g.name} ({g.memberOrganisationIds.length})
                  </option>
                ))}
              </select>
            )}
          </Field>
          <div className="field">
            <button type="submit" disabled={allocate.isPending || !chosen}>
              {t('financing.split')}
            </button>
          </div>
        </div>
      </form>
      {result ? (
        <div className="table-wrap" aria-live="polite">
          <table>
            <caption>{t('financing.splitResult', { count: result.parts.length })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('financing.party')}</th>
                <th scope="col" className="num">
                  {t('financing.amount')}
                </th>
              </tr>
            </thead>
            <tbody>
              {result.parts.map((part) => (
                <tr key={part.organisationId}>
                  <th scope="row">{part.name}</th>
                  <td className="num">{formatMoney(part.amount.amount, part.amount.currency)}</td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr>
                <th scope="row">{t('common.total')}</th>
                <td className="num">
                  <strong>{formatMoney(result.sumOfParts.amount, result.sumOfParts.currency)}</strong>
                </td>
              </tr>
            </tfoot>
          </table>
        </div>
      ) : null}
    </div>
  );
}
