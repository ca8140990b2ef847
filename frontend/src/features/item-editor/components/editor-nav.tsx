import { useTranslation } from 'react-i18next';
import { NavLink } from 'react-router';

/** The item bank's own navigation: the whole bank and the versions waiting for a reviewer. */
export function EditorNav() {
  const { t } = useTranslation();
  return (
    <nav aria-label={t('itemEditor.nav.label')} className="sub-nav">
      <ul>
        <li>
          <NavLink to="/editor/items" end>
            {t('itemEditor.nav.bank')}
          </NavLink>
        </li>
        <li>
          <NavLink to="/editor/items/review">{t('itemEditor.nav.review')}</NavLink>
        </li>
      </ul>
    </nav>
  );
}
