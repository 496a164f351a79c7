import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { Field, FormError, useFormErrors } from '@/components/form';
import { PageTitle } from '@/components/Layout';
import { NotFound } from '@/components/NotFound';
import { Empty, ErrorAlert, Loading } from '@/components/Status';
import { formatDate, formatMoney, today, formatPeriodLabel } from '@/lib/format';
import { useSession } from '@/lib/session';
import { useApproveBudgetVersion, useBudget, useBudgetVersion, type BudgetVersion } from '../api';
import { versionInForce } from '../model';
import { ConfirmPanel, FinancingNav, Notice, useForgetNotice } from './parts';
import { VersionBadge } from './VersionBadge';

/** One version of a budget: its lines and total; a draft can be approved here. */
export function BudgetVersionPage() {
  const { id = '', number: numberParam = '' } = useParams();
  const number = Number(numberParam);
  const { t } = useTranslation();
  const { can } = useSession();
  const budget = useBudget(id);
  const version = useBudgetVersion(id, Number.isInteger(number) && number > 0 ? number : undefined);
  const [approved, setApproved] = useState(false);

  if (!(Number.isInteger(number) && number > 0)) return <NotFound />;
  if (version.isPending) return <Loading />;
  if (version.isError) {
    return (
      <section>
        <FinancingNav />
        <ErrorAlert error={version.error} onRetry={() => void version.refetch()} />
      </section>
    );
  }
  const { data: v, etag } = version.data;
  const name = budget.data?.data.name ?? v.budgetCode;
  const inForce = budget.data ? versionInForce(budget.data.data.versions, today())?.number === v.number : false;
  const title = t('fin:budgets.versionTitle', { budget: name, number: v.number });

  return (
    <section>
      <FinancingNav />
      <p>
        <Link to={`/financing/budgets/${id}`}>{t('fin:budgets.allVersions')}</Link>
      </p>
      <PageTitle title={title}>
        {title} <VersionBadge status={v.status} inForce={inForce} assumption={v.isAssumption} />
      </PageTitle>
      {approved ? <Notice>{t('fin:budgets.approved', { number: v.number })}</Notice> : <Notice />}
      <dl className="props card">
        <dt>{t('fin:grants.state')}</dt>
        <dd>{t(`fin:budgets.status.${v.status}`)}</dd>
        {v.effectiveFrom ? (
          <>
            <dt>{t('fin:budgets.effectiveFrom')}</dt>
            <dd>{formatDate(v.effectiveFrom)}</dd>
          </>
        ) : null}
        {v.approvedOn ? (
          <>
            <dt>{t('fin:budgets.approvedOn')}</dt>
            <dd>{formatDate(v.approvedOn)}</dd>
          </>
        ) : null}
        {v.decisionRef ? (
          <>
            <dt>{t('fin:budgets.decisionRef')}</dt>
            <dd>{v.decisionRef}</dd>
          </>
        ) : null}
        <dt>{t('fin:budgets.total')}</dt>
        <dd>{formatMoney(v.total.amount, v.total.currency)}</dd>
        {v.note ? (
          <>
            <dt>{t('fin:budgets.note')}</dt>
            <dd className="pre">{v.note}</dd>
          </>
        ) : null}
      </dl>

      {can('budgets:write') ? (
        <div className="page-actions">
          <Link className="button secondary" to={`/financing/budgets/${id}/versions/new?from=${v.number}`}>
            {t('fin:budgets.newDraftFrom', { number: v.number })}
          </Link>
        </div>
      ) : null}

      {v.status === 'draft' && can('budgets:write') ? (
        <ApproveVersionForm
          version={v}
          budgetName={name}
          etag={etag ?? `"${v.version}"`}
          onApproved={() => setApproved(true)}
          onReload={() => void version.refetch()}
        />
      ) : null}

      <LinesTable version={v} />
    </section>
  );
}

