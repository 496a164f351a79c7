import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Field, FormError, useFormErrors } from '@/components/form';
import { BODY_EDIT_NS } from '../i18n';
import { RELATION_KINDS, type Option } from './model';

export interface RelationInput {
  toBodyId: string;
  kind: (typeof RELATION_KINDS)[number];
  note: string | null;
}

const FIELDS = ['toBodyId', 'kind', 'note'] as const;

/** Adds a relation from this body to another body of the same governance model. */
export function RelationForm({
  bodyName,
  bodies,
  submit,
  onDone,
  onCancel,
}: {
  bodyName: string;
  bodies: Option[];
  submit: (input: RelationInput) => Promise<unknown>;
  onDone: (input: RelationInput) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation(BODY_EDIT_NS);
  const { t: tc } = useTranslation();
  const { fieldErrors, formError, fromError, clear } = useFormErrors(FIELDS);
  const [pending, setPending] = useState(false);
  const [kind, setKind] = useState<RelationInput['kind']>('reportsTo');
  const [toBodyId, setToBodyId] = useState('');
  const [note, setNote] = useState('');
  const title = t('addRelationTitle', { body: bodyName });

  return (
    <form
      className="card wide-fields"
      noValidate
      aria-label={title}
      onSubmit={(e) => {
        e.preventDefault();
        clear();
        setPending(true);
        const input: RelationInput = { toBodyId, kind, note: note.trim() || null };
        submit(input)
          .then(() => onDone(input), fromError)
          .finally(() => setPending(false));
      }}
    >
      <h3>{title}</h3>
      <FormError error={formError} />
      <div className="form-row">
        <Field name="kind" label={t('relationKind')} errors={fieldErrors} required>
          {(p) => (
            <select {...p} value={kind} onChange={(e) => setKind(e.target.value as RelationInput['kind'])}>
              {RELATION_KINDS.map((k) => (
                <option key={k} value={k}>
                  {tc(`governance.relationKinds.${k}`, { defaultValue: k })}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field name="toBodyId" label={t('relationTo')} errors={fieldErrors} required>
          {(p) => (
            <select {...p} value={toBodyId} onChange={(e) => setToBodyId(e.target.value)}>
              <option value="">{t('chooseBody')}</option>
              {bodies.map((b) => (
                <option key={b.id} value={b.id}>
                  {b.name}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      <Field name="note" label={t('relationNote')} errors={fieldErrors}>
        {(p) => <input {...p} value={note} onChange={(e) => setNote(e.target.value)} />}
      </Field>
      <div className="form-row">
        <button type="submit" disabled={pending}>
          {t('addRelation')}
        </button>
        <button type="button" className="secondary" onClick={onCancel}>
          {tc('common.cancel')}
        </button>
      </div>
    </form>
  );
}
