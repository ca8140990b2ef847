import { useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';

import { Page } from '@/components/page';

import { isItemKind, useItems, type ItemsQuery } from '../api/get-items';
import { CatalogFilters, type CatalogFilterValues } from '../components/catalog-filters';
import { CatalogResults } from '../components/catalog-results';

export const PAGE_SIZE = 10;
const LANGUAGE_TAG = /^[a-z]{2,3}(-[A-Z]{2})?$/;

/** Filters and page live in the URL, so a filtered page can be bookmarked, shared and gone back to. */
function readFilters(params: URLSearchParams): CatalogFilterValues & { page: number } {
  const kind = params.get('kind');
  const language = params.get('language');
  const page = Number(params.get('page') ?? '1');
  return {
    kind: isItemKind(kind) ? kind : undefined,
    language: language && LANGUAGE_TAG.test(language) ? language : undefined,
    page: Number.isInteger(page) && page >= 1 ? page : 1,
  };
}

function writeFilters({ kind, language, page }: CatalogFilterValues & { page: number }): URLSearchParams {
  const params = new URLSearchParams();
  if (kind) params.set('kind', kind);
  if (language) params.set('language', language);
  if (page > 1) params.set('page', String(page));
  return params;
}

/** The learning catalog: published items, filtered by type and language, a page at a time. */
export function CatalogRoute() {
  const { t } = useTranslation();
  const [searchParams, setSearchParams] = useSearchParams();
  const filters = readFilters(searchParams);
  const query: ItemsQuery = {
    limit: PAGE_SIZE,
    offset: (filters.page - 1) * PAGE_SIZE,
    ...(filters.kind ? { kind: filters.kind } : {}),
    ...(filters.language ? { language: filters.language } : {}),
  };
  const items = useItems(query);

  return (
    <Page title={t('catalog.title')}>
      <p>{t('catalog.intro')}</p>
      <CatalogFilters
        value={filters}
        onChange={(next) => {
          setSearchParams(writeFilters({ ...next, page: 1 }));
        }}
      />
      <CatalogResults
        items={items}
        hasFilters={filters.kind !== undefined || filters.language !== undefined}
        onClearFilters={() => {
          setSearchParams(new URLSearchParams());
        }}
        onOffsetChange={(offset) => {
          setSearchParams(writeFilters({ ...filters, page: Math.floor(offset / PAGE_SIZE) + 1 }));
        }}
      />
    </Page>
  );
}
