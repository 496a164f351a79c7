import { useRef } from 'react';
import { Link, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { PageTitle } from '@/components/Layout';
import { ErrorAlert, Loading } from '@/components/Status';
import { useOrganisationOptions } from '@/lib/lookups';
import { useCreateBody, useModels } from '../api';
import { BODY_EDIT_NS } from '../i18n';
import { BodyForm } from './BodyForm';

/** Creates a body from the bodies list: POST /api/bodies, then on to the new body's page. */
export function NewBodyPage() {
  const { t } = useTranslation();
  const { t: te } = useTranslation(BODY_EDIT_NS);
  const navigate = useNavigate();
  const models = useModels();
  const organisations = useOrganisationOptions();
  const create = useCreateBody();
  const createdId = useRef<string | null>(null);

  return (
    <section>
      <p>
        <Link to="/bodies">← {t('bodies.title')}</Link>
      </p>
      <PageTitle>{te('newBody')}</PageTitle>
      {models.isPending ? (
        <Loading />
      ) : models.isError ? (
        <ErrorAlert error={models.error} onRetry={() => void models.refetch()} />
      ) : (
        <BodyForm
          body={{
            // One model (the usual case) is chosen already.
            governanceModelId: models.data.length === 1 ? (models.data[0]?.id ?? '') : '',
            code: '',
            name: '',
            nameEn: null,
            kind: 'workingGroup',
            mandate: null,
            canDecide: false,
            hostOrganisationId: null,
            establishedOn: null,
            establishedByCaseRef: null,
            dissolvedOn: null,
            dissolvedByCaseRef: null,
          }}
          models={models.data.map((m) => ({ id: m.id, name: m.name }))}
          organisations={organisations.data ?? []}
          submit={async (input) => {
            createdId.current = (await create.mutateAsync(input)).id;
          }}
          onDone={() => void navigate(`/bodies/${createdId.current}`)}
          onCancel={() => void navigate('/bodies')}
        />
      )}
    </section>
  );
}
