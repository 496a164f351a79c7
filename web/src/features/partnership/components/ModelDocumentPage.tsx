import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Confirm } from '@/components/Confirm';
import { DownloadButton } from '@/components/DownloadButton';
import { useModelChoice } from '@/components/ModelPicker';
import { ErrorAlert } from '@/components/Status';
import { ApiError } from '@/lib/api/problem';
import { humanise } from '@/lib/codes';
import { useSession } from '@/lib/session';
import { exportUrl, useImportDocument, type ImportResult, type ModelDocument } from '../api';
import { PARTNER_NS } from '../i18n';
import { errorsByPath, groupChanges, readDocumentText, type ChangeGroup, type PathError } from '../model';

type Outcome =
  | { kind: 'dryRun'; result: ImportResult; document: ModelDocument }
  | { kind: 'imported'; result: ImportResult }
  | { kind: 'refused'; errors: PathError[]; detail?: string }
  | { kind: 'unreadable'; message: string };

/** Export the chosen model as one JSON document; import a document: a dry run first, then for real after asking. */
export function ModelDocumentPage() {
  const { t } = useTranslation(PARTNER_NS);
  const { can } = useSession();
  const { model } = useModelChoice();
  const importer = useImportDocument();
  const fileId = useId();
  const [file, setFile] = useState<File | null>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);

  const run = async (document: ModelDocument, dryRun: boolean) => {
    setFailure(null);
    try {
      const result = await importer.mutateAsync({ document, dryRun });
      setOutcome(dryRun ? { kind: 'dryRun', result, document } : { kind: 'imported', result });
    } catch (error) {
      const paths = error instanceof ApiError ? errorsByPath(error.problem) : [];
      if (paths.length) setOutcome({ kind: 'refused', errors: paths, detail: (error as ApiError).problem?.detail });
      else {
        setOutcome(null);
        setFailure(error);
      }
    }
  };

  const dryRun = async (e: React.FormEvent) => {
    e.preventDefault();
    setConfirming(false);
    if (!file) return setOutcome({ kind: 'unreadable', message: t('document.chooseFile') });
    const read = readDocumentText(await file.text());
    if (!read.ok) return setOutcome({ kind: 'unreadable', message: t(read.reason === 'json' ? 'document.notJson' : 'document.notObject') });
    await run(read.document as ModelDocument, true);
  };

  return (
    <section aria-labelledby="document-title">
      <h2 id="document-title">{t('document.title')}</h2>
      <p>{t('document.intro')}</p>

      <h3>{t('document.exportTitle')}</h3>
      <p>{t('document.exportIntro')}</p>
      {model ? (
        <div className="page-actions">
          <DownloadButton url={exportUrl(model.id)} filename={`${model.code}.model.json`} label={t('document.export')} />
          <a href="/api/model-documents/schema">{t('document.schema')}</a>
        </div>
      ) : null}

      {can('governance:write') ? (
        <>
          <h3>{t('document.importTitle')}</h3>
          <p>{t('document.importIntro')}</p>
          <form className="partner-form" aria-label={t('document.importTitle')} onSubmit={(e) => void dryRun(e)}>
            <div className="field">
              <label htmlFor={fileId}>{t('document.file')}</label>
              <input
                id={fileId}
                type="file"
                accept="application/json,.json"
                onChange={(e) => {
                  setFile(e.target.files?.[0] ?? null);
                  setOutcome(null);
                  setConfirming(false);
                }}
              />
            </div>
            <button type="submit" disabled={importer.isPending}>
              {t('document.dryRun')}
            </button>
          </form>
          {failure ? <ErrorAlert error={failure} /> : null}
          {outcome?.kind === 'unreadable' ? (
            <div className="alert alert-error" role="alert">
              <p>{outcome.message}</p>
            </div>
          ) : null}
          {outcome?.kind === 'refused' ? <RefusedDocument errors={outcome.errors} detail={outcome.detail} /> : null}
          {outcome?.kind === 'dryRun' || outcome?.kind === 'imported' ? (
            <ImportSummary result={outcome.result} done={outcome.kind === 'imported'} />
          ) : null}
          {outcome?.kind === 'dryRun' && outcome.result.created + outcome.result.changed > 0 ? (
            confirming ? (
              <Confirm
                danger={false}
                question={t('document.confirmQuestion', { created: outcome.result.created, changed: outcome.result.changed })}
                confirmLabel={t('document.confirm')}
                onConfirm={() => run(outcome.document, false).then(() => setConfirming(false))}
                onCancel={() => setConfirming(false)}
              />
            ) : (
              <p>
                <button type="button" onClick={() => setConfirming(true)}>
                  {t('document.confirm')}
                </button>
              </p>
            )
          ) : null}
        </>
      ) : null}
    </section>
  );
}

function RefusedDocument({ errors, detail }: { errors: PathError[]; detail?: string }) {
  const { t } = useTranslation(PARTNER_NS);
  return (
    <div className="alert alert-error path-errors" role="alert">
      <p>
        <strong>{t('document.refused')}</strong>
        {detail ? ` ${detail}` : null}
      </p>
      <div className="table-wrap">
        <table>
          <caption>{t('document.errorsCaption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('document.path')}</th>
              <th scope="col">{t('document.error')}</th>
            </tr>
          </thead>
          <tbody>
            {errors.map((e) => (
              <tr key={e.path}>
                <th scope="row">
                  <code>{e.path}</code>
                </th>
                <td>{e.messages.join(' ')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}

function ImportSummary({ result, done }: { result: ImportResult; done: boolean }) {
  const { t } = useTranslation(PARTNER_NS);
  const { created, changed } = groupChanges(result.changes);
  const counts = { created: result.created, changed: result.changed, unchanged: result.unchanged };
  const title = done ? t('document.importedTitle', { model: result.modelCode }) : t('document.dryRunTitle', { model: result.modelCode });
  return (
    <section className={`dry-run${done ? ' alert-ok' : ''}`} aria-label={title} role={done ? 'status' : undefined}>
      <h3>{title}</h3>
      <p>{done ? t('document.summaryDone', counts) : t('document.summary', counts)}</p>
      {!done && result.created + result.changed === 0 ? <p>{t('document.nothing')}</p> : null}
      <ChangeList heading={t('document.createdHeading')} groups={created} />
      <ChangeList heading={t('document.changedHeading')} groups={changed} />
    </section>
  );
}

function ChangeList({ heading, groups }: { heading: string; groups: ChangeGroup[] }) {
  const { t } = useTranslation(PARTNER_NS);
  if (groups.length === 0) return null;
  return (
    <>
      <h4>{heading}</h4>
      {groups.map((g) => (
        <div key={g.element}>
          <h5>{`${t(`document.elements.${g.element}`, { defaultValue: humanise(g.element) })} (${g.changes.length})`}</h5>
          <ul className="changes">
            {g.changes.map((c) => (
              <li key={c.path}>
                <code>{c.key}</code> <code className="block-hint">{c.path}</code>
                {c.fields?.length ? <span className="block-hint">{t('document.fields', { fields: c.fields.join(', ') })}</span> : null}
              </li>
            ))}
          </ul>
        </div>
      ))}
    </>
  );
}
