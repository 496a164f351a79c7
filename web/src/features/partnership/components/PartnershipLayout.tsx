import { NavLink, Outlet, useLocation } from 'react-router';
import { useTranslation } from 'react-i18next';
import { PageTitle } from '@/components/Layout';
import { ModelPicker, useModelChoice } from '@/components/ModelPicker';
import { Empty, ErrorAlert, Loading } from '@/components/Status';
import { PARTNER_NS } from '../i18n';
import '../partnership.css';

const SECTIONS = [
  { to: 'interests', key: 'tabs.interests' },
  { to: 'payers', key: 'tabs.payers' },
  { to: 'rules', key: 'tabs.rules' },
  { to: 'allocation-keys', key: 'tabs.keys' },
  { to: 'terms', key: 'tabs.terms' },
  { to: 'document', key: 'tabs.document' },
] as const;

/** The partnership screens: a model picker and the model's parts, each on its own URL that keeps `?model=`. */
export function PartnershipLayout() {
  const { t } = useTranslation(PARTNER_NS);
  const { search } = useLocation();
  const { models, modelId, choose, query } = useModelChoice();
  return (
    <section className="partnership">
      <PageTitle>{t('title')}</PageTitle>
      <p>{t('intro')}</p>
      {query.isPending ? (
        <Loading />
      ) : query.isError ? (
        <ErrorAlert error={query.error} onRetry={() => void query.refetch()} />
      ) : models.length === 0 ? (
        <Empty>{t('noModels')}</Empty>
      ) : (
        <>
          <form className="filters" onSubmit={(e) => e.preventDefault()}>
            <ModelPicker models={models} value={modelId} onChange={choose} label={t('model')} />
          </form>
          <nav className="partner-nav" aria-label={t('sections')}>
            <ul>
              {SECTIONS.map((s) => (
                <li key={s.to}>
                  <NavLink to={{ pathname: `/partnership/${s.to}`, search }}>{t(s.key)}</NavLink>
                </li>
              ))}
            </ul>
          </nav>
          {modelId ? <Outlet /> : null}
        </>
      )}
    </section>
  );
}
