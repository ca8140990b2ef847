import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useParams } from 'react-router';

import { ApiProblem } from '@/api/problem';
import { Loading } from '@/components/loading';
import { LessonBody } from '@/components/lesson-body';
import { LocalizedText } from '@/components/localized-text';
import { PAGE_HEADING_ID } from '@/components/page';
import { QueryError } from '@/components/query-error';
import { pickText } from '@/lib/localized-text';

import { useItem } from '../api/items';
import type { ItemDetail } from '../api/types';
import { DonePanel } from '../components/done-panel';
import { ItemCompetences, ItemFacts, ItemPrerequisites } from '../components/item-facts';
import { RatingPanel } from '../components/rating-panel';

import '../components/catalog.css';

/** The catalog search the reader came from (kept in the link's state), so "Back" returns to the same results. */
function useBackToCatalog(): string {
  const state: unknown = useLocation().state;
  const from = typeof state === 'object' && state !== null && 'fromSearch' in state ? state.fromSearch : undefined;
  return typeof from === 'string' && from.startsWith('?') ? `/catalog${from}` : '/catalog';
}

function BackLink() {
  const { t } = useTranslation();
  return (
    <p className="back-link">
      <Link to={useBackToCatalog()}>{t('catalog.item.back')}</Link>
    </p>
  );
}

/** Sets the document title (in the current language), as the shared Page does. */
function useDocumentTitle(page: string) {
  const { t } = useTranslation();
  const documentTitle = t('app.documentTitle', { page });
  useEffect(() => {
    document.title = documentTitle;
  }, [documentTitle]);
}

function Leave({ item }: { item: ItemDetail }) {
  const { t } = useTranslation();
  if (item.kind === 'workshop') {
    return (
      <p className="item-action">
        <Link to={`/workshops/${item.id}`} className="button-link">
          {t('catalog.item.workshop')}
        </Link>
      </p>
    );
  }
  if (!item.url) return null;
  return (
    <p className="item-action">
      <a href={item.url} className="button-link" rel="noopener noreferrer">
        {t('catalog.item.external')} <span className="button-link__note">{t('catalog.item.externalNote')}</span>
      </a>
    </p>
  );
}

/** The lesson in the reader's language, or a fallback marked with its `lang`; nothing when it has no text. */
function Lesson({ html }: { html: ItemDetail['body_html'] }) {
  const { t, i18n } = useTranslation();
  const picked = pickText(html, i18n.language);
  return picked ? <LessonBody html={picked.text} lang={picked.lang} label={t('catalog.item.lesson')} /> : null;
}

function ItemContent({ item }: { item: ItemDetail }) {
  return (
    <>
      <p className="lead">
        <LocalizedText value={item.summary} />
      </p>
      <ItemFacts item={item} />
      <Leave item={item} />
      <ItemCompetences item={item} />
      <ItemPrerequisites ids={item.prerequisites} />
      <Lesson html={item.body_html} />
      <DonePanel itemId={item.id} />
      <RatingPanel itemId={item.id} average={item.rating_average} count={item.rating_count} />
    </>
  );
}

/**
 * A learning item: what it is, the lesson itself, and the reader's "done" and rating.
 *
 * Not the shared Page: the one heading stays the same element while the item loads and once it
 * has (so focus put there after a navigation stays), and a title that falls back to another
 * language carries that language's `lang`, which Page's plain-string title cannot.
 */
export function ItemRoute() {
  const { t, i18n } = useTranslation();
  const { itemId = '' } = useParams();
  const item = useItem(itemId);
  const missing = item.error instanceof ApiProblem && (item.error.status === 404 || item.error.status === 422);

  let heading;
  let content;
  if (item.isPending) {
    heading = t('catalog.item.loadingTitle');
    content = <Loading label={t('catalog.item.loading')} />;
  } else if (item.isError) {
    heading = missing ? t('catalog.item.notFoundTitle') : t('catalog.item.loadingTitle');
    content = missing ? (
      <p>{t('catalog.item.notFound')}</p>
    ) : (
      <QueryError title={t('catalog.item.error')} error={item.error} onRetry={() => void item.refetch()} />
    );
  } else {
    heading = item.data.title;
    content = <ItemContent item={item.data} />;
  }
  useDocumentTitle(typeof heading === 'string' ? heading : (pickText(heading, i18n.language)?.text ?? ''));

  return (
    <article className="item-page">
      <BackLink />
      <h1 id={PAGE_HEADING_ID} tabIndex={-1}>
        {typeof heading === 'string' ? heading : <LocalizedText value={heading} />}
      </h1>
      {content}
    </article>
  );
}
