import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Field, FormError, useFormErrors } from '@/components/form';
import { BODY_EDIT_NS } from '../i18n';
import { BODY_KINDS, type Option } from './model';

/** The body's own fields, as PUT /api/bodies/{id} takes them (the whole body is sent each time). */
export interface BodyInput {
  /** Only when creating: the governance model the new body belongs to (POST /api/bodies). */
  governanceModelId?: string;
  code: string;
  name: string;
  nameEn: string | null;
  kind: string;
  mandate: string | null;
  canDecide: boolean;
  hostOrganisationId: string | null;
  establishedOn: string | null;
  establishedByCaseRef: string | null;
  dissolvedOn: string | null;
  dissolvedByCaseRef: string | null;
  /** Not edited here, but sent back as read: PUT replaces the whole body, and leaving them out would clear them. */
  servedByBodyId?: string | null;
  servedByOrganisationId?: string | null;
}

const FIELDS = [
  'governanceModelId',
  'code',
  'name',
  'nameEn',
  'kind',
  'mandate',
  'hostOrganisationId',
  'establishedOn',
  'establishedByCaseRef',
  'dissolvedOn',
  'dissolvedByCaseRef',
] as const;

type Draft = { [K in keyof Omit<BodyInput, 'governanceModelId'>]: BodyInput[K] extends boolean ? boolean : string } & {
  governanceModelId: string;
};

const blankToNull = (v: string) => (v.trim() ? v.trim() : null);

/**
 * Edits a body's name, mandate, kind, host and establishment. `submit` sends it with the ETag the page read;
 * the server's messages land on the fields they name, and a 412 says someone else changed the body first.
 * Given `models`, it creates a body instead: the governance model is chosen first and nothing is dissolved yet.
 */
