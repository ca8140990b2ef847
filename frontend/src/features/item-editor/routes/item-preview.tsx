import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';

import { ApiProblem } from '@/api/problem';
import { ContentLanguageSwitch, useLanguageParam } from '@/components/content-language-switch';
import { Loading } from '@/components/loading';
import { Page } from '@/components/page';
import { QueryError } from '@/components/query-error';
import { contentLanguageName } from '@/lib/language-names';

import { useItem, useItemPreview } from '../api/items';
import { LearnerPreview } from '../components/learner-preview';

import '../components/item-editor.css';

/** The item's newest version exactly as a learner sees it, in the language chosen. */
export function ItemPreviewRoute() {
  const { t, i18n } = useTranslation();
  const { itemId = '' } = useParams();
  const [language, setLanguage] = useLanguageParam();
  const item = useItem(itemId);
  const preview = useItemPreview(itemId, language);
  const name = contentLanguageName(language, i18n.language);

  let body;
  if (preview.isPending) body = <Loading label={t('itemEditor.preview.loading')} />;
  else if (preview.isError) {
    body =
      preview.error instanceof ApiProblem && preview.error.status === 422 ? (
        <div className="empty-state">
          <h2>{t('itemEditor.preview.incomplete', { language: name })}</h2>
        </div>
      ) : (
        <QueryError title={t('itemEditor.preview.loadFailed')} error={preview.error} onRetry={() => void preview.refetch()} />
      );
  } else {
    body = (
      <section aria-label={t('itemEditor.preview.region', { language: name })}>
        <LearnerPreview item={preview.data} />
      </section>
    );
  }

  return (
    <Page title={t('itemEditor.preview.title', { key: item.data?.key ?? '…' })}>
      <p>
        <Link to={`/editor/items/${itemId}`}>{t('itemEditor.preview.back')}</Link>
      </p>
      <p>{t('itemEditor.preview.intro', { version: item.data?.head_version ?? '…' })}</p>
      <ContentLanguageSwitch label={t('itemEditor.preview.language')} value={language} onChange={setLanguage} />
      {body}
    </Page>
  );
}
