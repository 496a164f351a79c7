import { Fragment, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Field, FormError, useFormErrors } from '@/components/form';
import { useModelChoice } from '@/components/ModelPicker';
import { ListStates } from '@/components/Status';
import { formatNumber } from '@/lib/format';
import { useSession } from '@/lib/session';
import {
  ALLOCATION_METHODS,
  useAllocationKeys,
  useCreateAllocationKey,
  useDeleteAllocationKey,
  usePayers,
  useUpdateAllocationKey,
  type AllocationKey,
  type AllocationMethod,
  type Payer,
} from '../api';
import { PARTNER_NS } from '../i18n';
import { basisPointsToPercent, shareFractions, sharesOf, type ShareProblem, type ShareRow } from '../model';
import { EditableRow, Notice, RowActions, useRowEditing } from './parts';

const FIELDS = ['code', 'name', 'method', 'description', 'basisNote', 'shares'] as const;

/** A share in basis points as a percentage people read: 3333 -> "33,33 %". */
function percentText(bp: number): string {
  return `${formatNumber(bp / 100, 2)} %`;
}

/** A model's allocation keys with their shares by payer name and their version; create, change (If-Match), delete. */
export function AllocationKeysPage() {
  const { t } = useTranslation(PARTNER_NS);
  const { can } = useSession();
  const { modelId } = useModelChoice();
  const keys = useAllocationKeys(modelId);
  const payers = usePayers(modelId);
  const remove = useDeleteAllocationKey();
  const rows = useRowEditing<'delete'>(keys.refetch);
  const writable = can('budgets:write');
  const items = [...(keys.data ?? [])].sort((a, b) => a.name.localeCompare(b.name, 'da'));

  return (
    <section aria-labelledby="keys-title">
      <h2 id="keys-title">{t('keys.title')}</h2>
      <p>{t('keys.intro')}</p>
      <Notice text={rows.notice} />
      <ListStates list={{ ...keys, items }} empty={t('keys.none')}>
        {() => (
          <div className="table-wrap">
            <table>
              <caption className="visually-hidden">{t('keys.title')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('name')}</th>
                  <th scope="col">{t('keys.method')}</th>
                  <th scope="col">{t('keys.shares')}</th>
                  <th scope="col">{t('version')}</th>
                  {writable ? <th scope="col">{t('actions')}</th> : null}
                </tr>
              </thead>
              <tbody>
                {items.map((k) => {
                  const fractions = shareFractions(k.shares.map((s) => s.weight));
                  return (
                    <Fragment key={k.id}>
                      <tr data-key={k.code}>
                        <th scope="row">
                          {k.name}
                          <span className="block-hint">
                            <code>{k.code}</code>
                          </span>
                          {k.basisNote ? <span className="block-hint">{k.basisNote}</span> : null}
                        </th>
                        <td>{t(`keys.methods.${k.method}`)}</td>
                        <td>
                          <ul className="inline-list">
                            {k.shares.map((s, i) => (
                              <li key={s.payerId}>
                                {s.payerName}: {percentText(fractions[i]!)}
                                {k.method === 'population' ? ` (${formatNumber(s.weight)} ${t('keys.population').toLowerCase()})` : ''}
                              </li>
                            ))}
                          </ul>
                        </td>
                        <td>{t('versionN', { n: k.version })}</td>
                        {writable ? (
                          <td>
                            <RowActions
                              edit={{ label: t('edit'), name: t('editFor', { name: k.name }), onClick: () => rows.act('edit', k.id) }}
                              remove={{ label: t('delete'), name: t('deleteFor', { name: k.name }), onClick: () => rows.act('delete', k.id) }}
                            />
                          </td>
                        ) : null}
                      </tr>
                      <EditableRow
                        rows={rows}
                        id={k.id}
                        colSpan={5}
                        editor={() => (
                          <KeyEditor modelId={modelId!} allocationKey={k} payers={payers.data ?? []} onDone={rows.saved} onReload={rows.reload} />
                        )}
                        confirm={{
                          question: t('keys.deleteQuestion', { name: k.name }),
                          confirmLabel: t('delete'),
                          run: () => remove.mutateAsync({ id: k.id, version: k.version }),
                          doneText: t('deleted', { name: k.name }),
                        }}
                      />
                    </Fragment>
                  );
                })}
              </tbody>
            </table>
          </div>
        )}
      </ListStates>
      {writable && modelId ? (
        payers.data && payers.data.length === 0 ? (
          <p>{t('keys.noPayers')}</p>
        ) : (
          <KeyEditor
            key={modelId}
            modelId={modelId}
            payers={payers.data ?? []}
            onDone={(name) => name && rows.done(t('created', { name }))}
          />
        )
      ) : null}
    </section>
  );
}