export function BodyForm({
  body,
  organisations,
  models,
  submit,
  onDone,
  onCancel,
  onReload,
}: {
  body: BodyInput;
  organisations: Option[];
  /** Creating: the governance models to choose between. */
  models?: Option[];
  submit: (input: BodyInput) => Promise<unknown>;
  onDone: () => void;
  onCancel: () => void;
  onReload?: () => void;
}) {
  const creating = models !== undefined;
  const { t } = useTranslation(BODY_EDIT_NS);
  const { t: tc } = useTranslation();
  const { fieldErrors, formError, fromError, clear } = useFormErrors(FIELDS);
  const [pending, setPending] = useState(false);
  const [draft, setDraft] = useState<Draft>({
    governanceModelId: body.governanceModelId ?? '',
    code: body.code,
    name: body.name,
    nameEn: body.nameEn ?? '',
    kind: body.kind,
    mandate: body.mandate ?? '',
    canDecide: body.canDecide,
    hostOrganisationId: body.hostOrganisationId ?? '',
    establishedOn: body.establishedOn ?? '',
    establishedByCaseRef: body.establishedByCaseRef ?? '',
    dissolvedOn: body.dissolvedOn ?? '',
    dissolvedByCaseRef: body.dissolvedByCaseRef ?? '',
  });
  const set =
    (key: Exclude<keyof Draft, 'canDecide'>) =>
    (e: { target: { value: string } }) =>
      setDraft((d) => ({ ...d, [key]: e.target.value }));
  const title = creating ? t('createTitle') : t('editTitle', { name: body.name });

  return (
    <form
      className="card wide-fields"
      noValidate
      aria-label={title}
      onSubmit={(e) => {
        e.preventDefault();
        clear();
        setPending(true);
        submit({
          ...(creating ? { governanceModelId: draft.governanceModelId } : {}),
          code: draft.code.trim(),
          name: draft.name.trim(),
          nameEn: blankToNull(draft.nameEn),
          kind: draft.kind,
          mandate: blankToNull(draft.mandate),
          canDecide: draft.canDecide,
          hostOrganisationId: draft.hostOrganisationId || null,
          establishedOn: draft.establishedOn || null,
          establishedByCaseRef: blankToNull(draft.establishedByCaseRef),
          dissolvedOn: draft.dissolvedOn || null,
          dissolvedByCaseRef: blankToNull(draft.dissolvedByCaseRef),
          servedByBodyId: body.servedByBodyId ?? null,
          servedByOrganisationId: body.servedByOrganisationId ?? null,
        })
          .then(onDone, fromError)
          .finally(() => setPending(false));
      }}
    >
      <h2>{title}</h2>
      <FormError error={formError} onReload={onReload} />
      {creating ? (
        <Field name="governanceModelId" label={t('model')} errors={fieldErrors} required>
          {(p) => (
            <select {...p} value={draft.governanceModelId} onChange={set('governanceModelId')}>
              <option value="">{t('chooseModel')}</option>
              {models.map((m) => (
                <option key={m.id} value={m.id}>
                  {m.name}
                </option>
              ))}
            </select>
          )}
        </Field>
      ) : null}
      <div className="form-row">
        <Field name="name" label={t('name')} errors={fieldErrors} required>
          {(p) => <input {...p} value={draft.name} onChange={set('name')} />}
        </Field>
        <Field name="nameEn" label={t('nameEn')} errors={fieldErrors}>
          {(p) => <input {...p} lang="en" value={draft.nameEn} onChange={set('nameEn')} />}
        </Field>
      </div>
      <div className="form-row">
        <Field name="code" label={t('code')} hint={t('codeHint')} errors={fieldErrors} required>
          {(p) => <input {...p} value={draft.code} onChange={set('code')} autoCapitalize="off" spellCheck={false} />}
        </Field>
        <Field name="kind" label={t('kind')} errors={fieldErrors} required>
          {(p) => (
            <select {...p} value={draft.kind} onChange={set('kind')}>
              {BODY_KINDS.map((k) => (
                <option key={k} value={k}>
                  {tc(`bodies.kinds.${k}`, { defaultValue: k })}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      <Field name="mandate" label={t('mandate')} errors={fieldErrors}>
        {(p) => <textarea {...p} rows={5} value={draft.mandate} onChange={set('mandate')} />}
      </Field>
      <div className="field checkbox">
        <label>
          <input
            type="checkbox"
            name="canDecide"
            checked={draft.canDecide}
            onChange={(e) => setDraft((d) => ({ ...d, canDecide: e.target.checked }))}
          />{' '}
          {t('canDecide')}
        </label>
      </div>
      <Field name="hostOrganisationId" label={t('host')} errors={fieldErrors}>
        {(p) => (
          <select {...p} value={draft.hostOrganisationId} onChange={set('hostOrganisationId')}>
            <option value="">{t('noHost')}</option>
            {organisations.map((o) => (
              <option key={o.id} value={o.id}>
                {o.name}
              </option>
            ))}
          </select>
        )}
      </Field>
      <div className="form-row">
        <Field name="establishedOn" label={t('establishedOn')} errors={fieldErrors}>
          {(p) => <input {...p} type="date" value={draft.establishedOn} onChange={set('establishedOn')} />}
        </Field>
        <Field name="establishedByCaseRef" label={t('establishedByCaseRef')} errors={fieldErrors}>
          {(p) => <input {...p} value={draft.establishedByCaseRef} onChange={set('establishedByCaseRef')} />}
        </Field>
      </div>
      {creating ? null : (
        <div className="form-row">
          <Field name="dissolvedOn" label={t('dissolvedOn')} hint={t('dissolvedHint')} errors={fieldErrors}>
            {(p) => <input {...p} type="date" value={draft.dissolvedOn} onChange={set('dissolvedOn')} />}
          </Field>
          <Field name="dissolvedByCaseRef" label={t('dissolvedByCaseRef')} errors={fieldErrors}>
            {(p) => <input {...p} value={draft.dissolvedByCaseRef} onChange={set('dissolvedByCaseRef')} />}
          </Field>
        </div>
      )}
      <div className="form-row">
        <button type="submit" disabled={pending}>
          {creating ? t('create') : tc('common.save')}
        </button>
        <button type="button" className="secondary" onClick={onCancel}>
          {tc('common.cancel')}
        </button>
      </div>
    </form>
  );
}
