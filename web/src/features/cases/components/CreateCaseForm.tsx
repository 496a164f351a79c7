import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Field, FormError, useFormErrors } from '@/components/form';
import { useGovernanceModelOptions } from '@/lib/lookups';
import { useCreateCase, useInterests } from '../api';

const FIELDS = ['title', 'summary', 'governanceModelId', 'interest', 'councilDecisionRequired'] as const;

export function CreateCaseForm({ onDone, onCreated }: { onDone: () => void; onCreated: (id: string) => void }) {
  const { t, i18n } = useTranslation();
  // A case belongs to one partnership: with more than one to choose from, the form asks which (its interests follow).
  const models = useGovernanceModelOptions();
  const [model, setModel] = useState('');
  const chosenModel = model || models.data?.[0]?.id;
  const interests = useInterests(chosenModel);
  const create = useCreateCase();
  const { fieldErrors, formError, fromError, clear } = useFormErrors(FIELDS);
  const [title, setTitle] = useState('');
  const [summary, setSummary] = useState('');
  const [interest, setInterest] = useState('');
  const [council, setCouncil] = useState(false);
  const chosen = interest || interests.data?.[0]?.code || '';
  const description = interests.data?.find((i) => i.code === chosen)?.description;

  return (
    <form
      className="card"
      noValidate
      aria-label={t('cases.create')}
      onSubmit={(e) => {
        e.preventDefault();
        clear();
        create.mutate(
          {
            title: title.trim(),
            summary: summary.trim() || null,
            interest: chosen,
            councilDecisionRequired: council,
            governanceModelId: chosenModel ?? null,
          },
          { onSuccess: (c) => onCreated(c.id), onError: fromError },
        );
      }}
    >
      <h2>{t('cases.create')}</h2>
      <FormError error={formError} />
      <Field name="title" label={t('cases.caseTitle')} errors={fieldErrors} required>
        {(p) => <input {...p} value={title} onChange={(e) => setTitle(e.target.value)} />}
      </Field>
      <Field name="summary" label={t('cases.summary')} errors={fieldErrors}>
        {(p) => <textarea {...p} rows={3} value={summary} onChange={(e) => setSummary(e.target.value)} />}
      </Field>
 {(models.data?.length ?? 0) > 1 && (
        <Field name="governanceModelId" label={t('governance.model')} errors={fieldErrors} required>
          {(p) => (
            <select
              {...p}
              value={chosenModel ?? ''}
              onChange={(e) => {
                setModel(e.target.value);
                setInterest('');
              }}
            >
              {(models.data ?? []).map((m) => (
                <option key={m.id} value={m.id}>
                  {m.name}
                </option>
              ))}
            </select>
          )}
        </Field>
      )}
      <Field name="interest" label={t('cases.interest')} errors={fieldErrors} required hint={description ?? undefined}>
        {(p) => (
          <select {...p} value={chosen} onChange={(e) => setInterest(e.target.value)}>
            {(interests.data ?? []).map((i) => (
              <option key={i.code} value={i.code}>
                {(i18n.language === 'en' ? i.nameEn : null) || i.name}
              </option>
            ))}
          </select>
        )}
      </Field>
      <div className="field checkbox">
        <label>
          <input type="checkbox" checked={council} onChange={(e) => setCouncil(e.target.checked)} />{' '}
          {t('cases.councilDecisionRequired')}
        </label>
      </div>
      <div className="form-row">
        <button type="submit" disabled={create.isPending}>
          {t('cases.createSubmit')}
        </button>
        <button type="button" className="secondary" onClick={onDone}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
