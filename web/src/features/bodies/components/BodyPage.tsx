import { useMemo, useState } from 'react';
import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { AsOfPicker, useAsOf } from '@/components/AsOfPicker';
import { Confirm } from '@/components/Confirm';
import { PageTitle } from '@/components/Layout';
import { ErrorAlert, Loading } from '@/components/Status';
import { formatDate } from '@/lib/format';
import { useSession } from '@/lib/session';
import {
  toBodyInput,
  toViews,
  useAppoint,
  useBody,
  useBodyOptions,
  useCompositionRules,
  useCreateRelation,
  useCreateRule,
  useCreateSeat,
  useDeleteRelation,
  useDeleteRule,
  useDeleteSeat,
  useEndMembership,
  usePeopleSearch,
  useUpdateBody,
  useUpdateRule,
  useUpdateSeat,
} from '../api';
import { BODY_EDIT_NS } from '../i18n';
import { AppointForm } from './AppointForm';
import { BodyForm } from './BodyForm';
import { CompositionRules } from './CompositionRules';
import { EndMembershipForm } from './EndMembershipForm';
import type { RelationView } from './model';
import { RelationForm } from './RelationForm';
import { SeatForm, type SeatInput } from './SeatForm';
import { SeatsTable } from './SeatsTable';
import { useOrganisationOptions } from '@/lib/lookups';
import '../bodies.css';

