import { queryOptions, useMutation, useQueries, useQuery, useQueryClient } from '@tanstack/react-query';

import { api } from '@/api/client';
import { ApiProblem, unwrap } from '@/api/problem';

import type { RatingIn } from './types';

const itemKey = (id: string) => ['catalog', 'items', id] as const;
const myRatingKey = (id: string) => ['catalog', 'items', id, 'my-rating'] as const;
const myDoneKey = (id: string) => ['catalog', 'items', id, 'my-done'] as const;
const path = (id: string) => ({ path: { item_id: id } });

/** One learning item with its lesson body, as the reader sees it. */
export function itemQueryOptions(id: string) {
  return queryOptions({
    queryKey: itemKey(id),
    queryFn: ({ signal }) => unwrap(api.GET('/api/catalog/items/{item_id}', { params: path(id), signal })),
  });
}

export function useItem(id: string) {
  return useQuery(itemQueryOptions(id));
}

/** The items an item builds on, each fetched on its own (an item names only a few). */
export function usePrerequisites(ids: readonly string[]) {
  return useQueries({ queries: ids.map((id) => ({ ...itemQueryOptions(id), retry: false })) });
}

/** When I marked the item as done, or null when I have not (the service answers 404). */
export function useMyDone(id: string, enabled: boolean) {
  return useQuery({
    queryKey: myDoneKey(id),
    enabled,
    queryFn: async ({ signal }) => {
      try {
        return await unwrap(api.GET('/api/catalog/items/{item_id}/done', { params: path(id), signal }));
      } catch (error) {
        if (error instanceof ApiProblem && error.status === 404) return null;
        throw error;
      }
    },
  });
}

/** Records that I finished the item (idempotent: marking it again changes nothing). */
export function useMarkDone(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => unwrap(api.POST('/api/catalog/items/{item_id}/done', { params: path(id) })),
    onSuccess: (completion) => {
      queryClient.setQueryData(myDoneKey(id), completion);
    },
  });
}

/** My rating of the item, or null when I have not rated it (the service answers 404). */
export function useMyRating(id: string, enabled: boolean) {
  return useQuery({
    queryKey: myRatingKey(id),
    enabled,
    queryFn: async ({ signal }) => {
      try {
        return await unwrap(api.GET('/api/catalog/items/{item_id}/rating', { params: path(id), signal }));
      } catch (error) {
        if (error instanceof ApiProblem && error.status === 404) return null;
        throw error;
      }
    },
  });
}

/** Saves my rating (one per person; saving again replaces it) and refreshes the item's average. */
export function useRateItem(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (rating: RatingIn) =>
      unwrap(api.PUT('/api/catalog/items/{item_id}/rating', { params: path(id), body: rating })),
    onSuccess: (saved) => {
      queryClient.setQueryData(myRatingKey(id), saved);
      // The average and count changed; search results show them too.
      void queryClient.invalidateQueries({ queryKey: itemKey(id), exact: true });
      void queryClient.invalidateQueries({ queryKey: ['catalog', 'search'] });
    },
  });
}
