import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Field, FormError, useFormErrors } from '@/components/form';
import { PageTitle } from '@/components/Layout';
import { ApiError } from '@/lib/api/problem';
import { useSession } from '@/lib/session';
import { useChangePassword } from '../api';

const FIELDS = ['currentPassword', 'newPassword'] as const;

/** The signed-in user changes their own password; every other session of the account ends. */
export function ChangePasswordPage() {
  const { t } = useTranslation();
  const { authenticated } = useSession();
  const change = useChangePassword();
  const { fieldErrors, formError, fromError, clear } = useFormErrors(FIELDS);
  const [currentPassword, setCurrentPassword] = useState('');
  const [newPassword, setNewPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [done, setDone] = useState(false);

  if (!authenticated) return null;
  return (
    <section className="narrow">
      <PageTitle>{t('auth.changePassword')}</PageTitle>
      <p>{t('auth.changeIntro')}</p>
      {done ? (
        <div className="alert alert-ok" role="status">
          <p>{t('auth.changed')}</p>
        </div>
      ) : null}
      <form
        className="card"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          clear();
          setProblem(null);
          setDone(false);
          if (newPassword !== confirm) {
            setProblem(t('auth.mismatch'));
            return;
          }
          change.mutate(
            { currentPassword, newPassword },
            {
              onSuccess: () => {
                setDone(true);
                setCurrentPassword('');
                setNewPassword('');
                setConfirm('');
              },
              onError: (error) => {
                if (error instanceof ApiError && error.status === 422) setProblem(t('auth.currentWrong'));
                else if (error instanceof ApiError && error.status === 429) setProblem(t('auth.tooMany'));
                else fromError(error);
              },
            },
          );
        }}
      >
        {problem ? (
          <div className="alert alert-error" role="alert">
            <p>{problem}</p>
          </div>
        ) : null}
        <FormError error={formError} />
        <Field name="currentPassword" label={t('auth.currentPassword')} errors={fieldErrors} required>
          {(p) => (
            <input
              {...p}
              type="password"
              autoComplete="current-password"
              value={currentPassword}
              onChange={(e) => setCurrentPassword(e.target.value)}
            />
          )}
        </Field>
        <Field
          name="newPassword"
          label={t('auth.newPassword')}
          hint={t('auth.newPasswordHint')}
          errors={fieldErrors}
          required
        >
          {(p) => (
            <input
              {...p}
              type="password"
              autoComplete="new-password"
              minLength={12}
              value={newPassword}
              onChange={(e) => setNewPassword(e.target.value)}
            />
          )}
        </Field>
        <Field name="confirmPassword" label={t('auth.confirmPassword')} errors={fieldErrors} required>
          {(p) => (
            <input
              {...p}
              type="password"
              autoComplete="new-password"
              value={confirm}
              onChange={(e) => setConfirm(e.target.value)}
            />
          )}
        </Field>
        <button type="submit" disabled={change.isPending}>
          {t('auth.changePassword')}
        </button>
      </form>
    </section>
  );
}
