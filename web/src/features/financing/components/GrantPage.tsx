import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { nameOf } from '@/lib/codes';
import { Field, FormError, useFormErrors } from '@/components/form';
import { PageTitle } from '@/components/Layout';
import { ErrorAlert, Loading } from '@/components/Status';
import { formatDate, formatDateTime, formatMoney, today } from '@/lib/format';
import { useSession } from '@/lib/session';
import { useGrant, useGrantTransition, usePayers, useProgramme, useProgrammes, type Grant, type GrantAction } from '../api';
import { allowedActions } from '../model';
import { ConfirmPanel, FinancingNav, GrantTotalsTable, Notice, programmeLabel, useForgetNotice } from './parts';

/** One grant: its facts and history, the steps its state allows, and its programme's sums by state. */
export function GrantPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const { can } = useSession();
  const grant = useGrant(id);
  const programmes = useProgrammes();
  const payers = usePayers();
  const programme = useProgramme(grant.data?.data.programmeId);

  if (grant.isPending) return <Loading />;
  if (grant.isError) {
    return (
      <section>
        <FinancingNav />
        <ErrorAlert error={grant.error} onRetry={() => void grant.refetch()} />
      </section>
    );
  }
  const { data: g, etag } = grant.data;
  const programmeName = programmeLabel(programmes.data, g.programmeId) || g.programmeCode;
  const payerName = payers.data?.find((p) => p.id === g.payerId)?.name ?? nameOf(g.payerCode, payers.data);
  const dated = (on: string | null | undefined) => (on ? formatDate(on) : t('fin:grants.noDate'));

  return (
    <section>
      <FinancingNav />
      <p>
        <Link to={`/financing/grants?programme=${g.programmeId}`}>{t('fin:grants.back')}</Link>
      </p>
      <PageTitle title={g.title}>
        {g.title} <span className={`badge status grant-${g.state}`}>{t(`financing.states.${g.state}`)}</span>
      </PageTitle>
      <Notice />
      <div className="grid-2">
        <div className="card">
          <dl className="props">
            <dt>{t('fin:grants.programme')}</dt>
            <dd>{programmeName}</dd>
            <dt>{t('fin:grants.payer')}</dt>
            <dd>{payerName}</dd>
            <dt>{t('financing.amount')}</dt>
            <dd>{formatMoney(g.amount.amount, g.amount.currency)}</dd>
            <dt>{t('fin:grants.state')}</dt>
            <dd>{t(`financing.states.${g.state}`)}</dd>
            {g.conditions ? (
              <>
                <dt>{t('fin:grants.conditions')}</dt>
                <dd>{g.conditions}</dd>
              </>
            ) : null}
            {g.reservedOn || g.reservedByDecisionRef ? (
              <>
                <dt>{t('fin:grants.reservedOn')}</dt>
                <dd>
                  {dated(g.reservedOn)}
                  {g.reservedByDecisionRef ? ` · ${g.reservedByDecisionRef}` : ''}
                </dd>
              </>
            ) : null}
            {g.expectedReleaseOn && g.state === 'reserved' ? (
              <>
                <dt>{t('fin:grants.expectedReleaseOn')}</dt>
                <dd>{formatDate(g.expectedReleaseOn)}</dd>
              </>
            ) : null}
            {g.releasedOn || g.releasedByDecisionRef ? (
              <>
                <dt>{t('fin:grants.releasedOn')}</dt>
                <dd>
                  {dated(g.releasedOn)}
                  {g.releasedByDecisionRef ? ` · ${g.releasedByDecisionRef}` : ''}
                </dd>
              </>
            ) : null}
            {g.spentOn ? (
              <>
                <dt>{t('fin:grants.spentOn')}</dt>
                <dd>{formatDate(g.spentOn)}</dd>
              </>
            ) : null}
            {g.closedOn ? (
              <>
                <dt>{t('fin:grants.closedOn')}</dt>
                <dd>{formatDate(g.closedOn)}</dd>
              </>
            ) : null}
          </dl>
        </div>
        <div>
          {programme.data ? (
            <GrantTotalsTable
              totals={programme.data.grants}
              caption={t('fin:grants.totals', { programme: programme.data.programme.name })}
            />
          ) : programme.isError ? (
            <ErrorAlert error={programme.error} onRetry={() => void programme.refetch()} />
          ) : (
            <Loading />
          )}
          <p className="hint">{t('fin:grants.totalsHint')}</p>
        </div>
      </div>

      {can('budgets:write') ? (
        <>
          <h2>{t('fin:grants.next')}</h2>
          <GrantActions
            grant={g}
            etag={etag}
            payerName={payerName}
            programmeName={programmeName}
            onReload={() => void grant.refetch()}
          />
        </>
      ) : null}

      <h2>{t('fin:grants.history')}</h2>
      <ol className="history">
        {g.history.map((h, i) => (
          <li key={i}>
            <strong>{t(`financing.states.${h.toState}`)}</strong> {dated(h.occurredOn)}
            {h.decisionRef ? ` · ${h.decisionRef}` : ''}
            {h.note ? <span className="pre"> · {h.note}</span> : null}
            <span className="hint">
              {' '}
              ({t('fin:grants.historyBy', { who: h.recordedBy, when: formatDateTime(h.recordedAt) })})
            </span>
          </li>
        ))}
      </ol>
    </section>
  );
}

