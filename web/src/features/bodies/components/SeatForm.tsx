import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Field, FormError, useFormErrors } from '@/components/form';
import { BODY_EDIT_NS } from '../i18n';
import { SEAT_ROLES, type Option } from './model';

export interface SeatInput {
  label: string;
  category: string | null;
  role: (typeof SEAT_ROLES)[number];
  voting: boolean;
  representsOrganisationId: string | null;
  ordinal: number | null;
}

const FIELDS = ['label', 'category', 'role', 'representsOrganisationId', 'ordinal'] as const;

/**
 * Adds a seat to a body, or edits one (`seat` given: the form starts from it and saves with its version). A seat that would break a hard composition rule is refused by the server, which
 * names the rule; its message is shown on the field it concerns (often "represents").
 */
export function SeatForm({
  bodyName,
  seat,
  organisations,
  submit,
  onDone,
  onCancel,
  onReload,
}: {
  bodyName: string;
  seat?: SeatInput;
  organisations: Option[];
  submit: (input: SeatInput) => Promise<unknown>;
  onDone: (input: SeatInput) => void;
  onCancel: () => void;
  onReload?: () => void;
}) {
  const { t } = useTranslation(BODY_EDIT_NS);
  const { t: tc } = useTranslation();
  const { fieldErrors, formError, fromError, clear } = useFormErrors(FIELDS);
  const [pending, setPending] = useState(false);
  const [label, setLabel] = useState(seat?.label ?? '');
  const [category, setCategory] = useState(seat?.category ?? '');
  const [role, setRole] = useState<SeatInput['role']>(seat?.role ?? 'member');
  const [voting, setVoting] = useState(seat?.voting ?? true);
  const [represents, setRepresents] = useState(seat?.representsOrganisationId ?? '');
  const [ordinal, setOrdinal] = useState(seat?.ordinal != null ? String(seat.ordinal) : '');
  const title = seat ? t('editSeatTitle', { seat: seat.label }) : t('addSeatTitle', { body: bodyName });

  return (
    <form
      className="card wide-fields"
      noValidate
      aria-label={title}
      onSubmit={(e) => {
        e.preventDefault();
        clear();
        setPending(true);
        const input: SeatInput = {
          label: label.trim(),
          category: category.trim() || null,
          role,
          voting,
          representsOrganisationId: represents || null,
          ordinal: ordinal.trim() ? Number(ordinal) : null,
        };
        submit(input)
          .then(() => onDone(input), fromError)
          .finally(() => setPending(false));
      }}
    >
      <h3>{title}</h3>
      <FormError error={formError} onReload={onReload} />
      <div className="form-row">
        <Field name="label" label={t('seatLabel')} hint={t('seatLabelHint')} errors={fieldErrors} required>
          {(p) => <input {...p} value={label} onChange={(e) => setLabel(e.target.value)} />}
        </Field>
        <Field name="representsOrganisationId" label={t('represents')} errors={fieldErrors}>
          {(p) => (
            <select {...p} value={represents} onChange={(e) => setRepresents(e.target.value)}>
              <option value="">{t('noOrganisation')}</option>
              {organisations.map((o) => (
                <option key={o.id} value={o.id}>
                  {o.name}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      <div className="form-row">
        <Field name="role" label={t('role')} errors={fieldErrors} required>
          {(p) => (
            <select {...p} value={role} onChange={(e) => setRole(e.target.value as SeatInput['role'])}>
              {SEAT_ROLES.map((r) => (
                <option key={r} value={r}>
                  {t(`roles.${r}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field name="category" label={t('category')} hint={t('categoryHint')} errors={fieldErrors}>
          {(p) => <input {...p} value={category} onChange={(e) => setCategory(e.target.value)} />}
        </Field>
        <Field name="ordinal" label={t('ordinal')} hint={t('ordinalHint')} errors={fieldErrors}>
          {(p) => (
            <input
              {...p}
              type="number"
              min={1}
              inputMode="numeric"
              value={ordinal}
              onChange={(e) => setOrdinal(e.target.value)}
            />
          )}
        </Field>
      </div>
      <div className="field checkbox">
        <label>
          <input type="checkbox" name="voting" checked={voting} onChange={(e) => setVoting(e.target.checked)} />{' '}
          {t('voting')}
        </label>
      </div>
      <div className="form-row">
        <button type="submit" disabled={pending}>
          {seat ? t('saveSeat') : t('addSeat')}
        </button>
        <button type="button" className="secondary" onClick={onCancel}>
          {tc('common.cancel')}
        </button>
      </div>
    </form>
  );
}
