import { useMemo, useState } from 'react';
import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { AsOfPicker, useAsOf } from '@/components/AsOfPicker';
import { PageTitle } from '@/components/Layout';
import { ErrorAlert, Loading } from '@/components/Status';
import { formatDate } from '@/lib/format';
import { useSession } from '@/lib/session';
import { toViews, useAppoint, useBody, useEndMembership, usePeopleSearch } from '../api';
import { AppointForm } from './AppointForm';
import { EndMembershipForm } from './EndMembershipForm';
import { SeatsTable } from './SeatsTable';

export function BodyPage() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation();
  const [asOf] = useAsOf();
  const query = useBody(id, asOf);
  const { can } = useSession();
  const appoint = useAppoint(id);
  const end = useEndMembership(id);
  const searchPeople = usePeopleSearch();
  const [notice, setNotice] = useState<string | null>(null);

  const views = useMemo(
    () => (query.data ? toViews(query.data.data, i18n.language) : null),
    [query.data, i18n.language],
  );

  if (query.isPending) return <Loading />;
  if (query.isError || !views) return <ErrorAlert error={query.error} onRetry={() => void query.refetch()} />;
  const { view, relations, seats, warnings } = views;
  const canEdit = can('governance:write') && !asOf;

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
          {relations.length === 0 ? (
            <p>{t('common.none')}</p>
          ) : (
            <ul className="relations">
              {relations.map((r) => (
                <li key={`${r.direction}-${r.id}`}>
                  {r.direction === 'out' ? (
                    <>
                      {view.name} <em>{t(`governance.relationKinds.${r.kind}`, { defaultValue: r.kind })}</em>{' '}
                      <Link to={`/bodies/${r.otherBodyId}`}>{r.otherBodyName}</Link>
                    </>
                  ) : (
                    <>
                      <Link to={`/bodies/${r.otherBodyId}`}>{r.otherBodyName}</Link>{' '}
                      <em>{t(`governance.relationKinds.${r.kind}`, { defaultValue: r.kind })}</em> {view.name}
                    </>
                  )}
                  {r.note ? <span className="hint"> — {r.note}</span> : null}
                </li>
              ))}
            </ul>
          )}
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
            action.kind === 'appoint' ? (
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
    </section>
  );
}
