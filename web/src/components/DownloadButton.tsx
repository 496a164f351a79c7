import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { toApiError } from '@/lib/api/problem';
import { ErrorAlert } from './Status';

/**
 * Downloads a file from the API (same origin, so the session cookie goes along) and shows
 * progress while it streams, then hands it to the browser as a normal download.
 */
export function DownloadButton({ url, filename, label }: { url: string; filename: string; label: string }) {
  const { t } = useTranslation();
  const [progress, setProgress] = useState<{ received: number; total: number | null } | null>(null);
  const [error, setError] = useState<unknown>(null);

  async function download() {
    setError(null);
    setProgress({ received: 0, total: null });
    try {
      const response = await fetch(url, { headers: { Accept: 'text/csv, */*' } });
      if (!response.ok) throw await toApiError(response);
      const total = Number(response.headers.get('Content-Length')) || null;
      const chunks: BlobPart[] = [];
      let received = 0;
      const reader = response.body?.getReader();
      if (reader) {
        for (;;) {
          const { done, value } = await reader.read();
          if (done) break;
          chunks.push(value);
          received += value.length;
          setProgress({ received, total });
        }
      } else {
        chunks.push(await response.blob());
      }
      const blob = new Blob(chunks, { type: response.headers.get('Content-Type') ?? 'text/csv' });
      const href = URL.createObjectURL(blob);
      const a = document.createElement('a');
      a.href = href;
      a.download = filename;
      document.body.appendChild(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(href), 1000);
    } catch (e) {
      setError(e);
    } finally {
      setProgress(null);
    }
  }

  return (
    <div className="download">
      <button type="button" className="secondary" onClick={() => void download()} disabled={progress !== null}>
        {label}
      </button>
      {progress ? (
        <span role="status" aria-live="polite" className="hint">
          {progress.total ? (
            <progress value={progress.received} max={progress.total} aria-label={t('common.downloading')} />
          ) : null}{' '}
          {t('common.downloading')} {Math.round(progress.received / 1024)} kB
        </span>
      ) : null}
      <ErrorAlert error={error} />
    </div>
  );
}
