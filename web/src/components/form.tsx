import { useCallback, useId, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, fieldErrorsOf, partitionFieldErrors, type FieldErrors } from '@/lib/api/problem';
import { describeError } from '@/lib/errors';

/**
 * Holds the errors of one form: problem-details `errors` on the fields they name, and
 * everything else (a 412, a 409, unknown fields) as one message above the form.
 */
export function useFormErrors(fields: readonly string[]) {
  const { t } = useTranslation();
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<{ message: string; stale: boolean } | null>(null);

  const clear = useCallback(() => {
    setFieldErrors({});
    setFormError(null);
  }, []);

  const fromError = useCallback(
    (error: unknown) => {
      const all = error instanceof ApiError ? fieldErrorsOf(error.problem) : {};
      const { byField, other } = partitionFieldErrors(all, fields);
      setFieldErrors(byField);
      const stale = error instanceof ApiError && error.isStale;
      const hasFieldErrors = Object.keys(byField).length > 0;
      const message = stale
        ? t('errors.stale')
        : other.length > 0
          ? other.join(' ')
          : hasFieldErrors
            ? t('errors.validation')
            : describeError(error, t);
      setFormError({ message, stale });
    },
    [fields, t],
  );

  return { fieldErrors, formError, fromError, clear };
}

export function FormError({
  error,
  onReload,
}: {
  error: { message: string; stale: boolean } | null;
  onReload?: () => void;
}) {
  const { t } = useTranslation();
  if (!error) return null;
  return (
    <div className="alert alert-error" role="alert">
      <p>{error.message}</p>
      {error.stale ? (
        <button type="button" onClick={() => (onReload ? onReload() : window.location.reload())}>
          {t('common.reload')}
        </button>
      ) : null}
    </div>
  );
}

interface FieldProps {
  name: string;
  label: string;
  errors?: FieldErrors;
  required?: boolean;
  hint?: string;
  children: (props: {
    id: string;
    name: string;
    'aria-invalid': boolean | undefined;
    'aria-describedby': string | undefined;
    required: boolean | undefined;
  }) => ReactNode;
}

/** A labelled control with its hint and server-side messages tied to it for screen readers. */
export function Field({ name, label, errors, required, hint, children }: FieldProps) {
  const id = useId();
  const messages = errors?.[name] ?? [];
  const errorId = `${id}-error`;
  const hintId = `${id}-hint`;
  const describedBy = [hint ? hintId : null, messages.length ? errorId : null]
    .filter(Boolean)
    .join(' ');
  return (
    <div className={`field${messages.length ? ' field-invalid' : ''}`}>
      <label htmlFor={id}>
        {label}
        {required ? <span aria-hidden="true"> *</span> : null}
      </label>
      {hint ? (
        <p id={hintId} className="hint">
          {hint}
        </p>
      ) : null}
      {children({
        id,
        name,
        'aria-invalid': messages.length ? true : undefined,
        'aria-describedby': describedBy || undefined,
        required: required || undefined,
      })}
      {messages.length ? (
        <p id={errorId} className="field-error">
          {messages.join(' ')}
        </p>
      ) : null}
    </div>
  );
}
