import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Field, FormError, useFormErrors } from '@/components/form';
import { useOrganisationOptions } from '@/lib/lookups';
import { useCreatePerson, useUpdatePerson, type Person, type PersonInput } from '../api';

const FIELDS = ['name', 'title', 'organisationId', 'email', 'phone', 'notes'] as const;

/** Creates a person, or edits one when given with its ETag. */
export function PersonForm({
  person,
  etag,
  onDone,
  onCreated,
  onReload,
}: {
  person?: Person;
  etag?: string;
  onDone: () => void;
  onCreated?: (p: Person) => void;
  onReload?: () => void;
}) {
  const { t } = useTranslation();
  const organisations = useOrganisationOptions();
  const create = useCreatePerson();
  const update = useUpdatePerson(person?.id ?? '');
  const { fieldErrors, formError, fromError, clear } = useFormErrors(FIELDS);
  const [form, setForm] = useState({
    name: person?.name ?? '',
    title: person?.title ?? '',
    organisationId: person?.organisationId ?? '',
    email: person?.email ?? '',
    phone: person?.phone ?? '',
    notes: person?.notes ?? '',
  });
  const set = (key: keyof typeof form) => (e: { target: { value: string } }) =>
    setForm((f) => ({ ...f, [key]: e.target.value }));
  const title = person ? t('people.edit') : t('people.create');
  const orNull = (v: string) => (v.trim() ? v.trim() : null);

  return (
    <form
      className="card"
      noValidate
      aria-label={title}
      onSubmit={(e) => {
        e.preventDefault();
        clear();
        const body: PersonInput = {
          name: form.name.trim(),
          title: orNull(form.title),
          organisationId: orNull(form.organisationId),
          email: orNull(form.email),
          phone: orNull(form.phone),
          notes: orNull(form.notes),
        };
        if (person && etag) update.mutate({ body, etag }, { onSuccess: onDone, onError: fromError });
        else
          create.mutate(body, {
            onSuccess: (created) => (onCreated ? onCreated(created) : onDone()),
            onError: fromError,
          });
      }}
    >
      <h2>{title}</h2>
      <FormError error={formError} onReload={onReload} />
      <div className="form-row">
        <Field name="name" label={t('common.name')} errors={fieldErrors} required>
          {(p) => <input {...p} value={form.name} onChange={set('name')} autoComplete="off" />}
        </Field>
        <Field name="title" label={t('people.jobTitle')} errors={fieldErrors}>
          {(p) => <input {...p} value={form.title} onChange={set('title')} />}
        </Field>
        <Field name="organisationId" label={t('people.organisation')} errors={fieldErrors}>
          {(p) => (
            <select {...p} value={form.organisationId} onChange={set('organisationId')}>
              <option value="">{t('common.none')}</option>
              {(organisations.data ?? [])
                .slice()
                .sort((a, b) => a.name.localeCompare(b.name, 'da'))
                .map((o) => (
                  <option key={o.id} value={o.id}>
                    {o.name}
                  </option>
                ))}
            </select>
          )}
        </Field>
      </div>
      <div className="form-row">
        <Field name="email" label={t('people.email')} errors={fieldErrors} hint={t('people.restricted')}>
          {(p) => <input {...p} type="email" value={form.email} onChange={set('email')} autoComplete="off" />}
        </Field>
        <Field name="phone" label={t('people.phone')} errors={fieldErrors}>
          {(p) => <input {...p} type="tel" value={form.phone} onChange={set('phone')} autoComplete="off" />}
        </Field>
      </div>
      <Field name="notes" label={t('people.notes')} errors={fieldErrors}>
        {(p) => <textarea {...p} rows={3} value={form.notes} onChange={set('notes')} />}
      </Field>
      <div className="form-row">
        <button type="submit" disabled={create.isPending || update.isPending}>
          {t('common.save')}
        </button>
        <button type="button" className="secondary" onClick={onDone}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
