import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Field, FormError, useFormErrors } from '@/components/form';
import { Confirm } from '@/components/Confirm';
import { ErrorAlert, Loading } from '@/components/Status';
import {
  useCaseDocuments,
  useCaseVisibility,
  useDeleteCaseDocument,
  useLinkCaseDocument,
  useSetCaseVisibility,
  useUploadCaseDocument,
  type CaseDocument,
  type CaseVisibility,
} from '../api/documents';

/** Bytes as people read them: 12 kB, 3.4 MB. */
export function formatSize(bytes: number, locale: string): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ['kB', 'MB', 'GB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value.toLocaleString(locale, { maximumFractionDigits: 1 })} ${units[unit]}`;
}

/**
 * A case's documents: opened from Klima (uploads) or the owning case system (links); who may write the case uploads
 * files, adds links and decides whether the case is public.
 */
export function CaseDocuments({ caseId, canWrite }: { caseId: string; canWrite: boolean }) {
  const { t } = useTranslation();
  const documents = useCaseDocuments(caseId);
  return (
    <div className="card" data-testid="case-documents">
      <h2>{t('caseDocuments.title')}</h2>
      {documents.isPending ? (
        <Loading />
      ) : documents.isError ? (
        <ErrorAlert error={documents.error} onRetry={() => void documents.refetch()} />
      ) : documents.data.length === 0 ? (
        <p className="hint">{t('caseDocuments.none')}</p>
      ) : (
        <ul className="documents">
          {documents.data.map((d) => (
            <DocumentItem key={d.id} document={d} caseId={caseId} canWrite={canWrite} />
          ))}
        </ul>
      )}
      {canWrite ? (
        <>
          <UploadForm caseId={caseId} />
          <LinkForm caseId={caseId} />
          <VisibilityControl caseId={caseId} />
        </>
      ) : null}
    </div>
  );
}

function DocumentItem({ document: d, caseId, canWrite }: { document: CaseDocument; caseId: string; canWrite: boolean }) {
  const { t, i18n } = useTranslation();
  const remove = useDeleteCaseDocument(caseId);
  const [confirming, setConfirming] = useState(false);
  const details = [
    d.documentNumber ? `${t('caseDocuments.number')} ${d.documentNumber}` : null,
    d.source === 'upload' && d.sizeBytes != null ? formatSize(d.sizeBytes, i18n.language) : null,
    d.source === 'link' ? t('caseDocuments.inCaseSystem') : null,
  ].filter(Boolean);
  return (
    <li>
      <a href={d.url} target="_blank" rel="noopener noreferrer">
        {d.title}
      </a>
      {details.length ? <span className="hint"> · {details.join(' · ')}</span> : null}
      {canWrite && !confirming ? (
        <>
          {' '}
          <button type="button" className="secondary small" onClick={() => setConfirming(true)}>
            {t('caseDocuments.delete')}
          </button>
        </>
      ) : null}
      {confirming ? (
        <Confirm
          question={t('caseDocuments.deleteQuestion', { title: d.title })}
          confirmLabel={t('caseDocuments.confirmDelete')}
          onConfirm={() => remove.mutateAsync(d.id)}
          onCancel={() => setConfirming(false)}
        />
      ) : null}
    </li>
  );
}