export function BodyPage() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation();
  const { t: te } = useTranslation(BODY_EDIT_NS);
  const [asOf] = useAsOf();
  const query = useBody(id, asOf);
  const { can } = useSession();
  const canEdit = can('governance:write') && !asOf;
  const appoint = useAppoint(id);
  const end = useEndMembership(id);
  const updateBody = useUpdateBody(id);
  const createSeat = useCreateSeat(id);
  const deleteSeat = useDeleteSeat(id);
  const updateSeat = useUpdateSeat(id);
  const createRelation = useCreateRelation(id);
  const deleteRelation = useDeleteRelation(id);
  const [addingRelation, setAddingRelation] = useState(false);
  const [removingRelation, setRemovingRelation] = useState<RelationView | null>(null);
  const [relationNotice, setRelationNotice] = useState<string | null>(null);
  const rules = useCompositionRules(id);
  const createRule = useCreateRule(id);
  const updateRule = useUpdateRule(id);
  const deleteRule = useDeleteRule(id);
  const organisations = useOrganisationOptions(canEdit);
  const bodies = useBodyOptions(query.data?.data.governanceModelId, id);
  const searchPeople = usePeopleSearch();
  const [notice, setNotice] = useState<string | null>(null);
  const [bodyNotice, setBodyNotice] = useState<string | null>(null);
  const [editing, setEditing] = useState(false);
  const [addingSeat, setAddingSeat] = useState(false);

  const views = useMemo(
    () => (query.data ? toViews(query.data.data, i18n.language) : null),
    [query.data, i18n.language],
  );

  if (query.isPending) return <Loading />;
  if (query.isError || !views) return <ErrorAlert error={query.error} onRetry={() => void query.refetch()} />;
  const { view, relations, seats, warnings } = views;
  const { data: detail, etag } = query.data;
  const reload = () => {
    setEditing(false);
    void query.refetch();
    void rules.refetch();
  };

  return (
    <section>
      <p>
        <Link to="/bodies">← {t('bodies.title')}</Link>
      </p>
      <PageTitle>{view.name}</PageTitle>
      <p>
        <span className="badge kind-other">{t(`bodies.kinds.${view.kind}`, { defaultValue: view.kind })}</span>{' '}
        {view.canDecide ? <span className="badge status-done">{t('bodies.canDecide')}</span> : null}
      </p>
      {bodyNotice ? (
        <div className="alert alert-ok" role="status">
          <p>{bodyNotice}</p>
        </div>
      ) : null}
      {canEdit || can('audit:read') ? (
        <p className="page-actions">
          {canEdit && !editing ? (
            <button
              type="button"
              onClick={() => {
                setBodyNotice(null);
                setEditing(true);
              }}
            >
              {te('edit')}
            </button>
          ) : null}
          {can('audit:read') ? (
            <Link to={`/admin/audit?entityType=body&entityId=${view.id}`}>{te('auditLink')}</Link>
          ) : null}
        </p>
      ) : null}
      {editing ? (
        <BodyForm
          body={toBodyInput(detail)}
          organisations={organisations.data ?? (detail.hostOrganisation ? [detail.hostOrganisation] : [])}
          submit={(input) => updateBody.mutateAsync({ input, etag: etag ?? `"${detail.version}"` })}
          onDone={() => {
            setEditing(false);
            setBodyNotice(te('saved'));
          }}
          onCancel={() => setEditing(false)}
          onReload={reload}
        />
      ) : null}
      <AsOfPicker label={t('bodies.asOf')} hint={t('bodies.asOfHint')} />

      <div className="grid-2">
        <div className="card">
          <h2>{t('bodies.mandate')}</h2>
          <p>{view.mandate || t('common.none')}</p>
          <dl className="props">
            {view.hostOrganisation ? (
              <>
                <dt>{t('bodies.host')}</dt>
                <dd>
                  <Link to={`/organisations/${view.hostOrganisation.id}`}>{view.hostOrganisation.name}</Link>
                </dd>
              </>
            ) : null}
            {view.establishedOn ? (
              <>
                <dt>{t('bodies.established')}</dt>
                <dd>
                  {formatDate(view.establishedOn)}
                  {view.establishedByCaseRef ? ` (${view.establishedByCaseRef})` : ''}
                </dd>
              </>
            ) : null}
          </dl>
        </div>
        <div className="card">
          <h2>{t('bodies.relations')}</h2>
          {relationNotice ? (
            <div className="alert alert-ok" role="status">
              <p>{relationNotice}</p>
            </div>
          ) : null}
          {relations.length === 0 ? (
            <p>{t('common.none')}</p>
          ) : (
            <ul className="relations">
              {relations.map((r) => {
                const kindText = t(`governance.relationKinds.${r.kind}`, { defaultValue: r.kind });
                return (
                  <li key={`${r.direction}-${r.id}`}>
                    {r.direction === 'out' ? (
                      <>
                        {view.name} <em>{kindText}</em> <Link to={`/bodies/${r.otherBodyId}`}>{r.otherBodyName}</Link>
                      </>
                    ) : (
                      <>
                        <Link to={`/bodies/${r.otherBodyId}`}>{r.otherBodyName}</Link> <em>{kindText}</em> {view.name}
                      </>
                    )}
                    {r.note ? <span className="hint"> — {r.note}</span> : null}
                    {canEdit && removingRelation?.id !== r.id ? (
                      <>
                        {' '}
                        <button
                          type="button"
                          className="secondary small"
                          aria-label={te('removeRelationFor', { kind: kindText, other: r.otherBodyName })}
                          onClick={() => {
                            setRelationNotice(null);
                            setRemovingRelation(r);
                          }}
                        >
                          {te('removeRelation')}
                        </button>
                      </>
                    ) : null}
                    {canEdit && removingRelation?.id === r.id ? (
                      <Confirm
                        question={te('removeRelationQuestion', { kind: kindText, other: r.otherBodyName })}
                        confirmLabel={te('confirmRemove')}
                        onConfirm={() =>
                          deleteRelation.mutateAsync(r).then(() => {
                            setRemovingRelation(null);
                            setRelationNotice(te('relationRemoved'));
                          })
                        }
                        onCancel={() => setRemovingRelation(null)}
                        onReload={reload}
                      />
                    ) : null}
                  </li>
                );
              })}
            </ul>
          )}
          {canEdit ? (
            addingRelation ? (
              <RelationForm
                bodyName={view.name}
                bodies={bodies.data ?? []}
                submit={(input) => createRelation.mutateAsync(input)}
                onDone={() => {
                  setAddingRelation(false);
                  setRelationNotice(te('relationAdded'));
                }}
                onCancel={() => setAddingRelation(false)}
              />
            ) : (
              <p>
                <button
                  type="button"
                  className="secondary"
                  onClick={() => {
                    setRelationNotice(null);
                    setAddingRelation(true);
                  }}
                >
                  {te('addRelation')}
                </button>
              </p>
            )
          ) : null}
        </div>
      </div>

      <h2>{t('bodies.warnings')}</h2>
      {warnings.length === 0 ? (
        <p className="status">{t('bodies.noWarnings')}</p>
      ) : (
        <ul className="alert alert-warn warnings">
          {warnings.map((w, i) => (
            <li key={`${w.code}-${i}`}>{w.message}</li>
          ))}
        </ul>
      )}

      <h2>{t('bodies.seats')}</h2>
      {notice ? (
        <div className="alert alert-ok" role="status">
          <p>{notice}</p>
        </div>
      ) : null}
      {seats.length === 0 ? (
        <p className="status">{t('bodies.noSeats')}</p>
      ) : (
        <SeatsTable
          seats={seats}
          canEdit={canEdit}
          renderForm={(action, close) =>
            action.kind === 'remove' ? (
              <Confirm
                question={te('removeSeatQuestion', { seat: action.seat.label })}
                confirmLabel={te('confirmRemove')}
                onConfirm={() =>
                  deleteSeat.mutateAsync(action.seat).then(() => {
                    close();
                    setNotice(te('seatRemoved', { seat: action.seat.label }));
                  })
                }
                onCancel={close}
                onReload={reload}
              />
            ) : action.kind === 'edit' ? (
              <SeatForm
                bodyName={view.name}
                seat={{
                  label: action.seat.label,
                  category: action.seat.category ?? null,
                  role: action.seat.role as SeatInput['role'],
                  voting: action.seat.voting,
                  representsOrganisationId: action.seat.representsOrganisation?.id ?? null,
                  ordinal: action.seat.ordinal ?? null,
                }}
                organisations={
                  organisations.data ??
                  (action.seat.representsOrganisation ? [action.seat.representsOrganisation] : [])
                }
                submit={(input) => updateSeat.mutateAsync({ seat: action.seat, input })}
                onDone={(input) => {
                  close();
                  setNotice(te('seatSaved', { seat: input.label }));
                }}
                onCancel={close}
                onReload={() => {
                  close();
                  reload();
                }}
              />
            ) : action.kind === 'appoint' ? (
              <AppointForm
                seat={action.seat}
                searchPeople={searchPeople}
                submit={(input) => appoint.mutateAsync({ seatId: action.seat.id, input })}
                onDone={() => {
                  close();
                  setNotice(t('bodies.appointed'));
                }}
                onCancel={close}
              />
            ) : (
              <EndMembershipForm
                seat={action.seat}
                member={action.member}
                submit={(input) => end.mutateAsync({ membershipId: action.member.membershipId, input })}
                onDone={() => {
                  close();
                  setNotice(t('bodies.ended'));
                }}
                onCancel={close}
              />
            )
          }
        />
      )}
      {canEdit ? (
        addingSeat ? (
          <SeatForm
            bodyName={view.name}
            organisations={organisations.data ?? []}
            submit={(input) => createSeat.mutateAsync(input)}
            onDone={(input) => {
              setAddingSeat(false);
              setNotice(te('seatAdded', { seat: input.label }));
            }}
            onCancel={() => setAddingSeat(false)}
          />
        ) : (
          <p>
            <button
              type="button"
              onClick={() => {
                setNotice(null);
                setAddingSeat(true);
              }}
            >
              {te('addSeat')}
            </button>
          </p>
        )
      ) : null}

      <h2>{te('rules')}</h2>
      <p className="hint">{te('rulesIntro')}</p>
      {rules.isPending ? (
        <Loading />
      ) : rules.isError ? (
        <ErrorAlert error={rules.error} onRetry={() => void rules.refetch()} />
      ) : (
        <CompositionRules
          bodyName={view.name}
          rules={rules.data}
          bodies={bodies.data ?? []}
          canEdit={canEdit}
          create={(input) => createRule.mutateAsync(input)}
          update={(rule, input) => updateRule.mutateAsync({ rule, input })}
          remove={(rule) => deleteRule.mutateAsync(rule)}
          onReload={reload}
        />
      )}
    </section>
  );
}
