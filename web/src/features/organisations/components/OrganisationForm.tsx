import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Field, FormError, useFormErrors } from '@/components/form';
import {
  ORGANISATION_KINDS,
  useCreateOrganisation,
  useUpdateOrganisation,
  type Organisation,
  type OrganisationKind,
  type OrganisationUpdate,
} from '../api';

const FIELDS = ['kind', 'name', 'shortName', 'municipalityCode', 'regionCode', 'cvr'] as const;

/** Edits an organisation (with its ETag), or creates one when none is given. */
export function OrganisationForm({
  organisation,
  etag,
  onDone,
  onCreated,
  onReload,
}: {
  organisation?: Organisation;
  etag?: string;
  onDone: () => void;
  onCreated?: (created: Organisation) => void;
  onReload?: () => void;
}) {
  const { t } = useTranslation();
  const update = useUpdateOrganisation(organisation?.id ?? '');
  const create = useCreateOrganisation();
  const pending = update.isPending || create.isPending;
  const { fieldErrors, formError, fromError, clear } = useFormErrors(FIELDS);
  const [form, setForm] = useState<OrganisationUpdate>({
    kind: organisation?.kind ?? 'municipality',
    name: organisation?.name ?? '',
    shortName: organisation?.shortName ?? '',
    municipalityCode: organisation?.municipalityCode ?? '',
    regionCode: organisation?.regionCode ?? '',
    cvr: organisation?.cvr ?? '',
  });
  const title = organisation ? t('organisations.edit') : t('organisations.create');
  const set = (key: keyof OrganisationUpdate) => (e: { target: { value: string } }) =>
    setForm((f) => ({ ...f, [key]: e.target.value }));
  const blankToNull = (v: string | null | undefined) => (v ? v : null);

  return (
    <form
      className="card"
      noValidate
      aria-label={title}
      onSubmit={(e) => {
        e.preventDefault();
        clear();
        const body = {
          ...form,
          shortName: blankToNull(form.shortName),
          municipalityCode: blankToNull(form.municipalityCode),
          regionCode: blankToNull(form.regionCode),
          cvr: blankToNull(form.cvr),
        };
        if (organisation && etag) {
          update.mutate({ etag, body }, { onSuccess: onDone, onError: fromError });
        } else {
          create.mutate(body, {
            onSuccess: (created) => (onCreated ? onCreated(created) : onDone()),
            onError: fromError,
          });
        }
      }}
    >
      <h2>{title}</h2>
      <FormError error={formError} onReload={onReload} />
      <Field name="name" label={t('common.name')} errors={fieldErrors} required>
        {(p) => <input {...p} value={form.name} onChange={set('name')} />}
      </Field>
      <Field name="kind" label={t('common.kind')} errors={fieldErrors} required>
        {(p) => (
          <select
            {...p}
            value={form.kind}
            onChange={(e) => setForm((f) => ({ ...f, kind: e.target.value as OrganisationKind }))}
          >
            {ORGANISATION_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`organisations.kinds.${k}`)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <div className="form-row">
        <Field name="shortName" label={t('organisations.shortName')} errors={fieldErrors}>
          {(p) => <input {...p} value={form.shortName ?? ''} onChange={set('shortName')} />}
        </Field>
        <Field name="municipalityCode" label={t('organisations.municipalityCode')} errors={fieldErrors}>
          {(p) => <input {...p} inputMode="numeric" value={form.municipalityCode ?? ''} onChange={set('municipalityCode')} />}
        </Field>
        <Field name="regionCode" label={t('organisations.regionCode')} errors={fieldErrors}>
          {(p) => <input {...p} inputMode="numeric" value={form.regionCode ?? ''} onChange={set('regionCode')} />}
        </Field>
        <Field name="cvr" label={t('organisations.cvr')} errors={fieldErrors}>
          {(p) => <input {...p} inputMode="numeric" value={form.cvr ?? ''} onChange={set('cvr')} />}
        </Field>
      </div>
      <div className="form-row">
        <button type="submit" disabled={pending}>
          {t('common.save')}
        </button>
        <button type="button" className="secondary" onClick={onDone}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
