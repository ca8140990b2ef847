import { infiniteQueryOptions, keepPreviousData, useInfiniteQuery } from '@tanstack/react-query';

import { api } from '@/api/client';
import { unwrap } from '@/api/problem';

import type { SearchParams } from './types';

export const PAGE_SIZE = 20;

/** Search results a page at a time: each page asks for the one after the last by its cursor. */
export function searchQueryOptions(params: Omit<SearchParams, 'cursor' | 'limit'>) {
  return infiniteQueryOptions({
    queryKey: ['catalog', 'search', params],
    queryFn: ({ pageParam, signal }) =>
      unwrap(
        api.GET('/api/catalog/search', {
          params: { query: { ...params, limit: PAGE_SIZE, ...(pageParam ? { cursor: pageParam } : {}) } },
          signal,
        }),
      ),
    initialPageParam: '',
    getNextPageParam: (last) => last.next_cursor ?? undefined,
    // The current results stay on screen while a changed search loads, so the page does not jump.
    placeholderData: keepPreviousData,
  });
}

export function useSearch(params: Omit<SearchParams, 'cursor' | 'limit'>) {
  return useInfiniteQuery(searchQueryOptions(params));
}
