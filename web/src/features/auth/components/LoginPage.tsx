import { useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { Field, FormError, useFormErrors } from '@/components/form';
import { PageTitle } from '@/components/Layout';
import { ApiError } from '@/lib/api/problem';
import { useLogin } from '../api';

const FIELDS = ['username', 'password'] as const;

/** Only same-app paths are followed after signing in (no open redirect). */
export function safeNext(next: string | null): string {
  return next && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/login') ? next : '/';
}

export function LoginPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const login = useLogin();
  const { fieldErrors, formError, fromError, clear } = useFormErrors(FIELDS);
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [wrong, setWrong] = useState(false);

  return (
    <section className="narrow">
      <PageTitle>{t('auth.title')}</PageTitle>
      <p>{t('auth.intro')}</p>
      <form
        className="card"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          clear();
          setWrong(false);
          login.mutate(
            { username, password },
            {
              onSuccess: () => void navigate(safeNext(params.get('next')), { replace: true }),
              onError: (error) => {
                if (error instanceof ApiError && error.status === 401) setWrong(true);
                else fromError(error);
              },
            },
          );
        }}
      >
        {wrong ? (
          <div className="alert alert-error" role="alert">
            <p>{t('auth.wrong')}</p>
          </div>
        ) : null}
        <FormError error={formError} />
        <Field name="username" label={t('auth.username')} errors={fieldErrors} required>
          {(p) => (
            <input {...p} autoComplete="username" value={username} onChange={(e) => setUsername(e.target.value)} />
          )}
        </Field>
        <Field name="password" label={t('auth.password')} errors={fieldErrors} required>
          {(p) => (
            <input
              {...p}
              type="password"
              autoComplete="current-password"
              value={password}
              onChange={(e) => setPassword(e.target.value)}
            />
          )}
        </Field>
        <button type="submit" disabled={login.isPending}>
          {t('auth.signIn')}
        </button>
      </form>
    </section>
  );
}
