import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { Field, FormError, useFormErrors } from '@/components/form';
import { PageTitle } from '@/components/Layout';
import { ErrorAlert, Loading } from '@/components/Status';
import { formatNumber } from '@/lib/format';
import { positionEtag, useProgrammes, useSetPositionFunding, useStaffing, type FundedPosition } from '../api';
import { amountToInput, amountToJson } from '../money';
import { FinancingNav, readAmount, useAmountLanguage } from './parts';

/** Edits what funds one position (its programme and annual cost), sent with If-Match. */
export function PositionFundingPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const staffing = useStaffing();
  const position = staffing.data?.find((p) => p.id === id);

  if (staffing.isPending) return <Loading />;
  return (
    <section>
      <FinancingNav />
      <p>
        <Link to="/financing/staffing">{t('fin:staffing.back')}</Link>
      </p>
      {staffing.isError ? (
        <ErrorAlert error={staffing.error} onRetry={() => void staffing.refetch()} />
      ) : !position ? (
        <div className="alert alert-error" role="alert">
          <p>{t('fin:staffing.notFound')}</p>
        </div>
      ) : (
        // Keyed by version: after a reload the form starts again from what is stored now.
        <PositionFundingForm key={position.version} position={position} onReload={() => void staffing.refetch()} />
      )}
    </section>
  );
}

const FIELDS = ['fundingProgrammeId', 'annualCost', 'annualCostNote'] as const;

export function PositionFundingForm({ position, onReload }: { position: FundedPosition; onReload: () => void }) {
  const { t } = useTranslation();
  const language = useAmountLanguage();
  const navigate = useNavigate();
  const programmes = useProgrammes();
  const save = useSetPositionFunding(position.id);
  const { fieldErrors, formError, fromError, clear } = useFormErrors(FIELDS);
  const [amountError, setAmountError] = useState<string | null>(null);
  const [programmeId, setProgrammeId] = useState(position.fundingProgrammeId ?? '');
  const [annualCost, setAnnualCost] = useState(amountToInput(position.annualCost?.amount, language));
  const [annualCostNote, setAnnualCostNote] = useState(position.annualCostNote ?? '');
  const title = t('fin:staffing.editTitle', { title: position.title });
  const errors = amountError ? { ...fieldErrors, annualCost: [amountError] } : fieldErrors;

  return (
    <>
      <PageTitle>{title}</PageTitle>
      <p>
        {position.employerName} · {t('fin:staffing.fteOf', { fte: formatNumber(position.fte, 2) })}
        {position.placementBodyName ? ` · ${position.placementBodyName}` : ''}
      </p>
      <form
        className="card narrow"
        noValidate
        aria-label={title}
        onSubmit={(e) => {
          e.preventDefault();
          clear();
          setAmountError(null);
          // No cost is sent as an absent property (the contract has no null for a $ref); the API stores it as not stated.
          let cost: { amount: number; currency: string } | undefined;
          if (annualCost.trim()) {
            const amount = readAmount(annualCost, language, t);
            if ('error' in amount) {
              setAmountError(amount.error);
              return;
            }
            cost = { amount: amountToJson(amount.value), currency: 'DKK' };
          }
          save.mutate(
            { etag: positionEtag(position), body: { fundingProgrammeId: programmeId || null, annualCost: cost, annualCostNote: annualCostNote.trim() || undefined } },
            {
              onSuccess: (saved) =>
                navigate('/financing/staffing', { state: { notice: t('fin:staffing.saved', { title: saved.title }) } }),
              onError: fromError,
            },
          );
        }}
      >
        <FormError error={formError} onReload={onReload} />
        <Field name="fundingProgrammeId" label={t('fin:staffing.programme')} errors={errors}>
          {(p) => (
            <select {...p} value={programmeId} onChange={(e) => setProgrammeId(e.target.value)}>
              <option value="">{t('fin:staffing.noProgramme')}</option>
              {(programmes.data ?? []).map((x) => (
                <option key={x.id} value={x.id}>
                  {x.name}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field
          name="annualCost"
          label={t('fin:staffing.annualCostField')}
          errors={errors}
          hint={`${t('fin:money.hint')}. ${t('fin:staffing.annualCostHint')}`}
        >
          {(p) => (
            <input {...p} inputMode="decimal" autoComplete="off" value={annualCost} onChange={(e) => setAnnualCost(e.target.value)} />
          )}
        </Field>
        <Field name="annualCostNote" label={t('fin:staffing.annualCostNote')} errors={errors} hint={t('fin:staffing.annualCostNoteHint')}>
          {(p) => <textarea {...p} rows={3} maxLength={400} value={annualCostNote} onChange={(e) => setAnnualCostNote(e.target.value)} />}
        </Field>
        <div className="form-row">
          <button type="submit" disabled={save.isPending}>
            {t('common.save')}
          </button>
          <Link className="button secondary" to="/financing/staffing">
            {t('common.cancel')}
          </Link>
        </div>
      </form>
    </>
  );
}
