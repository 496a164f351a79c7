import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Field, FormError, useFormErrors } from '@/components/form';
import { today } from '@/lib/format';
import type { SeatView } from './model';

export interface PersonOption {
  id: string;
  name: string;
  detail?: string | null;
}

export interface AppointInput {
  personId: string;
  validFrom: string;
  appointedByDecisionRef: string | null;
}

const FIELDS = ['personId', 'validFrom', 'appointedByDecisionRef'] as const;

/** Appoints a person to a vacant seat: search, choose, date, and the decision behind it. */
export function AppointForm({
  seat,
  searchPeople,
  submit,
  onDone,
  onCancel,
}: {
  seat: SeatView;
  searchPeople: (q: string) => Promise<PersonOption[]>;
  submit: (input: AppointInput) => Promise<unknown>;
  onDone: () => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const { fieldErrors, formError, fromError, clear } = useFormErrors(FIELDS);
  const searchId = useId();
  const [q, setQ] = useState('');
  const [options, setOptions] = useState<PersonOption[]>([]);
  const [personId, setPersonId] = useState('');
  const [validFrom, setValidFrom] = useState(today());
  const [decisionRef, setDecisionRef] = useState('');
  const [pending, setPending] = useState(false);

  useEffect(() => {
    let live = true;
    const timer = setTimeout(() => {
      void searchPeople(q.trim()).then(
        (found) => {
          if (!live) return;
          setOptions(found);
          setPersonId((current) => (found.some((p) => p.id === current) ? current : (found[0]?.id ?? '')));
        },
        () => live && setOptions([]),
      );
    }, 200);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [q, searchPeople]);

  const title = t('bodies.appointTo', { seat: seat.label });
  return (
    <form
      noValidate
      aria-label={title}
      onSubmit={(e) => {
        e.preventDefault();
        clear();
        setPending(true);
        submit({ personId, validFrom, appointedByDecisionRef: decisionRef.trim() || null })
          .then(onDone, fromError)
          .finally(() => setPending(false));
      }}
    >
      <FormError error={formError} />
      <div className="form-row">
        <div className="field">
          <label htmlFor={searchId}>{t('bodies.searchPerson')}</label>
          <input id={searchId} type="search" value={q} onChange={(e) => setQ(e.target.value)} />
        </div>
        <Field name="personId" label={t('bodies.person')} errors={fieldErrors} required>
          {(p) => (
            <select {...p} value={personId} onChange={(e) => setPersonId(e.target.value)}>
              {options.length === 0 ? <option value="">{t('bodies.noPeopleFound')}</option> : null}
              {options.map((o) => (
                <option key={o.id} value={o.id}>
                  {o.detail ? `${o.name} (${o.detail})` : o.name}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      <div className="form-row">
        <Field name="validFrom" label={t('bodies.validFrom')} errors={fieldErrors} required>
          {(p) => <input {...p} type="date" value={validFrom} onChange={(e) => setValidFrom(e.target.value)} />}
        </Field>
        <Field name="appointedByDecisionRef" label={t('bodies.decisionRef')} errors={fieldErrors}>
          {(p) => <input {...p} value={decisionRef} onChange={(e) => setDecisionRef(e.target.value)} />}
        </Field>
      </div>
      <div className="form-row">
        <button type="submit" disabled={pending}>
          {t('bodies.appoint')}
        </button>
        <button type="button" className="secondary" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
