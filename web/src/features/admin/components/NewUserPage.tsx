import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { Field, FormError, useFormErrors } from '@/components/form';
import { PageTitle } from '@/components/Layout';
import { ROLES, useCreateUser } from '../api';
import { useOrganisationOptions } from '@/lib/lookups';
import { ADMIN_NS } from '../i18n';

const FIELDS = ['username', 'displayName', 'password', 'role', 'organisationId'] as const;

/** Creates a staff account with a role and, optionally, an organisation it is bound to. */
export function NewUserPage() {
  const { t } = useTranslation(ADMIN_NS);
  const { t: tc } = useTranslation();
  const navigate = useNavigate();
  const create = useCreateUser();
  const organisations = useOrganisationOptions();
  const { fieldErrors, formError, fromError, clear } = useFormErrors(FIELDS);
  const [username, setUsername] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [password, setPassword] = useState('');
  const [role, setRole] = useState<(typeof ROLES)[number]>('reader');
  const [organisationId, setOrganisationId] = useState('');

  return (
    <section>
      <PageTitle>{t('newUser')}</PageTitle>
      <form
        className="card narrow-form"
        noValidate
        aria-label={t('newUser')}
        onSubmit={(e) => {
          e.preventDefault();
          clear();
          create.mutate(
            { username: username.trim(), displayName: displayName.trim(), password, role, organisationId: organisationId || null },
            {
              onSuccess: (user) => void navigate('/admin/users', { state: { created: user.username } }),
              onError: fromError,
            },
          );
        }}
      >
        <FormError error={formError} />
        <div className="form-row">
          <Field name="username" label={t('username')} hint={t('usernameHint')} errors={fieldErrors} required>
            {(p) => (
              <input
                {...p}
                autoComplete="off"
                autoCapitalize="off"
                spellCheck={false}
                value={username}
                onChange={(e) => setUsername(e.target.value)}
              />
            )}
          </Field>
          <Field name="displayName" label={t('displayName')} errors={fieldErrors} required>
            {(p) => <input {...p} autoComplete="off" value={displayName} onChange={(e) => setDisplayName(e.target.value)} />}
          </Field>
        </div>
        <Field name="password" label={t('password')} hint={t('passwordHint')} errors={fieldErrors} required>
          {(p) => (
            <input
              {...p}
              type="password"
              autoComplete="new-password"
              minLength={12}
              value={password}
              onChange={(e) => setPassword(e.target.value)}
            />
          )}
        </Field>
        <div className="form-row">
          <Field name="role" label={t('role')} hint={t(`roleHints.${role}`)} errors={fieldErrors} required>
            {(p) => (
              <select {...p} value={role} onChange={(e) => setRole(e.target.value as (typeof ROLES)[number])}>
                {ROLES.map((r) => (
                  <option key={r} value={r}>
                    {t(`roles.${r}`)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field name="organisationId" label={t('organisation')} hint={t('organisationHint')} errors={fieldErrors}>
            {(p) => (
              <select {...p} value={organisationId} onChange={(e) => setOrganisationId(e.target.value)}>
                <option value="">{t('noOrganisation')}</option>
                {(organisations.data ?? []).map((o) => (
                  <option key={o.id} value={o.id}>
                    {o.name}
                  </option>
                ))}
              </select>
            )}
          </Field>
        </div>
        <div className="form-row">
          <button type="submit" disabled={create.isPending}>
            {t('createUser')}
          </button>
          <Link className="button secondary" to="/admin/users">
            {tc('common.cancel')}
          </Link>
        </div>
      </form>
    </section>
  );
}
