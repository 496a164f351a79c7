import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Field, FormError, useFormErrors } from '@/components/form';
import { Empty, ErrorAlert, Loading } from '@/components/Status';
import { codeName } from '@/lib/codes';
import { today } from '@/lib/format';
import { useOrganisationOverview } from '@/lib/lookups';
import { useAppointPerson } from '../api';

const FIELDS = ['seatId', 'validFrom', 'appointedByDecisionRef', 'personId'] as const;

/**
 * Appoints the person to a body from their own page: only the vacant seats of the person's
 * organisation are offered (seats it is represented in or appoints to, with no holder today).
 */
export function AppointToBodyForm({
  personId,
  organisationId,
  organisationName,
  onDone,
  onCancel,
}: {
  personId: string;
  organisationId: string;
  organisationName: string;
  onDone: (message: string) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const overview = useOrganisationOverview(organisationId);
  const appoint = useAppointPerson(personId);
  const { fieldErrors, formError, fromError, clear } = useFormErrors(FIELDS);
  const [seatId, setSeatId] = useState('');
  const [validFrom, setValidFrom] = useState(today());
  const [decisionRef, setDecisionRef] = useState('');

  if (overview.isPending) return <Loading />;
  if (overview.isError) return <ErrorAlert error={overview.error} onRetry={() => void overview.refetch()} />;
  const vacant = overview.data.seats.filter((s) => !s.holderPersonId);
  const title = t('people.appoint.title');
  if (vacant.length === 0) {
    return (
      <div className="card">
        <Empty>{t('people.appoint.none', { organisation: organisationName })}</Empty>
        <button type="button" className="secondary" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    );
  }
  const chosen = vacant.find((s) => s.seatId === seatId) ?? vacant[0]!;

  return (
    <form
      noValidate
      className="card"
      aria-label={title}
      onSubmit={(e) => {
        e.preventDefault();
        clear();
        appoint
          .mutateAsync({
            bodyId: chosen.bodyId,
            seatId: chosen.seatId,
            validFrom,
            appointedByDecisionRef: decisionRef.trim() || null,
          })
          .then(() => onDone(t('people.appoint.done', { body: chosen.bodyName, seat: chosen.label })), fromError);
      }}
    >
      <h2>{title}</h2>
      <p className="hint">{t('people.appoint.intro', { organisation: organisationName })}</p>
      <FormError error={formError} />
      <Field name="seatId" label={t('people.appoint.seat')} errors={fieldErrors} required>
        {(p) => (
          <select {...p} value={chosen.seatId} onChange={(e) => setSeatId(e.target.value)}>
            {vacant.map((s) => (
              <option key={s.seatId} value={s.seatId}>
                {`${s.bodyName} – ${s.label} (${codeName('seatRoles', s.role).toLowerCase()})`}
              </option>
            ))}
          </select>
        )}
      </Field>
      <div className="form-row">
        <Field name="validFrom" label={t('people.appoint.from')} errors={fieldErrors} required>
          {(p) => <input {...p} type="date" value={validFrom} onChange={(e) => setValidFrom(e.target.value)} />}
        </Field>
        <Field name="appointedByDecisionRef" label={t('people.appoint.decision')} errors={fieldErrors}>
          {(p) => <input {...p} value={decisionRef} onChange={(e) => setDecisionRef(e.target.value)} />}
        </Field>
      </div>
      <div className="form-row">
        <button type="submit" disabled={appoint.isPending}>
          {t('people.appoint.submit')}
        </button>
        <button type="button" className="secondary" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
