import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';

import { Page } from '@/components/page';

import { useSearch } from '../api/search';
import { FacetFilters } from '../components/facet-filters';
import { SearchBar } from '../components/search-bar';
import { SearchResults } from '../components/search-results';
import { hasFilters, readSearch, toSearchParams, withoutFilters, writeSearch, type SearchState } from '../components/search-state';

import '../components/catalog.css';

/** The learning catalog: search in any language, narrow by facets, results in the reader's language first. */
export function CatalogRoute() {
  const { t, i18n } = useTranslation();
  const [searchParams, setSearchParams] = useSearchParams();
  const state = readSearch(searchParams);
  const results = useSearch(toSearchParams(state, i18n.language));
  const search = (next: SearchState) => {
    setSearchParams(writeSearch(next));
  };
  const current = writeSearch(state).toString();

  return (
    <Page title={t('catalog.title')}>
      <p>{t('catalog.intro')}</p>
      <SearchBar state={state} onChange={search} />
      <div className="catalog-layout">
        <FacetFilters state={state} facets={results.data?.pages[0]?.facets} onChange={search} />
        <SearchResults
          results={results}
          query={state.q}
          filtered={hasFilters(state)}
          fromSearch={current ? `?${current}` : ''}
          onClearFilters={() => {
            search(withoutFilters(state));
          }}
          onClearQuery={() => {
            search({ ...state, q: '' });
          }}
        />
      </div>
    </Page>
  );
}
