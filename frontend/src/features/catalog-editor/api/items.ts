/** The catalog's learning items for content editors, wrapped per operation (types from the generated schema). */
import { keepPreviousData, queryOptions, useMutation, useQueries, useQuery, useQueryClient } from '@tanstack/react-query';

import { ITEM_KINDS } from '@/api/catalog-terms';
import { api } from '@/api/client';
import { unwrap } from '@/api/problem';
import type { paths } from '@/api/schema';
import { isKnown } from '@/lib/known';

type ListItems = paths['/api/catalog/items']['get'];
type GetItem = paths['/api/catalog/items/{item_id}']['get'];
type CreateItem = paths['/api/catalog/items']['post'];
type SaveItem = paths['/api/catalog/items/{item_id}']['put'];
type ListVersions = paths['/api/catalog/items/{item_id}/versions']['get'];
type GetVersion = paths['/api/catalog/items/{item_id}/versions/{number}']['get'];

export type ItemsQuery = NonNullable<ListItems['parameters']['query']>;
export type ItemsPage = ListItems['responses'][200]['content']['application/json'];
export type ItemSummary = ItemsPage['items'][number];
export type ItemDetail = GetItem['responses'][200]['content']['application/json'];
export type ItemCreate = CreateItem['requestBody']['content']['application/json'];
export type ItemChange = SaveItem['requestBody']['content']['application/json'];
export type ItemVersion = ListVersions['responses'][200]['content']['application/json'][number];
export type ItemVersionDetail = GetVersion['responses'][200]['content']['application/json'];
export type ItemStatus = ItemDetail['status'];
export type Visibility = NonNullable<ItemCreate['visibility']>;

// Records, not lists, so the compiler insists on every value the contract has, and no other.
const STATUS: Record<ItemStatus, true> = { draft: true, in_review: true, published: true, retired: true };
const VISIBILITY: Record<Visibility, true> = { public: true, organisation: true };

export const ITEM_STATUSES = Object.keys(STATUS) as readonly ItemStatus[];
export const VISIBILITIES = Object.keys(VISIBILITY) as readonly Visibility[];
/** Workshops get their sessions and mentors on the workshops' own screens, so they are not written here. */
export const WRITABLE_KINDS = ITEM_KINDS.filter((kind) => kind !== 'workshop');

export const isItemStatus = (value: unknown): value is ItemStatus => isKnown(STATUS, value);
export const isVisibility = (value: unknown): value is Visibility => isKnown(VISIBILITY, value);

const ITEMS_KEY = ['catalog-editor', 'items'] as const;

function itemKey(id: string) {
  return [...ITEMS_KEY, 'one', id] as const;
}

function onItem(id: string) {
  return { params: { path: { item_id: id } } };
}

/** One page of the items this editor may change, filtered. */
export function itemsQueryOptions(query: ItemsQuery) {
  return queryOptions({
    queryKey: [...ITEMS_KEY, 'list', query],
    queryFn: ({ signal }) => unwrap(api.GET('/api/catalog/items', { params: { query }, signal })),
    placeholderData: keepPreviousData,
  });
}

export function useItems(query: ItemsQuery) {
  return useQuery(itemsQueryOptions(query));
}

/** An item as it is now, with every field the form edits. */
export function useItem(id: string) {
  return useQuery({
    queryKey: itemKey(id),
    queryFn: ({ signal }) => unwrap(api.GET('/api/catalog/items/{item_id}', { ...onItem(id), signal })),
    // An editor's form starts from what was loaded; refetching on focus would not change it anyway.
    refetchOnWindowFocus: false,
  });
}

/** Every saved version of an item. */
export function useItemVersions(id: string) {
  return useQuery({
    queryKey: [...itemKey(id), 'versions'],
    queryFn: ({ signal }) => unwrap(api.GET('/api/catalog/items/{item_id}/versions', { ...onItem(id), signal })),
  });
}

/** One saved version (versions never change). */
export function useItemVersion(id: string, number: number) {
  return useQuery({
    queryKey: [...itemKey(id), 'versions', number],
    queryFn: ({ signal }) =>
      unwrap(
        api.GET('/api/catalog/items/{item_id}/versions/{number}', {
          params: { path: { item_id: id, number } },
          signal,
        }),
      ),
  });
}

function useStoreItem() {
  const queryClient = useQueryClient();
  return (item: ItemDetail) => {
    queryClient.setQueryData(itemKey(item.id), item);
    // Not awaited: the saved item is on screen at once; the lists and the history follow.
    void queryClient.invalidateQueries({ queryKey: [...ITEMS_KEY, 'list'] });
    void queryClient.invalidateQueries({ queryKey: [...itemKey(item.id), 'versions'] });
  };
}

/** Writes a new item: a draft, version 1. */
export function useCreateItem() {
  const store = useStoreItem();
  return useMutation({
    mutationFn: (body: ItemCreate) => unwrap(api.POST('/api/catalog/items', { body })),
    onSuccess: store,
  });
}

/** Saves a change as a new version; a 409 means `base_version` is no longer the newest. */
export function useSaveItem(id: string) {
  const store = useStoreItem();
  return useMutation({
    mutationFn: (body: ItemChange) => unwrap(api.PUT('/api/catalog/items/{item_id}', { ...onItem(id), body })),
    onSuccess: store,
  });
}

export type WorkflowAction = 'submit' | 'publish' | 'request_changes' | 'retire';

interface WorkflowInput {
  action: WorkflowAction;
  /** The version the editor saw: the service refuses the step (409) if a newer one exists. */
  version: number;
  /** Why the item goes back to its authors (request changes only). */
  note?: string;
}

function step(id: string, { action, version, note }: WorkflowInput) {
  const guard = { ...onItem(id), body: { base_version: version } };
  switch (action) {
    case 'submit':
      return api.POST('/api/catalog/items/{item_id}/submit', guard);
    case 'publish':
      return api.POST('/api/catalog/items/{item_id}/publish', guard);
    case 'retire':
      return api.POST('/api/catalog/items/{item_id}/retire', guard);
    case 'request_changes':
      return api.POST('/api/catalog/items/{item_id}/request-changes', {
        ...onItem(id),
        body: { base_version: version, note: note ?? '' },
      });
  }
}

/** A step of the editorial workflow: submit for review, publish, request changes (with a note), retire. */
export function useWorkflow(id: string) {
  const store = useStoreItem();
  return useMutation({
    mutationFn: (input: WorkflowInput) => unwrap(step(id, input)),
    onSuccess: store,
  });
}

type SearchItems = paths['/api/catalog/search']['get'];
export type SearchHit = SearchItems['responses'][200]['content']['application/json']['items'][number];

/** Published items whose texts match `q` (typos tolerated): the candidates for a prerequisite. */
export function useItemSearch(q: string) {
  const query = q.trim();
  return useQuery({
    queryKey: ['catalog-editor', 'search', query],
    queryFn: ({ signal }) => unwrap(api.GET('/api/catalog/search', { params: { query: { q: query, limit: 10 } }, signal })),
    enabled: query.length >= 2,
    placeholderData: keepPreviousData,
  });
}

/** The items with these ids (to name an item's prerequisites), each from the cache when it is there. */
export function useItemsById(ids: readonly string[]) {
  return useQueries({
    queries: ids.map((id) => ({
      queryKey: itemKey(id),
      queryFn: ({ signal }: { signal: AbortSignal }) => unwrap(api.GET('/api/catalog/items/{item_id}', { ...onItem(id), signal })),
      staleTime: 60_000,
    })),
  });
}
