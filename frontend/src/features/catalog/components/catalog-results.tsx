import type { UseQueryResult } from '@tanstack/react-query';
import { Button, Label, ProgressBar } from 'react-aria-components';
import { useTranslation } from 'react-i18next';

import { Pagination } from '@/components/pagination';
import { QueryError } from '@/components/query-error';

import type { ItemsPage } from '../api/get-items';
import { ItemCard } from './item-card';

interface CatalogResultsProps {
  items: UseQueryResult<ItemsPage>;
  hasFilters: boolean;
  onClearFilters: () => void;
  onOffsetChange: (offset: number) => void;
}

function Loading() {
  const { t } = useTranslation();
  return (
    <ProgressBar isIndeterminate className="progress">
      <Label>{t('catalog.loading')}</Label>
      <div className="progress__track" aria-hidden="true">
        <div className="progress__bar" />
      </div>
    </ProgressBar>
  );
}

/** The catalog list in each of its states: loading, failed, empty, or a page of items. */
export function CatalogResults({ items, hasFilters, onClearFilters, onOffsetChange }: CatalogResultsProps) {
  const { t } = useTranslation();

  if (items.isPending) return <Loading />;
  if (items.isError) {
    return <QueryError title={t('catalog.error')} error={items.error} onRetry={() => void items.refetch()} />;
  }

  const { data } = items;
  if (data.total === 0 || data.items.length === 0) {
    return (
      <div className="empty-state">
        <h2>{t('catalog.empty')}</h2>
        {hasFilters && (
          <>
            <p>{t('catalog.emptyHint')}</p>
            <Button onPress={onClearFilters}>{t('catalog.clearFilters')}</Button>
          </>
        )}
      </div>
    );
  }

  return (
    <div aria-busy={items.isPlaceholderData} className="catalog-results">
      {items.isPlaceholderData && <Loading />}
      <ul className="item-list">
        {data.items.map((item) => (
          <ItemCard key={item.id} item={item} />
        ))}
      </ul>
      <Pagination offset={data.offset} limit={data.limit} total={data.total} onChange={onOffsetChange} />
    </div>
  );
}
