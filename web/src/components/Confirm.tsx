import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from './Status';
import './confirm.css';

/**
 * Asks before an action that cannot be undone (remove, revoke, rotate). Shown in place, right where the
 * action was chosen; it takes the focus so keyboard and screen-reader users hear the question at once, and
 * Escape answers no. A failure (a 409, or a 412 "changed by someone else" with its reload button) is shown in it.
 */
export function Confirm({
  question,
  confirmLabel,
  onConfirm,
  onCancel,
  onReload,
  danger = true,
}: {
  question: string;
  confirmLabel: string;
  onConfirm: () => Promise<unknown>;
  onCancel: () => void;
  onReload?: () => void;
  danger?: boolean;
}) {
  const { t } = useTranslation();
  const questionId = useId();
  const ref = useRef<HTMLDivElement>(null);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => ref.current?.focus(), []);

  return (
    <div
      ref={ref}
      className="confirm"
      role="group"
      aria-labelledby={questionId}
      tabIndex={-1}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.stopPropagation();
          onCancel();
        }
      }}
    >
      <p id={questionId}>{question}</p>
      {error ? <ErrorAlert error={error} onRetry={onReload} /> : null}
      <div className="form-row">
        <button
          type="button"
          className={danger ? 'danger' : undefined}
          disabled={pending}
          onClick={() => {
            setPending(true);
            setError(null);
            onConfirm().then(
              () => setPending(false),
              (e: unknown) => {
                setPending(false);
                setError(e);
              },
            );
          }}
        >
          {confirmLabel}
        </button>
        <button type="button" className="secondary" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </div>
  );
}
