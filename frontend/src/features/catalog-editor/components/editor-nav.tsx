import { useTranslation } from 'react-i18next';
import { NavLink } from 'react-router';

/** The catalog editor's own navigation: every item, the review queue, CSV import. */
export function EditorNav() {
  const { t } = useTranslation();
  return (
    <nav aria-label={t('catalogEditor.nav.label')} className="sub-nav">
      <ul>
        <li>
          <NavLink to="/editor/catalog" end>
            {t('catalogEditor.nav.items')}
          </NavLink>
        </li>
        <li>
          <NavLink to="/editor/catalog/review">{t('catalogEditor.nav.review')}</NavLink>
        </li>
        <li>
          <NavLink to="/editor/catalog/import">{t('catalogEditor.nav.import')}</NavLink>
        </li>
      </ul>
    </nav>
  );
}