interface Row extends ShareRow {
  key: number;
}

function rowsOf(k: AllocationKey | undefined, language: 'da' | 'en'): Row[] {
  if (!k) return [{ key: 1, payerId: '', weight: '' }];
  return k.shares.map((s, i) => ({
    key: i + 1,
    payerId: s.payerId,
    weight: k.method === 'fixedShares' ? basisPointsToPercent(s.weight, language) : k.method === 'population' ? String(s.weight) : '',
  }));
}

function KeyEditor({
  modelId,
  allocationKey,
  payers,
  onDone,
  onReload,
}: {
  modelId: string;
  allocationKey?: AllocationKey;
  payers: readonly Payer[];
  onDone: (savedName: string | null) => void;
  onReload?: () => void;
}) {
  const { t, i18n } = useTranslation(PARTNER_NS);
  const language = i18n.language === 'en' ? 'en' : 'da';
  const create = useCreateAllocationKey();
  const update = useUpdateAllocationKey();
  const { fieldErrors, formError, fromError, clear } = useFormErrors(FIELDS);
  const blankForm = { code: '', name: '', method: 'fixedShares' as AllocationMethod, description: '', basisNote: '' };
  const [form, setForm] = useState(() =>
    allocationKey
      ? {
          code: allocationKey.code,
          name: allocationKey.name,
          method: allocationKey.method,
          description: allocationKey.description ?? '',
          basisNote: allocationKey.basisNote ?? '',
        }
      : blankForm,
  );
  const [rows, setRows] = useState<Row[]>(() => rowsOf(allocationKey, language));
  const [problems, setProblems] = useState<ShareProblem[]>([]);
  const pending = create.isPending || update.isPending;
  const title = allocationKey ? t('keys.editTitle', { name: allocationKey.name }) : t('keys.create');
  const set = (k: keyof typeof form) => (e: React.ChangeEvent<HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement>) =>
    setForm((f) => ({ ...f, [k]: e.target.value }));
  const rowProblem = (i: number) => problems.find((p) => p.row === i);
  const formProblem = problems.find((p) => p.row === null);
  const weightLabel = form.method === 'fixedShares' ? t('keys.percent') : t('keys.population');
  const nextKey = () => rows.reduce((m, r) => Math.max(m, r.key), 0) + 1;

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    clear();
    const checked = sharesOf(form.method, rows);
    if (!checked.ok) {
      setProblems(checked.problems);
      return;
    }
    setProblems([]);
    const body = {
      name: form.name.trim(),
      method: form.method,
      description: form.description.trim() || null,
      basisNote: form.basisNote.trim() || null,
      shares: checked.shares,
    };
    try {
      if (allocationKey) {
        await update.mutateAsync({ id: allocationKey.id, version: allocationKey.version, body });
      } else {
        await create.mutateAsync({ ...body, governanceModelId: modelId, code: form.code.trim() });
        setForm(blankForm);
        setRows(rowsOf(undefined, language));
      }
      onDone(body.name);
    } catch (error) {
      fromError(error);
    }
  };

  return (
    <form className="partner-form" aria-label={title} onSubmit={(e) => void submit(e)} noValidate>
      <h3>{title}</h3>
      <FormError error={formError} onReload={onReload} />
      <div className="form-row">
        {allocationKey ? null : (
          <Field name="code" label={t('code')} errors={fieldErrors} required hint={t('codeHint')}>
            {(p) => <input {...p} value={form.code} onChange={set('code')} autoComplete="off" maxLength={50} />}
          </Field>
        )}
        <Field name="name" label={t('name')} errors={fieldErrors} required>
          {(p) => <input {...p} value={form.name} onChange={set('name')} maxLength={200} />}
        </Field>
        <Field name="method" label={t('keys.method')} errors={fieldErrors} required hint={t(`keys.methodHints.${form.method}`)}>
          {(p) => (
            <select
              {...p}
              value={form.method}
              onChange={(e) => {
                const method = e.target.value as AllocationMethod;
                setForm((f) => ({ ...f, method }));
                // A weight typed for one method means nothing for another.
                setRows((rs) => rs.map((r) => ({ ...r, weight: '' })));
                setProblems([]);
              }}
            >
              {ALLOCATION_METHODS.map((m) => (
                <option key={m} value={m}>
                  {t(`keys.methods.${m}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      <Field name="description" label={t('description')} errors={fieldErrors}>
        {(p) => <textarea {...p} value={form.description} onChange={set('description')} maxLength={2000} />}
      </Field>
      <Field name="basisNote" label={t('keys.basisNote')} errors={fieldErrors} hint={t('keys.basisNoteHint')}>
        {(p) => <input {...p} value={form.basisNote} onChange={set('basisNote')} maxLength={400} />}
      </Field>
      <div className="table-wrap">
        <table className="edit-rows">
          <caption>{t('keys.shares')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('keys.payer')}</th>
              {form.method === 'equalSplit' ? null : <th scope="col">{weightLabel}</th>}
              <th scope="col">
                <span className="visually-hidden">{t('actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r, i) => {
              const n = i + 1;
              const problem = rowProblem(i);
              const payerErrors = [
                ...(problem && problem.problem !== 'weight' ? [t(`keys.problems.${problem.problem}`)] : []),
              ];
              const weightErrors = problem?.problem === 'weight' ? [t('keys.problems.weight')] : [];
              return (
                <tr key={r.key}>
                  <td>
                    <select
                      aria-label={t('keys.shareLabel', { field: t('keys.payer'), n })}
                      aria-invalid={payerErrors.length ? true : undefined}
                      aria-describedby={payerErrors.length ? `share-${r.key}-payer-error` : undefined}
                      value={r.payerId}
                      onChange={(e) => setRows((rs) => rs.map((x) => (x.key === r.key ? { ...x, payerId: e.target.value } : x)))}
                    >
                      <option value="">{t('keys.choosePayer')}</option>
                      {payers.map((p) => (
                        <option key={p.id} value={p.id}>
                          {p.name}
                        </option>
                      ))}
                    </select>
                    {payerErrors.length ? (
                      <p id={`share-${r.key}-payer-error`} className="field-error">
                        {payerErrors.join(' ')}
                      </p>
                    ) : null}
                  </td>
                  {form.method === 'equalSplit' ? null : (
                    <td>
                      <input
                        aria-label={t('keys.shareLabel', { field: weightLabel, n })}
                        aria-invalid={weightErrors.length ? true : undefined}
                        aria-describedby={weightErrors.length ? `share-${r.key}-weight-error` : undefined}
                        inputMode={form.method === 'fixedShares' ? 'decimal' : 'numeric'}
                        value={r.weight}
                        onChange={(e) => setRows((rs) => rs.map((x) => (x.key === r.key ? { ...x, weight: e.target.value } : x)))}
                      />
                      {weightErrors.length ? (
                        <p id={`share-${r.key}-weight-error`} className="field-error">
                          {weightErrors.join(' ')}
                        </p>
                      ) : null}
                    </td>
                  )}
                  <td>
                    <button
                      type="button"
                      className="secondary small"
                      disabled={rows.length === 1}
                      onClick={() => setRows((rs) => rs.filter((x) => x.key !== r.key))}
                    >
                      {t('keys.removeShare', { n })}
                    </button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {formProblem ? (
        <p className="field-error" role="alert">
          {t(`keys.problems.${formProblem.problem}`)}
        </p>
      ) : null}
      {fieldErrors.shares?.length ? <p className="field-error">{fieldErrors.shares.join(' ')}</p> : null}
      <p>
        <button type="button" className="secondary" onClick={() => setRows((rs) => [...rs, { key: nextKey(), payerId: '', weight: '' }])}>
          {t('keys.addShare')}
        </button>
      </p>
      <div className="form-row">
        <button type="submit" disabled={pending}>
          {allocationKey ? t('save') : t('keys.create')}
        </button>
        {allocationKey ? (
          <button type="button" className="secondary" onClick={() => onDone(null)}>
            {t('cancel')}
          </button>
        ) : null}
      </div>
    </form>
  );
}
