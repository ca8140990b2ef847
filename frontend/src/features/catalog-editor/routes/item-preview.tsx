import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';

import { ContentLanguageSwitch, useLanguageParam } from '@/components/content-language-switch';
import { Loading } from '@/components/loading';
import { Page } from '@/components/page';
import { QueryError } from '@/components/query-error';
import { contentLanguageName } from '@/lib/language-names';
import { pickText } from '@/lib/localized-text';

import { useItem } from '../api/items';
import { statusLabel } from '../components/labels';
import { LearnerPreview } from '../components/learner-preview';

import '../components/catalog-editor.css';

/** The item as it is saved, exactly as a learner sees it, in the language chosen. */
export function ItemPreviewRoute() {
  const { t, i18n } = useTranslation();
  const { itemId = '' } = useParams();
  const [language, setLanguage] = useLanguageParam();
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
        <ContentLanguageSwitch label={t('catalogEditor.preview.language')} value={language} onChange={setLanguage} />
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