export function LinesTable({ version }: { version: BudgetVersion }) {
  const { t } = useTranslation();
  if (version.lines.length === 0) return <Empty>{t('fin:budgets.noLines')}</Empty>;
  return (
    <div className="table-wrap">
      <table className="fin-list">
        <caption>{t('fin:budgets.lines')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('fin:budgets.period')}</th>
            <th scope="col">{t('fin:budgets.costType')}</th>
            <th scope="col">{t('fin:budgets.payer')}</th>
            <th scope="col" className="num">
              {t('fin:budgets.amount')}
            </th>
            <th scope="col">{t('fin:budgets.note')}</th>
          </tr>
        </thead>
        <tbody>
          {version.lines.map((l) => (
            <tr key={l.ordinal}>
              <th scope="row" className="nowrap">
                {formatPeriodLabel(l.period.label)}
              </th>
              <td>
                {t(`fin:budgets.costTypes.${l.costType}`)}
                {l.isAdjustment ? <span className="badge version-draft">{t('fin:budgets.adjustment')}</span> : null}
              </td>
              <td>{l.payerName}</td>
              <td className="num">{formatMoney(l.amount.amount, l.amount.currency)}</td>
              <td>{l.note}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row" colSpan={3}>
              {t('fin:budgets.total')}
            </th>
            <td className="num">
              <strong>{formatMoney(version.total.amount, version.total.currency)}</strong>
            </td>
            <td />
          </tr>
        </tfoot>
      </table>
    </div>
  );
}

const APPROVE_FIELDS = ['decisionRef', 'approvedOn', 'effectiveFrom'] as const;

/** Approves a draft with the decision that approved it and the day it takes effect, after a confirmation. */
export function ApproveVersionForm({
  version,
  budgetName,
  etag,
  onApproved,
  onReload,
}: {
  version: BudgetVersion;
  budgetName: string;
  etag: string;
  onApproved: () => void;
  onReload: () => void;
}) {
  const { t } = useTranslation();
  const approve = useApproveBudgetVersion(version.budgetId, version.number);
  const forgetNotice = useForgetNotice();
  const { fieldErrors, formError, fromError, clear } = useFormErrors(APPROVE_FIELDS);
  const [decisionRef, setDecisionRef] = useState('');
  const [approvedOn, setApprovedOn] = useState(today());
  const [effectiveFrom, setEffectiveFrom] = useState(today());
  const [confirming, setConfirming] = useState(false);

  return (
    <form
      className="card fin-form"
      noValidate
      aria-label={t('fin:budgets.approve')}
      onSubmit={(e) => {
        e.preventDefault();
        clear();
        setConfirming(true);
      }}
    >
      <h2>{t('fin:budgets.approve')}</h2>
      <p className="hint">{t('fin:budgets.approveIntro')}</p>
      <FormError error={formError} onReload={onReload} />
      <Field
        name="decisionRef"
        label={t('fin:budgets.decisionRef')}
        errors={fieldErrors}
        required
        hint={t('fin:grants.decisionHint')}
      >
        {(p) => <input {...p} value={decisionRef} onChange={(e) => setDecisionRef(e.target.value)} disabled={confirming} />}
      </Field>
      <div className="form-row">
        <Field name="approvedOn" label={t('fin:budgets.approvedOn')} errors={fieldErrors} required>
          {(p) => (
            <input {...p} type="date" value={approvedOn} onChange={(e) => setApprovedOn(e.target.value)} disabled={confirming} />
          )}
        </Field>
        <Field name="effectiveFrom" label={t('fin:budgets.effectiveFrom')} errors={fieldErrors} required>
          {(p) => (
            <input
              {...p}
              type="date"
              value={effectiveFrom}
              onChange={(e) => setEffectiveFrom(e.target.value)}
              disabled={confirming}
            />
          )}
        </Field>
      </div>
      {confirming ? (
        <ConfirmPanel
          question={t('fin:budgets.ask', {
            number: version.number,
            budget: budgetName,
            total: formatMoney(version.total.amount, version.total.currency),
            from: effectiveFrom ? formatDate(effectiveFrom) : '–',
          })}
          note={t('fin:budgets.askNote')}
          confirmLabel={t('fin:budgets.yes')}
          pending={approve.isPending}
          onCancel={() => setConfirming(false)}
          onConfirm={() =>
            approve.mutate(
              { etag, body: { decisionRef: decisionRef.trim(), approvedOn, effectiveFrom } },
              {
                onSuccess: () => {
                  forgetNotice();
                  setConfirming(false);
                  onApproved();
                },
                onError: (error) => {
                  setConfirming(false);
                  fromError(error);
                },
              },
            )
          }
        />
      ) : (
        <div className="form-row">
          <button type="submit">{t('fin:budgets.approve')}</button>
        </div>
      )}
    </form>
  );
}
