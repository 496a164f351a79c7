import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { PageTitle } from '@/components/Layout';
import { Empty, ErrorAlert, Loading } from '@/components/Status';
import { formatDate } from '@/lib/format';
import { useSession } from '@/lib/session';
import { usePerson, usePersonMemberships } from '../api';
import { AppointToBodyForm } from './AppointToBodyForm';
import { PersonForm } from './PersonForm';

export function PersonPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const query = usePerson(id);
  const memberships = usePersonMemberships(id);
  const [editing, setEditing] = useState(false);
  const [appointing, setAppointing] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const { can } = useSession();

  if (query.isPending) return <Loading />;
  if (query.isError) return <ErrorAlert error={query.error} onRetry={() => void query.refetch()} />;
  const { data: person, etag } = query.data;

  return (
    <section>
      <p>
        <Link to="/people">← {t('people.title')}</Link>
      </p>
      <PageTitle>{person.name}</PageTitle>
      <div className="card">
        <dl className="props">
          <dt>{t('people.jobTitle')}</dt>
          <dd>{person.title ?? t('common.none')}</dd>
          <dt>{t('people.organisation')}</dt>
          <dd>
            {person.organisationId ? (
              <Link to={`/organisations/${person.organisationId}`}>{person.organisationName ?? person.organisationId}</Link>
            ) : (
              t('common.none')
            )}
          </dd>
          {person.email ? (
            <>
              <dt>{t('people.email')}</dt>
              <dd>{person.email}</dd>
            </>
          ) : null}
          {person.phone ? (
            <>
              <dt>{t('people.phone')}</dt>
              <dd>{person.phone}</dd>
            </>
          ) : null}
        </dl>
      </div>
      {can('governance:write') ? (
        editing ? (
          <PersonForm
            person={person}
            etag={etag ?? `"${person.version}"`}
            onDone={() => setEditing(false)}
            onReload={() => {
              setEditing(false);
              void query.refetch();
            }}
          />
        ) : (
          <button type="button" onClick={() => setEditing(true)}>
            {t('people.edit')}
          </button>
        )
      ) : null}

      {can('governance:write') ? (
        appointing ? (
          person.organisationId ? (
            <AppointToBodyForm
              personId={person.id}
              organisationId={person.organisationId}
              organisationName={person.organisationName ?? ''}
              onDone={(message) => {
                setAppointing(false);
                setNotice(message);
              }}
              onCancel={() => setAppointing(false)}
            />
          ) : (
            <p className="hint">{t('people.appoint.noOrganisation')}</p>
          )
        ) : (
          <button
            type="button"
            onClick={() => {
              setNotice(null);
              setAppointing(true);
            }}
          >
            {t('people.appoint.open')}
          </button>
        )
      ) : null}
      <p role="status" className="notice">
        {notice}
      </p>

      <h2>{t('people.memberships')}</h2>
      {memberships.isPending ? (
        <Loading />
      ) : memberships.isError ? (
        <ErrorAlert error={memberships.error} />
      ) : memberships.data.length === 0 ? (
        <Empty>{t('people.noMemberships')}</Empty>
      ) : (
        <div className="table-wrap">
          <table>
            <caption className="visually-hidden">{t('people.memberships')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('people.body')}</th>
                <th scope="col">{t('bodies.seat')}</th>
                <th scope="col">{t('bodies.validFrom')}</th>
                <th scope="col">{t('bodies.validTo')}</th>
              </tr>
            </thead>
            <tbody>
              {memberships.data.map((m) => (
                <tr key={m.id}>
                  <td>
                    <Link to={`/bodies/${m.bodyId}`}>{m.bodyName}</Link>
                  </td>
                  <td>{m.seatLabel}</td>
                  <td>{formatDate(m.validFrom)}</td>
                  <td>{m.validTo ? formatDate(m.validTo) : t('common.none')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
