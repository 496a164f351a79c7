import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { Field } from '@/components/form';
import { ErrorAlert, Loading } from '@/components/Status';
import { useCreateBudget, usePayers, useProgrammes, type Payer, type Programme } from '../api';
import { LinesEditor } from './NewBudgetVersionPage';
import { FinancingNav } from './parts';

const FIELDS = ['programmeId', 'code', 'name'] as const;

/** Creates a budget: its programme, code and name, and the lines of its first version (a draft). */
export function NewBudgetPage() {
  const programmes = useProgrammes();
  const payers = usePayers();
  if (programmes.isPending || payers.isPending) return <Loading />;
  const error = programmes.error ?? payers.error;
  if (error) {
    return (
      <section>
        <FinancingNav />
        <ErrorAlert error={error} />
      </section>
    );
  }
  return <NewBudgetForm programmes={programmes.data ?? []} payers={payers.data ?? []} />;
}

export function NewBudgetForm({ programmes, payers }: { programmes: readonly Programme[]; payers: readonly Payer[] }) {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const create = useCreateBudget();
  const [form, setForm] = useState({ programmeId: params.get('programme') ?? '', code: '', name: '' });
  const set = (key: keyof typeof form) => (e: { target: { value: string } }) =>
    setForm((f) => ({ ...f, [key]: e.target.value }));

  return (
    <LinesEditor
      title={t('fin:budgets.newBudget')}
      intro={t('fin:budgets.newBudgetIntro')}
      back={{ to: '/financing/budgets', label: t('fin:budgets.back') }}
      payers={payers}
      initial={[]}
      fields={FIELDS}
      submitLabel={t('fin:budgets.createBudget')}
      renderFields={(errors) => (
        <div className="form-row">
          <Field name="programmeId" label={t('fin:budgets.programme')} errors={errors} required>
            {(p) => (
              <select {...p} value={form.programmeId} onChange={set('programmeId')}>
                <option value="">{t('fin:choose')}</option>
                {programmes.map((x) => (
                  <option key={x.id} value={x.id}>
                    {x.name}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field name="code" label={t('fin:budgets.code')} hint={t('fin:budgets.codeHint')} errors={errors} required>
            {(p) => <input {...p} value={form.code} autoComplete="off" onChange={set('code')} />}
          </Field>
          <Field name="name" label={t('fin:budgets.name')} errors={errors} required>
            {(p) => <input {...p} value={form.name} onChange={set('name')} />}
          </Field>
        </div>
      )}
      save={({ note, lines }) =>
        create
          .mutateAsync({ programmeId: form.programmeId, code: form.code.trim(), name: form.name.trim(), note, lines })
          .then((created) => ({
            to: `/financing/budgets/${created.id}`,
            notice: t('fin:budgets.budgetCreated', { name: created.name }),
          }))
      }
    />
  );
}
