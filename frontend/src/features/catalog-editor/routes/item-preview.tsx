import { ToggleButton, ToggleButtonGroup } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';

import { Loading } from '@/components/loading';
import { Page } from '@/components/page';
import { QueryError } from '@/components/query-error';
import { LANGUAGES, isLanguage } from '@/config/languages';
import { pickText } from '@/lib/localized-text';

import { useItem } from '../api/items';
import { statusLabel } from '../components/labels';
import { contentLanguageName } from '../components/language-names';
import { LearnerPreview } from '../components/learner-preview';

import '../components/catalog-editor.css';

/** The item as it is saved, exactly as a learner sees it, in the language chosen. */
export function ItemPreviewRoute() {
  const { t, i18n } = useTranslation();
  const { itemId = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const wanted = params.get('language');
  const language = isLanguage(wanted) ? wanted : i18n.language;
  const item = useItem(itemId);
  const title = item.data ? (pickText(item.data.title, i18n.language)?.text ?? item.data.slug) : '…';

  let body;
  if (item.isPending) body = <Loading label={t('catalogEditor.preview.loading')} />;
  else if (item.isError) {
    body = <QueryError title={t('catalogEditor.preview.loadFailed')} error={item.error} onRetry={() => void item.refetch()} />;
  } else {
    body = (
      <>
        <p>{t('catalogEditor.preview.intro', { version: item.data.version, status: statusLabel(item.data.status, t) })}</p>
        <ToggleButtonGroup
          className="language-switch"
          aria-label={t('catalogEditor.preview.language')}
          selectionMode="single"
          disallowEmptySelection
          selectedKeys={[language]}
          onSelectionChange={(keys) => {
            const [next] = keys;
            if (typeof next === 'string') setParams({ language: next }, { replace: true });
          }}
        >
          {LANGUAGES.map((l) => (
            <ToggleButton key={l} id={l}>
              {contentLanguageName(l, i18n.language)}
            </ToggleButton>
          ))}
        </ToggleButtonGroup>
        <section aria-label={t('catalogEditor.preview.region', { language: contentLanguageName(language, i18n.language) })}>
          <LearnerPreview item={item.data} language={language} />
        </section>
      </>
    );
  }

  return (
    <Page title={t('catalogEditor.preview.title', { title })}>
      <p>
        <Link to={`/editor/catalog/${itemId}`}>{t('catalogEditor.preview.back')}</Link>
      </p>
      {body}
    </Page>
  );
}
