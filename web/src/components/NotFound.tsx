import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { PageTitle } from './Layout';

export function NotFound() {
  const { t } = useTranslation();
  return (
    <section>
      <PageTitle>{t('common.notFound')}</PageTitle>
      <p>
        <Link to="/">{t('common.home')}</Link>
      </p>
    </section>
  );
}
