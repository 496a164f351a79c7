import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ADMIN_NS } from '../i18n';

/**
 * Shows a newly issued API key the one time it can be seen: a plain warning that it will not be shown again,
 * the key in a read-only field (selected on focus, so it can be copied by hand) and a copy button. The heading
 * takes the focus so keyboard and screen-reader users land on it.
 */
export function SecretOnce({ name, secret, onDone }: { name: string; secret: string; onDone: () => void }) {
  const { t } = useTranslation(ADMIN_NS);
  const headingId = useId();
  const inputId = useId();
  const warningId = useId();
  const heading = useRef<HTMLHeadingElement>(null);
  const input = useRef<HTMLInputElement>(null);
  const [copy, setCopy] = useState<'copied' | 'failed' | null>(null);

  useEffect(() => heading.current?.focus(), []);

  return (
    <section className="card secret" aria-labelledby={headingId}>
      <h2 id={headingId} ref={heading} tabIndex={-1}>
        {t('secretTitle', { name })}
      </h2>
      <div className="alert alert-warn" id={warningId}>
        <p>
          <strong>{t('secretWarning')}</strong>
        </p>
      </div>
      <div className="field">
        <label htmlFor={inputId}>{t('secretLabel')}</label>
        <div className="secret-row">
          <input
            id={inputId}
            ref={input}
            readOnly
            value={secret}
            spellCheck={false}
            autoComplete="off"
            aria-describedby={warningId}
            onFocus={(e) => e.currentTarget.select()}
          />
          <button
            type="button"
            onClick={() => {
              const select = () => {
                input.current?.focus();
                input.current?.select();
              };
              if (!navigator.clipboard?.writeText) {
                select();
                setCopy('failed');
                return;
              }
              navigator.clipboard.writeText(secret).then(
                () => setCopy('copied'),
                () => {
                  select();
                  setCopy('failed');
                },
              );
            }}
          >
            {t('copy')}
          </button>
        </div>
      </div>
      <p role="status" className={copy === 'failed' ? 'field-error' : undefined}>
        {copy === 'copied' ? t('copied') : copy === 'failed' ? t('copyFailed') : ''}
      </p>
      <p className="hint">{t('secretUsage')}</p>
      <button type="button" className="secondary" onClick={onDone}>
        {t('secretDone')}
      </button>
    </section>
  );
}
