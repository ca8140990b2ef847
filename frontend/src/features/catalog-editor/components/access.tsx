import { Outlet } from 'react-router';
import { useTranslation } from 'react-i18next';

import { Page } from '@/components/page';
import { useSession } from '@/lib/auth-context';
import type { AccessClaims } from '@/lib/claims';

/** Whether the token lets a person write the catalog: content editors, and platform admins. */
export function canEditCatalog(claims: AccessClaims | null): boolean {
  return claims?.roles.some((role) => role === 'content_editor' || role === 'platform_admin') ?? false;
}

/** The catalog editor's screens, refused with an explanation to anyone who is not a content editor. */
export function RequireCatalogEditor() {
  const { t } = useTranslation();
  const { claims } = useSession();
  if (!canEditCatalog(claims)) {
    return (
      <Page title={t('catalogEditor.forbiddenTitle')}>
        <p>{t('catalogEditor.forbiddenBody')}</p>
      </Page>
    );
  }
  return <Outlet />;
}
