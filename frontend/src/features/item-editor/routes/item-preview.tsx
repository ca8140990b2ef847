import { ToggleButton, ToggleButtonGroup } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';

import { ApiProblem } from '@/api/problem';
import { Loading } from '@/components/loading';
import { Page } from '@/components/page';
import { QueryError } from '@/components/query-error';
import { LANGUAGES, isLanguage } from '@/config/languages';

import { useItem, useItemPreview } from '../api/items';
import { contentLanguageName } from '../components/language-names';
import { LearnerPreview } from '../components/learner-preview';

import '../components/item-editor.css';

/** The item's newest version exactly as a learner sees it, in the language chosen. */
export function ItemPreviewRoute() {
  const { t, i18n } = useTranslation();
  const { itemId = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const wanted = params.get('language');
  const language = isLanguage(wanted) ? wanted : i18n.language;
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
      <ToggleButtonGroup
        className="language-switch"
        aria-label={t('itemEditor.preview.language')}
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
      {body}
    </Page>
  );
}
