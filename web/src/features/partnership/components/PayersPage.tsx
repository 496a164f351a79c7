import { Fragment, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Field, FormError, useFormErrors } from '@/components/form';
import { useModelChoice } from '@/components/ModelPicker';
import { ListStates } from '@/components/Status';
import { useSession } from '@/lib/session';
import { useCreatePayer, useDeletePayer, useParties, usePayers, useUpdatePayer, type Party, type Payer } from '../api';
import { PARTNER_NS } from '../i18n';
import { EditableRow, Notice, RowActions, useRowEditing } from './parts';

const FIELDS = ['code', 'name', 'organisationId', 'memberOrganisationIds', 'note'] as const;

/** A model's payers (one organisation, or a group paying jointly): list with names, create, change, delete. */
export function PayersPage() {
  const { t } = useTranslation(PARTNER_NS);
  const { can } = useSession();
  const { modelId } = useModelChoice();
  const payers = usePayers(modelId);
  const parties = useParties(modelId);
  const remove = useDeletePayer();
  const rows = useRowEditing<'delete'>(payers.refetch);
  const writable = can('budgets:write');
  const items = payers.data ?? [];
  const partyName = (id: string) => parties.data?.find((p) => p.organisationId === id)?.name ?? id;

  return (
    <section aria-labelledby="payers-title">
      <h2 id="payers-title">{t('payers.title')}</h2>
      <p>{t('payers.intro')}</p>
      <Notice text={rows.notice} />
      <ListStates list={{ ...payers, items }} empty={t('payers.none')}>
        {() => (
          <div className="table-wrap">
            <table>
              <caption className="visually-hidden">{t('payers.title')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('name')}</th>
                  <th scope="col">{t('code')}</th>
                  <th scope="col">{t('payers.organisation')}</th>
                  <th scope="col">{t('note')}</th>
                  {writable ? <th scope="col">{t('actions')}</th> : null}
                </tr>
              </thead>
              <tbody>
                {items.map((p) => (
                  <Fragment key={p.id}>
                    <tr data-payer={p.code}>
                      <th scope="row">{p.name}</th>
                      <td>
                        <code>{p.code}</code>
                      </td>
                      <td>
                        {p.organisationId ? (
                          partyName(p.organisationId)
                        ) : (
                          <details>
                            <summary>{t('payers.membersN', { count: p.memberOrganisationIds.length })}</summary>
                            <ul>
                              {p.memberOrganisationIds
                                .map(partyName)
                                .sort((a, b) => a.localeCompare(b, 'da'))
                                .map((n) => (
                                  <li key={n}>{n}</li>
                                ))}
                            </ul>
                          </details>
                        )}
                      </td>
                      <td>{p.note ?? t('none')}</td>
                      {writable ? (
                        <td>
                          <RowActions
                            edit={{ label: t('edit'), name: t('editFor', { name: p.name }), onClick: () => rows.act('edit', p.id) }}
                            remove={{ label: t('delete'), name: t('deleteFor', { name: p.name }), onClick: () => rows.act('delete', p.id) }}
                          />
                        </td>
                      ) : null}
                    </tr>
                    <EditableRow
                      rows={rows}
                      id={p.id}
                      colSpan={5}
                      editor={() => (
                        <PayerEditor modelId={modelId!} payer={p} parties={parties.data ?? []} onDone={rows.saved} onReload={rows.reload} />
                      )}
                      confirm={{
                        question: t('payers.deleteQuestion', { name: p.name }),
                        confirmLabel: t('delete'),
                        run: () => remove.mutateAsync({ id: p.id, version: p.version }),
                        doneText: t('deleted', { name: p.name }),
                      }}
                    />
                  </Fragment>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </ListStates>
      {writable && modelId ? (
        parties.data && parties.data.length === 0 ? (
          <p>{t('payers.noParties')}</p>
        ) : (
          <PayerEditor
            key={modelId}
            modelId={modelId}
            parties={parties.data ?? []}
            onDone={(name) => name && rows.done(t('created', { name }))}
          />
        )
      ) : null}
    </section>
  );
}

function PayerEditor({
  modelId,
  payer,
  parties,
  onDone,
  onReload,
}: {
  modelId: string;
  payer?: Payer;
  parties: readonly Party[];
  onDone: (savedName: string | null) => void;
  onReload?: () => void;
}) {
  const { t } = useTranslation(PARTNER_NS);
  const create = useCreatePayer();
  const update = useUpdatePayer();
  const { fieldErrors, formError, fromError, clear } = useFormErrors(FIELDS);
  const [local, setLocal] = useState<Record<string, string[]>>({});
  const blankForm = {
    code: '',
    name: '',
    kind: 'single' as 'single' | 'group',
    organisationId: '',
    members: [] as string[],
    note: '',
  };
  const [form, setForm] = useState(() =>
    payer
      ? {
          code: payer.code,
          name: payer.name,
          kind: (payer.organisationId ? 'single' : 'group') as 'single' | 'group',
          organisationId: payer.organisationId ?? '',
          members: [...payer.memberOrganisationIds],
          note: payer.note ?? '',
        }
      : blankForm,
  );
  const kindName = useId();
  const pending = create.isPending || update.isPending;
  const title = payer ? t('editFor', { name: payer.name }) : t('payers.create');
  const errors = { ...fieldErrors, ...local };

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    clear();
    if (form.kind === 'single' && !form.organisationId) return setLocal({ organisationId: [t('payers.chooseOrganisation')] });
    if (form.kind === 'group' && form.members.length < 2) return setLocal({ memberOrganisationIds: [t('payers.chooseMembers')] });
    setLocal({});
    const who =
      form.kind === 'single'
        ? { organisationId: form.organisationId, memberOrganisationIds: null }
        : { organisationId: null, memberOrganisationIds: form.members };
    const note = form.note.trim() === '' ? null : form.note.trim();
    try {
      if (payer) {
        await update.mutateAsync({ id: payer.id, version: payer.version, body: { name: form.name.trim(), note, ...who } });
      } else {
        await create.mutateAsync({ governanceModelId: modelId, code: form.code.trim(), name: form.name.trim(), note, ...who });
        setForm(blankForm);
      }
      onDone(form.name.trim());
    } catch (error) {
      fromError(error);
    }
  };

  return (
    <form className="partner-form" aria-label={title} onSubmit={(e) => void submit(e)} noValidate>
      <h3>{title}</h3>
      <FormError error={formError} onReload={onReload} />
      <div className="form-row">
        {payer ? null : (
          <Field name="code" label={t('code')} errors={errors} required hint={t('codeHint')}>
            {(p) => <input {...p} value={form.code} autoComplete="off" maxLength={50} onChange={(e) => setForm((f) => ({ ...f, code: e.target.value }))} />}
          </Field>
        )}
        <Field name="name" label={t('name')} errors={errors} required>
          {(p) => <input {...p} value={form.name} maxLength={200} onChange={(e) => setForm((f) => ({ ...f, name: e.target.value }))} />}
        </Field>
      </div>
      <fieldset>
        <legend>{t('payers.kind')}</legend>
        {(['single', 'group'] as const).map((k) => (
          <label key={k} className="check-label">
            <input
              type="radio"
              name={kindName}
              value={k}
              checked={form.kind === k}
              onChange={() => setForm((f) => ({ ...f, kind: k }))}
            />
            {t(`payers.${k}`)}
          </label>
        ))}
      </fieldset>
      {form.kind === 'single' ? (
        <Field name="organisationId" label={t('payers.organisation')} errors={errors} required>
          {(p) => (
            <select {...p} value={form.organisationId} onChange={(e) => setForm((f) => ({ ...f, organisationId: e.target.value }))}>
              <option value="">{t('payers.chooseOrganisation')}</option>
              {parties.map((o) => (
                <option key={o.organisationId} value={o.organisationId}>
                  {o.name}
                </option>
              ))}
            </select>
          )}
        </Field>
      ) : (
        <fieldset className="checks" aria-describedby={errors.memberOrganisationIds?.length ? `${kindName}-members-error` : undefined}>
          <legend>{t('payers.members')}</legend>
          {parties.map((o) => (
            <label key={o.organisationId} className="check-label">
              <input
                type="checkbox"
                checked={form.members.includes(o.organisationId)}
                onChange={(e) =>
                  setForm((f) => ({
                    ...f,
                    members: e.target.checked ? [...f.members, o.organisationId] : f.members.filter((m) => m !== o.organisationId),
                  }))
                }
              />
              {o.name}
            </label>
          ))}
          {errors.memberOrganisationIds?.length ? (
            <p id={`${kindName}-members-error`} className="field-error">
              {errors.memberOrganisationIds.join(' ')}
            </p>
          ) : null}
        </fieldset>
      )}
      <Field name="note" label={t('note')} errors={errors}>
        {(p) => <input {...p} value={form.note} maxLength={2000} onChange={(e) => setForm((f) => ({ ...f, note: e.target.value }))} />}
      </Field>
      <div className="form-row">
        <button type="submit" disabled={pending}>
          {payer ? t('save') : t('payers.create')}
        </button>
        {payer ? (
          <button type="button" className="secondary" onClick={() => onDone(null)}>
            {t('cancel')}
          </button>
        ) : null}
      </div>
    </form>
  );
}