const FIELDS = ['on', 'decisionRef', 'note'] as const;

/** The steps the grant's state allows, each behind a short form and a confirmation. */
export function GrantActions({
  grant,
  etag,
  payerName,
  programmeName,
  onReload,
}: {
  grant: Grant;
  etag: string | null;
  payerName: string;
  programmeName: string;
  onReload: () => void;
}) {
  const { t } = useTranslation();
  const transition = useGrantTransition(grant.id);
  const forgetNotice = useForgetNotice();
  const { fieldErrors, formError, fromError, clear } = useFormErrors(FIELDS);
  const [open, setOpen] = useState<GrantAction | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [done, setDone] = useState<GrantAction | null>(null);
  const [on, setOn] = useState(today());
  const [decisionRef, setDecisionRef] = useState('');
  const [note, setNote] = useState('');
  const actions = allowedActions(grant.state);

  const start = (action: GrantAction) => {
    clear();
    setDone(null);
    setConfirming(false);
    setOn(today());
    setDecisionRef('');
    setNote('');
    setOpen(action);
  };
  const close = () => {
    clear();
    setConfirming(false);
    setOpen(null);
  };

  if (actions.length === 0) return <p>{t('fin:grants.noNext')}</p>;

  return (
    <div>
      {done ? <Notice>{t(`fin:grants.done.${done}`)}</Notice> : null}
      {open === null ? (
        <div className="grant-actions">
          {actions.map((a) => (
            <button key={a} type="button" className={a === 'close' ? 'secondary' : undefined} onClick={() => start(a)}>
              {t(`fin:grants.actions.${a}`)}
            </button>
          ))}
        </div>
      ) : (
        <form
          className="card fin-form"
          noValidate
          aria-label={t(`fin:grants.forms.${open}`)}
          onSubmit={(e) => {
            e.preventDefault();
            clear();
            setConfirming(true);
          }}
        >
          <h3>{t(`fin:grants.forms.${open}`)}</h3>
          <FormError
            error={formError}
            onReload={() => {
              close();
              onReload();
            }}
          />
          <div className="form-row">
            <Field name="on" label={t('fin:grants.on')} errors={fieldErrors} required>
              {(p) => <input {...p} type="date" value={on} onChange={(e) => setOn(e.target.value)} disabled={confirming} />}
            </Field>
            <Field
              name="decisionRef"
              label={t('fin:grants.decisionRef')}
              errors={fieldErrors}
              required={open === 'release'}
              hint={t('fin:grants.decisionHint')}
            >
              {(p) => (
                <input {...p} value={decisionRef} onChange={(e) => setDecisionRef(e.target.value)} disabled={confirming} />
              )}
            </Field>
          </div>
          <Field name="note" label={t('fin:grants.note')} errors={fieldErrors}>
            {(p) => <textarea {...p} rows={2} value={note} onChange={(e) => setNote(e.target.value)} disabled={confirming} />}
          </Field>
          {confirming ? (
            <ConfirmPanel
              question={t(`fin:grants.ask.${open}`, {
                amount: formatMoney(grant.amount.amount, grant.amount.currency),
                payer: payerName,
                programme: programmeName,
              })}
              note={t('fin:grants.askNote')}
              confirmLabel={t(`fin:grants.yes.${open}`)}
              pending={transition.isPending}
              onCancel={() => setConfirming(false)}
              onConfirm={() =>
                transition.mutate(
                  {
                    action: open,
                    etag: etag ?? `"${grant.version}"`,
                    body: { on, decisionRef: decisionRef.trim() || null, note: note.trim() || null },
                  },
                  {
                    onSuccess: () => {
                      forgetNotice();
                      setDone(open);
                      close();
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
              <button type="submit">{t(`fin:grants.actions.${open}`)}</button>
              <button type="button" className="secondary" onClick={close}>
                {t('common.cancel')}
              </button>
            </div>
          )}
        </form>
      )}
    </div>
  );
}