function UploadForm({ caseId }: { caseId: string }) {
  const { t } = useTranslation();
  const upload = useUploadCaseDocument(caseId);
  const { fieldErrors, formError, fromError, clear } = useFormErrors(['file', 'title', 'documentNumber']);
  const [file, setFile] = useState<File | null>(null);
  const [title, setTitle] = useState('');
  const [documentNumber, setDocumentNumber] = useState('');
  const input = useRef<HTMLInputElement>(null);
  return (
    <form
      noValidate
      aria-label={t('caseDocuments.upload')}
      onSubmit={(e) => {
        e.preventDefault();
        clear();
        if (!file) return;
        upload.mutate(
          { file, title: title || undefined, documentNumber: documentNumber || undefined },
          {
            onSuccess: () => {
              setFile(null);
              setTitle('');
              setDocumentNumber('');
              if (input.current) input.current.value = '';
            },
            onError: fromError,
          },
        );
      }}
    >
      <h3>{t('caseDocuments.upload')}</h3>
      <FormError error={formError} />
      <Field name="file" label={t('caseDocuments.file')} errors={fieldErrors} required>
        {(p) => (
          // The browser's own file button speaks the browser's language ("Choose File"): ours speaks the screen's.
          <div className="file-picker">
            <input {...p} ref={input} type="file" className="visually-hidden" onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
            <label htmlFor={p.id} className="button secondary">
              {t('caseDocuments.chooseFile')}
            </label>{' '}
            <span className="hint">{file ? file.name : t('caseDocuments.noFileChosen')}</span>
          </div>
        )}
      </Field>
      <Field name="title" label={t('caseDocuments.titleLabel')} errors={fieldErrors}>
        {(p) => <input {...p} value={title} onChange={(e) => setTitle(e.target.value)} maxLength={400} />}
      </Field>
      <Field name="documentNumber" label={t('caseDocuments.number')} errors={fieldErrors}>
        {(p) => <input {...p} value={documentNumber} onChange={(e) => setDocumentNumber(e.target.value)} maxLength={50} />}
      </Field>
      <p className="hint">{t('caseDocuments.uploadHint')}</p>
      <button type="submit" disabled={!file || upload.isPending}>
        {t('caseDocuments.uploadButton')}
      </button>
    </form>
  );
}

function LinkForm({ caseId }: { caseId: string }) {
  const { t } = useTranslation();
  const link = useLinkCaseDocument(caseId);
  const { fieldErrors, formError, fromError, clear } = useFormErrors(['url', 'title', 'documentNumber']);
  const [url, setUrl] = useState('');
  const [title, setTitle] = useState('');
  return (
    <form
      noValidate
      aria-label={t('caseDocuments.link')}
      onSubmit={(e) => {
        e.preventDefault();
        clear();
        link.mutate(
          { url, title },
          {
            onSuccess: () => {
              setUrl('');
              setTitle('');
            },
            onError: fromError,
          },
        );
      }}
    >
      <h3>{t('caseDocuments.link')}</h3>
      <FormError error={formError} />
      <Field name="url" label={t('caseDocuments.url')} errors={fieldErrors} required>
        {(p) => <input {...p} type="url" value={url} onChange={(e) => setUrl(e.target.value)} placeholder="https://" />}
      </Field>
      <Field name="title" label={t('caseDocuments.titleLabel')} errors={fieldErrors} required>
        {(p) => <input {...p} value={title} onChange={(e) => setTitle(e.target.value)} maxLength={400} />}
      </Field>
      <button type="submit" disabled={link.isPending}>
        {t('caseDocuments.linkButton')}
      </button>
    </form>
  );
}

const VISIBILITIES: CaseVisibility[] = ['whenDecided', 'public', 'notPublic'];

function VisibilityControl({ caseId }: { caseId: string }) {
  const { t } = useTranslation();
  const state = useCaseVisibility(caseId);
  const set = useSetCaseVisibility(caseId);
  if (state.isPending) return <Loading />;
  if (state.isError) return <ErrorAlert error={state.error} onRetry={() => void state.refetch()} />;
  const { data, etag } = state.data;
  return (
    <fieldset>
      <legend>{t('caseDocuments.visibility')}</legend>
      <p data-testid="case-public">{data.isPublic ? t('caseDocuments.isPublic') : t('caseDocuments.isNotPublic')}</p>
      {VISIBILITIES.map((v) => (
        <label key={v} className="radio">
          <input
            type="radio"
            name="visibility"
            value={v}
            checked={data.visibility === v}
            disabled={set.isPending || !etag}
            onChange={() => etag && set.mutate({ visibility: v, etag })}
          />{' '}
          {t(`caseDocuments.visibilities.${v}`)}
        </label>
      ))}
      {set.isError ? <ErrorAlert error={set.error} /> : null}
    </fieldset>
  );
}
