import { useId } from 'react';
import { useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';

/** The "as of" date lives in the URL (?asOf=yyyy-mm-dd) so the view can be shared. */
export function useAsOf(): [string | undefined, (value: string | undefined) => void] {
  const [params, setParams] = useSearchParams();
  const asOf = params.get('asOf') ?? undefined;
  const set = (value: string | undefined) => {
    const next = new URLSearchParams(params);
    if (value) next.set('asOf', value);
    else next.delete('asOf');
    setParams(next, { replace: true });
  };
  return [asOf && /^\d{4}-\d{2}-\d{2}$/.test(asOf) ? asOf : undefined, set];
}

export function AsOfPicker({ label, hint }: { label?: string; hint?: string } = {}) {
  const { t } = useTranslation();
  const [asOf, setAsOf] = useAsOf();
  const id = useId();
  return (
    <div className="field as-of">
      <label htmlFor={id}>{label ?? t('asOf.label')}</label>
      <p className="hint" id={`${id}-hint`}>
        {hint ?? t('asOf.hint')}
      </p>
      <div className="form-row">
        <input
          id={id}
          type="date"
          aria-describedby={`${id}-hint`}
          value={asOf ?? ''}
          onChange={(e) => setAsOf(e.target.value || undefined)}
        />
        {asOf ? (
          <button type="button" className="secondary small" onClick={() => setAsOf(undefined)}>
            {t('asOf.today')}
          </button>
        ) : null}
      </div>
    </div>
  );
}
