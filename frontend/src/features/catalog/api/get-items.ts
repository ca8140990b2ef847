import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';

import { api } from '@/api/client';
import { unwrap } from '@/api/problem';
import type { paths } from '@/api/schema';

type ListItems = paths['/api/catalog/items']['get'];

export type ItemsQuery = NonNullable<ListItems['parameters']['query']>;
export type ItemsPage = ListItems['responses'][200]['content']['application/json'];
export type Item = ItemsPage['items'][number];
export type ItemKind = Item['kind'];

// A record, not a list, so the compiler insists on every kind the contract has, and no other.
const KIND_OFFERED: Record<ItemKind, true> = {
  course: true,
  micro_lesson: true,
  video: true,
  external_course: true,
  use_case: true,
};

/** Every kind, in the order the filter offers them. */
export const ITEM_KINDS = Object.keys(KIND_OFFERED) as readonly ItemKind[];

export function isItemKind(value: unknown): value is ItemKind {
  return typeof value === 'string' && Object.hasOwn(KIND_OFFERED, value);
}

/** One page of published learning items. */
export function itemsQueryOptions(query: ItemsQuery) {
  return queryOptions({
    queryKey: ['catalog', 'items', query],
    queryFn: ({ signal }) => unwrap(api.GET('/api/catalog/items', { params: { query }, signal })),
    // Keeps the current page on screen while the next one loads, so the list does not jump.
    placeholderData: keepPreviousData,
  });
}

export function useItems(query: ItemsQuery) {
  return useQuery(itemsQueryOptions(query));
}
