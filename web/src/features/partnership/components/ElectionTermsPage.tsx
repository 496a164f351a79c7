import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Field, FormError, useFormErrors } from '@/components/form';
import { useModelChoice } from '@/components/ModelPicker';
import { ListStates } from '@/components/Status';
import { formatDate } from '@/lib/format';
import { useSession } from '@/lib/session';
import { useCreateElectionTerm, useElectionTerms, type ElectionTerm } from '../api';
import { PARTNER_NS } from '../i18n';
import { Notice } from './parts';

const FIELDS = ['code', 'name', 'startsOn', 'endsOn'] as const;

interface TermForm {
  code: string;
  name: string;
  startsOn: string;
  /** The last day the term covers, as people say it; the API takes the day after (a half-open period). */
  lastDay: string;
}

const EMPTY: TermForm = { code: '', name: '', startsOn: '', lastDay: '' };

/** Moves an ISO date (yyyy-mm-dd) by whole days. */
export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** A half-open term said as people say it: its first day – its last day (the day before the exclusive end). */
function periodOf(term: ElectionTerm, t: (key: string, options?: Record<string, string>) => string) {
  return t('terms.periodText', { from: formatDate(term.startsOn), to: formatDate(addDays(term.endsOn, -1)) });
}

/** The election terms a model follows (its own, else the national ones), and a form giving it one of its own. */
export function ElectionTermsPage() {
  const { t } = useTranslation(PARTNER_NS);
  const { can } = useSession();
  const { modelId } = useModelChoice();
  const terms = useElectionTerms(modelId);
  const [notice, setNotice] = useState<string | null>(null);
  const writable = can('governance:write');
  const items = terms.data ?? [];
  const own = items.some((term) => term.governanceModelId);

  return (
    <section aria-labelledby="terms-title">
      <h2 id="terms-title">{t('terms.title')}</h2>
      <p>{t('terms.intro')}</p>
      <Notice text={notice} />
      <ListStates list={{ ...terms, items }} empty={t('terms.none')}>
        {() => (
          <>
            <p>
              <span className={own ? 'badge live' : 'badge'} data-terms-source={own ? 'own' : 'national'}>
                {own ? t('terms.own') : t('terms.national')}
              </span>
            </p>
            <div className="table-wrap">
              <table>
                <caption className="visually-hidden">{t('terms.title')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('name')}</th>
                    <th scope="col">{t('code')}</th>
                    <th scope="col">{t('terms.period')}</th>
                    <th scope="col">{t('terms.source')}</th>
                  </tr>
                </thead>
                <tbody>
                  {items.map((term) => (
                    <tr key={term.id} data-term={term.code}>
                      <th scope="row">{term.name}</th>
                      <td>
                        <code>{term.code}</code>
                      </td>
                      <td>{periodOf(term, t)}</td>
                      <td>{term.governanceModelId ? t('terms.own') : t('terms.national')}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </>
        )}
      </ListStates>
      {writable && modelId ? (
        <TermCreator key={modelId} modelId={modelId} onDone={(name) => setNotice(t('created', { name }))} onStart={() => setNotice(null)} />
      ) : null}
    </section>
  );
}

function TermCreator({ modelId, onDone, onStart }: { modelId: string; onDone: (name: string) => void; onStart: () => void }) {
  const { t } = useTranslation(PARTNER_NS);
  const create = useCreateElectionTerm(modelId);
  const [form, setForm] = useState<TermForm>(EMPTY);
  const { fieldErrors: serverErrors, formError, fromError, clear } = useFormErrors(FIELDS);
  const [dateErrors, setDateErrors] = useState<Partial<Record<'startsOn' | 'endsOn', string[]>>>({});
  const fieldErrors = { ...serverErrors, ...dateErrors };
  const set = (k: keyof TermForm) => (e: React.ChangeEvent<HTMLInputElement>) => setForm((f) => ({ ...f, [k]: e.target.value }));

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    clear();
    onStart();
    const missing: Partial<Record<'startsOn' | 'endsOn', string[]>> = {};
    if (!/^\d{4}-\d{2}-\d{2}$/.test(form.startsOn)) missing.startsOn = [t('terms.dateRequired')];
    if (!/^\d{4}-\d{2}-\d{2}$/.test(form.lastDay)) missing.endsOn = [t('terms.dateRequired')];
    setDateErrors(missing);
    if (Object.keys(missing).length > 0) return;
    try {
      const created = await create.mutateAsync({
        code: form.code.trim(),
        name: form.name.trim(),
        startsOn: form.startsOn,
        endsOn: addDays(form.lastDay, 1),
      });
      setForm(EMPTY);
      onDone(created.name);
    } catch (error) {
      fromError(error);
    }
  };

  return (
    <form className="partner-form" aria-label={t('terms.create')} onSubmit={(e) => void submit(e)} noValidate>
      <h3>{t('terms.create')}</h3>
      <p>{t('terms.createIntro')}</p>
      <FormError error={formError} />
      <div className="form-row">
        <Field name="code" label={t('code')} errors={fieldErrors} required>
          {(p) => <input {...p} value={form.code} onChange={set('code')} autoComplete="off" maxLength={20} />}
        </Field>
        <Field name="name" label={t('name')} errors={fieldErrors} required>
          {(p) => <input {...p} value={form.name} onChange={set('name')} maxLength={100} />}
        </Field>
        <Field name="startsOn" label={t('terms.startsOn')} errors={fieldErrors} required>
          {(p) => <input {...p} type="date" value={form.startsOn} onChange={set('startsOn')} />}
        </Field>
        <Field name="endsOn" label={t('terms.endsOn')} errors={fieldErrors} required hint={t('terms.endsOnHint')}>
          {(p) => <input {...p} type="date" value={form.lastDay} onChange={set('lastDay')} />}
        </Field>
      </div>
      <div className="form-row">
        <button type="submit" disabled={create.isPending}>
          {t('terms.create')}
        </button>
      </div>
    </form>
  );
}
