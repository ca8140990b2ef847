import { useEffect } from 'react';
import { Link, useLocation } from 'react-router';
import { useTranslation } from 'react-i18next';

import { Page } from '@/components/page';
import { useSession } from '@/lib/auth-context';

/** Where an erased account lands: what happened, and the session (already ended by the provider) forgotten here. */
export function AccountErasedRoute() {
  const { t } = useTranslation();
  const { auth } = useSession();
  const { state } = useLocation() as { state: { erased?: boolean } | null };
  const erased = state?.erased === true;

  useEffect(() => {
    if (erased) void auth.forget();
  }, [auth, erased]);

  return (
    <Page title={t('myData.erased.title')}>
      <p>{t('myData.erased.body')}</p>
      <p>
        <Link to="/">{t('notFound.home')}</Link>
      </p>
    </Page>
  );
}
