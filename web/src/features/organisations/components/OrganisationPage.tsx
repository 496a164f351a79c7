import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { PageTitle } from '@/components/Layout';
import { ErrorAlert, Loading } from '@/components/Status';
import { useOrganisation } from '../api';
import { OrganisationForm } from './OrganisationForm';
import { OrganisationOverview } from './OrganisationOverview';

export function OrganisationPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const query = useOrganisation(id);
  const [editing, setEditing] = useState(false);

  if (query.isPending) return <Loading />;
  if (query.isError) return <ErrorAlert error={query.error} onRetry={() => void query.refetch()} />;
  const { data: org, etag } = query.data;

  return (
    <section>
      <p>
        <Link to="/organisations">← {t('organisations.title')}</Link>
      </p>
      <PageTitle>{org.name}</PageTitle>
      <div className="card">
        <dl className="props">
          <dt>{t('common.kind')}</dt>
          <dd>{t(`organisations.kinds.${org.kind}`)}</dd>
          <dt>{t('organisations.shortName')}</dt>
          <dd>{org.shortName ?? t('common.none')}</dd>
          <dt>{t('organisations.municipalityCode')}</dt>
          <dd>{org.municipalityCode ?? t('common.none')}</dd>
          <dt>{t('organisations.regionCode')}</dt>
          <dd>{org.regionCode ?? t('common.none')}</dd>
          <dt>{t('organisations.cvr')}</dt>
          <dd>{org.cvr ?? t('common.none')}</dd>
        </dl>
      </div>
      {editing ? (
        <OrganisationForm
          organisation={org}
          etag={etag ?? `"${org.version}"`}
          onDone={() => setEditing(false)}
          onReload={() => {
            setEditing(false);
            void query.refetch();
          }}
        />
      ) : (
        <button type="button" onClick={() => setEditing(true)}>
          {t('organisations.edit')}
        </button>
      )}
      <OrganisationOverview id={org.id} />
    </section>
  );
}
