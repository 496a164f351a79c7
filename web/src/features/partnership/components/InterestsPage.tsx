import { Fragment, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Field, FormError, useFormErrors } from '@/components/form';
import { useModelChoice } from '@/components/ModelPicker';
import { ListStates } from '@/components/Status';
import { formatDate } from '@/lib/format';
import { useSession } from '@/lib/session';
import { useCreateInterest, useInterests, useRetireInterest, useUpdateInterest, type Interest } from '../api';
import { PARTNER_NS } from '../i18n';
import { EditableRow, Notice, RowActions, useRowEditing } from './parts';

const FIELDS = ['code', 'name', 'nameEn', 'description', 'ordinal'] as const;

interface InterestForm {
  code: string;
  name: string;
  nameEn: string;
  description: string;
  ordinal: string;
}

const blank = (s: string) => (s.trim() === '' ? null : s.trim());

/** A model's case interests: list (retired ones marked), create, change and retire. */
export function InterestsPage() {
  const { t } = useTranslation(PARTNER_NS);
  const { can } = useSession();
  const { modelId } = useModelChoice();
  const interests = useInterests(modelId);
  const retire = useRetireInterest(modelId ?? '');
  const rows = useRowEditing<'retire'>(interests.refetch);
  const writable = can('governance:write');
  const items = interests.data ?? [];

  return (
    <section aria-labelledby="interests-title">
      <h2 id="interests-title">{t('interests.title')}</h2>
      <p>{t('interests.intro')}</p>
      <Notice text={rows.notice} />
      <ListStates list={{ ...interests, items }} empty={t('interests.none')}>
        {() => (
          <div className="table-wrap">
            <table>
              <caption className="visually-hidden">{t('interests.title')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('interests.nameDa')}</th>
                  <th scope="col">{t('code')}</th>
                  <th scope="col">{t('interests.nameEn')}</th>
                  <th scope="col">{t('description')}</th>
                  <th scope="col" className="num">
                    {t('interests.ordinal')}
                  </th>
                  <th scope="col">{t('interests.status')}</th>
                  {writable ? <th scope="col">{t('actions')}</th> : null}
                </tr>
              </thead>
              <tbody>
                {items.map((i) => (
                  <Fragment key={i.code}>
                    <tr data-interest={i.code}>
                      <th scope="row">{i.name}</th>
                      <td>
                        <code>{i.code}</code>
                      </td>
                      <td lang="en">{i.nameEn ?? t('none')}</td>
                      <td>{i.description ?? t('none')}</td>
                      <td className="num">{i.ordinal}</td>
                      <td>
                        {i.retiredAt ? (
                          <span className="badge retired">{t('interests.retired', { date: formatDate(i.retiredAt) })}</span>
                        ) : (
                          <span className="badge live">{t('interests.active')}</span>
                        )}
                      </td>
                      {writable ? (
                        <td>
                          {i.retiredAt ? null : (
                            <RowActions
                              edit={{ label: t('edit'), name: t('editFor', { name: i.name }), onClick: () => rows.act('edit', i.code) }}
                              remove={{ label: t('interests.retire'), name: t('interests.retireFor', { name: i.name }), onClick: () => rows.act('retire', i.code) }}
                            />
                          )}
                        </td>
                      ) : null}
                    </tr>
                    <EditableRow
                      rows={rows}
                      id={i.code}
                      colSpan={7}
                      editor={() => <InterestEditor modelId={modelId!} interest={i} onDone={rows.saved} onReload={rows.reload} />}
                      confirm={{
                        question: t('interests.retireQuestion', { name: i.name }),
                        confirmLabel: t('interests.retire'),
                        run: () => retire.mutateAsync({ code: i.code, version: i.version }),
                        doneText: t('interests.retired_done', { name: i.name }),
                      }}
                    />
                  </Fragment>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </ListStates>
      {writable && modelId ? (
        <InterestEditor
          key={modelId}
          modelId={modelId}
          onDone={(name) => name && rows.done(t('created', { name }))}
        />
      ) : null}
    </section>
  );
}

/** Creates an interest (no `interest` given) or changes one (its code stays; If-Match with the version it was read at). */
function InterestEditor({
  modelId,
  interest,
  onDone,
  onReload,
}: {
  modelId: string;
  interest?: Interest;
  onDone: (savedName: string | null) => void;
  onReload?: () => void;
}) {
  const { t } = useTranslation(PARTNER_NS);
  const create = useCreateInterest(modelId);
  const update = useUpdateInterest(modelId);
  const initial: InterestForm = {
    code: interest?.code ?? '',
    name: interest?.name ?? '',
    nameEn: interest?.nameEn ?? '',
    description: interest?.description ?? '',
    // A new interest goes last unless an order is given (the API takes the next number).
    ordinal: interest ? String(interest.ordinal) : '',
  };
  const [form, setForm] = useState<InterestForm>(initial);
  const { fieldErrors: serverErrors, formError, fromError, clear } = useFormErrors(FIELDS);
  const [ordinalError, setOrdinalError] = useState<string | null>(null);
  const fieldErrors = ordinalError ? { ...serverErrors, ordinal: [ordinalError] } : serverErrors;
  const pending = create.isPending || update.isPending;
  const set = (k: keyof InterestForm) => (e: React.ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) =>
    setForm((f) => ({ ...f, [k]: e.target.value }));

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    clear();
    const ordinal = /^\d+$/.test(form.ordinal.trim()) ? Number(form.ordinal.trim()) : null;
    if (form.ordinal.trim() !== '' && ordinal === null) {
      setOrdinalError(t('rules.wholeNumber'));
      return;
    }
    setOrdinalError(null);
    try {
      if (interest) {
        await update.mutateAsync({
          code: interest.code,
          version: interest.version,
          body: { name: form.name.trim(), nameEn: blank(form.nameEn), description: blank(form.description), ordinal: ordinal ?? interest.ordinal },
        });
        onDone(form.name.trim());
      } else {
        const created = await create.mutateAsync({
          code: form.code.trim(),
          name: form.name.trim(),
          nameEn: blank(form.nameEn),
          description: blank(form.description),
          ordinal,
        });
        setForm(initial);
        onDone(created.name);
      }
    } catch (error) {
      fromError(error);
    }
  };

  const title = interest ? t('editFor', { name: interest.name }) : t('interests.create');
  return (
    <form className="partner-form" aria-label={title} onSubmit={(e) => void submit(e)} noValidate>
      <h3>{title}</h3>
      {interest ? null : <p>{t('interests.createIntro')}</p>}
      <FormError
        error={formError && (formError.stale ? { ...formError, message: t('stale') } : formError)}
        onReload={onReload}
      />
      <div className="form-row">
        {interest ? null : (
          <Field name="code" label={t('code')} errors={fieldErrors} required hint={t('codeHint')}>
            {(p) => <input {...p} value={form.code} onChange={set('code')} autoComplete="off" maxLength={40} />}
          </Field>
        )}
        <Field name="name" label={t('interests.nameDa')} errors={fieldErrors} required>
          {(p) => <input {...p} value={form.name} onChange={set('name')} maxLength={200} />}
        </Field>
        <Field name="nameEn" label={t('interests.nameEn')} errors={fieldErrors}>
          {(p) => <input {...p} lang="en" value={form.nameEn} onChange={set('nameEn')} maxLength={200} />}
        </Field>
        <Field name="ordinal" label={t('interests.ordinal')} errors={fieldErrors} hint={interest ? undefined : t('interests.ordinalHint')}>
          {(p) => <input {...p} inputMode="numeric" value={form.ordinal} onChange={set('ordinal')} size={4} />}
        </Field>
      </div>
      <Field name="description" label={t('description')} errors={fieldErrors}>
        {(p) => <textarea {...p} value={form.description} onChange={set('description')} maxLength={2000} />}
      </Field>
      <div className="form-row">
        <button type="submit" disabled={pending}>
          {interest ? t('save') : t('interests.create')}
        </button>
        {interest ? (
          <button type="button" className="secondary" onClick={() => onDone(null)}>
            {t('cancel')}
          </button>
        ) : null}
      </div>
    </form>
  );
}
