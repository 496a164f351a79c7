import { useId, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { Field, FormError, useFormErrors } from '@/components/form';
import { PageTitle } from '@/components/Layout';
import { SCOPES, useIssueApiKey, type IssuedApiKey } from '../api';
import { useOrganisationOptions } from '@/lib/lookups';
import { ADMIN_NS } from '../i18n';
import { scopeKey } from './keyState';
import { SecretOnce } from './SecretOnce';

const FIELDS = ['name', 'scopes', 'organisationId', 'expiresAt'] as const;

/**
 * Issues an API key. The answer holds the secret, shown here once; it is kept only in this screen's state, so
 * leaving the screen (or reloading it) forgets it for good.
 */
export function NewApiKeyPage() {
  const { t } = useTranslation(ADMIN_NS);
  const { t: tc } = useTranslation();
  const navigate = useNavigate();
  const issue = useIssueApiKey();
  const organisations = useOrganisationOptions();
  const { fieldErrors, formError, fromError, clear } = useFormErrors(FIELDS);
  const scopesId = useId();
  const [name, setName] = useState('');
  const [scopes, setScopes] = useState<string[]>([]);
  const [organisationId, setOrganisationId] = useState('');
  const [expiresOn, setExpiresOn] = useState('');
  const [issued, setIssued] = useState<IssuedApiKey | null>(null);

  if (issued) {
    return (
      <section>
        <PageTitle>{t('newKey')}</PageTitle>
        <SecretOnce name={issued.apiKey.name} secret={issued.key} onDone={() => void navigate('/admin/api-keys')} />
      </section>
    );
  }

  const scopeErrors = fieldErrors.scopes ?? [];
  return (
    <section>
      <PageTitle>{t('newKey')}</PageTitle>
      <form
        className="card narrow-form"
        noValidate
        aria-label={t('newKey')}
        onSubmit={(e) => {
          e.preventDefault();
          clear();
          issue.mutate(
            {
              name: name.trim(),
              scopes: SCOPES.filter((s) => scopes.includes(s)),
              organisationId: organisationId || null,
              expiresAt: expiresOn ? new Date(`${expiresOn}T00:00:00`).toISOString() : null,
            },
            { onSuccess: setIssued, onError: fromError },
          );
        }}
      >
        <FormError error={formError} />
        <Field name="name" label={t('keyName')} hint={t('keyNameHint')} errors={fieldErrors} required>
          {(p) => <input {...p} autoComplete="off" value={name} onChange={(e) => setName(e.target.value)} />}
        </Field>
        <fieldset
          className={`checkboxes${scopeErrors.length ? ' invalid' : ''}`}
          aria-describedby={`${scopesId}-hint${scopeErrors.length ? ` ${scopesId}-error` : ''}`}
        >
          <legend>
            {t('scopes')}
            <span aria-hidden="true"> *</span>
          </legend>
          <p id={`${scopesId}-hint`} className="hint">
            {t('scopesHint')}
          </p>
          <ul>
            {SCOPES.map((scope) => (
              <li key={scope}>
                <label>
                  <input
                    type="checkbox"
                    name="scopes"
                    value={scope}
                    checked={scopes.includes(scope)}
                    aria-invalid={scopeErrors.length ? true : undefined}
                    onChange={(e) =>
                      setScopes((current) =>
                        e.target.checked ? [...current, scope] : current.filter((s) => s !== scope),
                      )
                    }
                  />{' '}
                  {t(scopeKey(scope))} <code>{scope}</code>
                </label>
              </li>
            ))}
          </ul>
          {scopeErrors.length ? (
            <p id={`${scopesId}-error`} className="field-error">
              {scopeErrors.join(' ')}
            </p>
          ) : null}
        </fieldset>
        <div className="form-row">
          <Field name="organisationId" label={t('keyOrganisation')} hint={t('keyOrganisationHint')} errors={fieldErrors}>
            {(p) => (
              <select {...p} value={organisationId} onChange={(e) => setOrganisationId(e.target.value)}>
                <option value="">{t('allOrganisations')}</option>
                {(organisations.data ?? []).map((o) => (
                  <option key={o.id} value={o.id}>
                    {o.name}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field name="expiresAt" label={t('expiresOn')} hint={t('expiresHint')} errors={fieldErrors}>
            {(p) => <input {...p} type="date" value={expiresOn} onChange={(e) => setExpiresOn(e.target.value)} />}
          </Field>
        </div>
        <div className="form-row">
          <button type="submit" disabled={issue.isPending}>
            {t('issue')}
          </button>
          <Link className="button secondary" to="/admin/api-keys">
            {tc('common.cancel')}
          </Link>
        </div>
      </form>
    </section>
  );
}
