import type { InfiniteData, UseInfiniteQueryResult } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { Button } from 'react-aria-components';
import { useTranslation } from 'react-i18next';

import { Loading } from '@/components/loading';
import { QueryError } from '@/components/query-error';

import type { SearchPage } from '../api/types';
import { ItemCard } from './item-card';

interface SearchResultsProps {
  results: UseInfiniteQueryResult<InfiniteData<SearchPage>>;
  query: string;
  filtered: boolean;
  /** The catalog URL's search part, handed to each card so the item page can lead back here. */
  fromSearch: string;
  onClearFilters: () => void;
  onClearQuery: () => void;
}

/** What the live region says: announced whenever the results change, also when they are loading. */
function useSummary(results: SearchResultsProps['results'], query: string): string {
  const { t } = useTranslation();
  if (results.isPending || (results.isPlaceholderData && results.isFetching)) return t('catalog.results.searching');
  if (results.isError) return t('catalog.error');
  const first = results.data.pages[0];
  const total = first?.total ?? 0;
  const shown = results.data.pages.reduce((sum, page) => sum + page.items.length, 0);
  if (total === 0 || shown === 0) return query ? t('catalog.results.noneFor', { q: query }) : t('catalog.results.none');
  return t('catalog.results.showing', { shown, total });
}

function EmptyState({ query, filtered, onClearFilters, onClearQuery }: Omit<SearchResultsProps, 'results' | 'fromSearch'>) {
  const { t } = useTranslation();
  return (
    <div className="empty-state">
      <h3>{query ? t('catalog.empty.query', { q: query }) : t('catalog.empty.filters')}</h3>
      {(query || filtered) && (
        <>
          <p>{t('catalog.empty.suggestionsIntro')}</p>
          <ul className="empty-state__suggestions">
            {query && <li>{t('catalog.empty.spelling')}</li>}
            {query && <li>{t('catalog.empty.otherLanguage')}</li>}
            {filtered && <li>{t('catalog.empty.fewerFilters')}</li>}
          </ul>
          <div className="button-row">
            {filtered && <Button onPress={onClearFilters}>{t('catalog.filters.clear')}</Button>}
            {query && (
              <Button className="react-aria-Button button--secondary" onPress={onClearQuery}>
                {t('catalog.empty.browseAll')}
              </Button>
            )}
          </div>
        </>
      )}
    </div>
  );
}

/** The results in each of their states; more are added below by "Load more", and focus moves to the first new one. */
export function SearchResults(props: SearchResultsProps) {
  const { results, query, fromSearch } = props;
  const { t } = useTranslation();
  const summary = useSummary(results, query);
  const summaryRef = useRef<HTMLParagraphElement>(null);
  const list = useRef<HTMLUListElement>(null);
  const focusFrom = useRef<number | null>(null);
  const items = results.data?.pages.flatMap((page) => page.items) ?? [];

  useEffect(() => {
    const index = focusFrom.current;
    if (index === null || items.length <= index) return;
    focusFrom.current = null;
    list.current?.querySelectorAll<HTMLAnchorElement>('.item-card__link')[index]?.focus();
  }, [items.length]);

  let body;
  if (results.isPending) body = <Loading label={t('catalog.loading')} />;
  else if (results.isError && items.length === 0) {
    body = <QueryError title={t('catalog.error')} error={results.error} onRetry={() => void results.refetch()} />;
  } else if (items.length === 0) {
    // The pressed button goes with this state: the summary (the news of what came instead) takes focus.
    const thenFocusSummary = (action: () => void) => () => {
      summaryRef.current?.focus();
      action();
    };
    body = (
      <EmptyState
        query={query}
        filtered={props.filtered}
        onClearFilters={thenFocusSummary(props.onClearFilters)}
        onClearQuery={thenFocusSummary(props.onClearQuery)}
      />
    );
  } else {
    const anyWord = results.data?.pages[0]?.match === 'any';
    body = (
      <div aria-busy={results.isPlaceholderData || results.isFetchingNextPage}>
        {anyWord && <p className="notice">{t('catalog.results.anyWord')}</p>}
        <ul ref={list} className="item-list">
          {items.map((item) => (
            <ItemCard key={item.id} item={item} fromSearch={fromSearch} />
          ))}
        </ul>
        {results.isFetchNextPageError && (
          <QueryError title={t('catalog.results.moreFailed')} error={results.error} onRetry={() => void results.fetchNextPage()} />
        )}
        {results.hasNextPage && !results.isFetchNextPageError && (
          <div className="load-more">
            <Button
              isPending={results.isFetchingNextPage}
              onPress={() => {
                focusFrom.current = items.length;
                void results.fetchNextPage();
              }}
            >
              {results.isFetchingNextPage ? t('catalog.results.loadingMore') : t('catalog.results.loadMore')}
            </Button>
          </div>
        )}
      </div>
    );
  }

  return (
    <section className="results" aria-labelledby="results-heading">
      <h2 id="results-heading" className="visually-hidden">
        {t('catalog.results.heading')}
      </h2>
      <p ref={summaryRef} role="status" tabIndex={-1} className="results__summary">
        {summary}
      </p>
      {body}
    </section>
  );
}
