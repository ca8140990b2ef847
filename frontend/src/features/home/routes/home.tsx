import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';

import { Page } from '@/components/page';

/** What DLA is, and the way into the catalog. */
export function HomeRoute() {
  const { t } = useTranslation();
  return (
    <Page title={t('home.title')}>
      <p className="lead">{t('home.intro')}</p>
      <p>
        <Link to="/catalog" className="button-link">
          {t('home.toCatalog')}
        </Link>
      </p>
    </Page>
  );
}
