import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Field, FormError, useFormErrors } from '@/components/form';
import { today } from '@/lib/format';
import type { MemberView, SeatView } from './model';

export interface EndMembershipInput {
  validTo: string;
  endReason: string | null;
}

const FIELDS = ['validTo', 'reason'] as const;

export function EndMembershipForm({
  seat,
  member,
  submit,
  onDone,
  onCancel,
}: {
  seat: SeatView;
  member: MemberView;
  submit: (input: EndMembershipInput) => Promise<unknown>;
  onDone: () => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const { fieldErrors, formError, fromError, clear } = useFormErrors(FIELDS);
  const [validTo, setValidTo] = useState(today());
  const [endReason, setEndReason] = useState('');
  const [pending, setPending] = useState(false);
  const title = t('bodies.endFor', { name: member.personName, seat: seat.label });

  return (
    <form
      noValidate
      aria-label={title}
      onSubmit={(e) => {
        e.preventDefault();
        clear();
        setPending(true);
        submit({ validTo, endReason: endReason.trim() || null })
          .then(onDone, fromError)
          .finally(() => setPending(false));
      }}
    >
      <FormError error={formError} />
      <div className="form-row">
        <Field name="validTo" label={t('bodies.endDate')} errors={fieldErrors} required>
          {(p) => <input {...p} type="date" value={validTo} onChange={(e) => setValidTo(e.target.value)} />}
        </Field>
        <Field name="reason" label={t('bodies.endReason')} errors={fieldErrors} required>
          {(p) => <input {...p} value={endReason} onChange={(e) => setEndReason(e.target.value)} />}
        </Field>
      </div>
      <div className="form-row">
        <button type="submit" disabled={pending}>
          {t('bodies.end')}
        </button>
        <button type="button" className="secondary" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
