/** The item bank API for content editors, wrapped per operation (types from the generated schema). */
import { keepPreviousData, queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';

import { api } from '@/api/client';
import { unwrap } from '@/api/problem';
import type { components, paths } from '@/api/schema';
import { isKnown } from '@/lib/known';

type Schemas = components['schemas'];

export type ItemsQuery = NonNullable<paths['/api/assessment/items']['get']['parameters']['query']>;
export type ItemsPage = Schemas['assessment.Page_ItemSummary_'];
export type ItemSummary = Schemas['assessment.ItemSummary'];
export type ItemDetail = Schemas['assessment.ItemDetail'];
export type ItemVersion = Schemas['assessment.ItemVersionOut'];
export type ItemDocument = Schemas['assessment.ItemDocument'];
export type ItemCreate = Schemas['assessment.ItemCreate'];
export type ItemChange = Schemas['assessment.ItemChange'];
export type LearnerItem = Schemas['assessment.LearnerItem'];
export type VersionStatus = Schemas['assessment.VersionStatus'];
export type ItemType = Schemas['assessment.ItemType'];
export type Interaction = Schemas['assessment.Interaction'];
export type Stimulus = NonNullable<ItemDocument['stimulus']>;
export type StimulusKind = Stimulus['kind'];

// Records, not lists, so the compiler insists on every value the contract has, and no other.
const STATUS: Record<VersionStatus, true> = { draft: true, in_review: true, active: true, retired: true, superseded: true };
const TYPE: Record<ItemType, true> = {
  single_choice: true,
  multiple_response: true,
  ordering: true,
  matching: true,
  scenario: true,
};
const INTERACTION: Record<Interaction, true> = { single_choice: true, multiple_response: true };
const KIND: Record<StimulusKind, true> = {
  email: true,
  chat: true,
  share_dialog: true,
  search: true,
  document: true,
  settings: true,
};

export const VERSION_STATUSES = Object.keys(STATUS) as readonly VersionStatus[];
export const ITEM_TYPES = Object.keys(TYPE) as readonly ItemType[];
export const INTERACTIONS = Object.keys(INTERACTION) as readonly Interaction[];
export const STIMULUS_KINDS = Object.keys(KIND) as readonly StimulusKind[];

export const isVersionStatus = (value: unknown): value is VersionStatus => isKnown(STATUS, value);
export const isItemType = (value: unknown): value is ItemType => isKnown(TYPE, value);

const ITEMS_KEY = ['assessment', 'items'] as const;

function itemKey(id: string) {
  return [...ITEMS_KEY, 'one', id] as const;
}

function onItem(id: string) {
  return { params: { path: { item_id: id } } };
}

/** One page of the bank, filtered. */
export function itemsQueryOptions(query: ItemsQuery) {
  return queryOptions({
    queryKey: [...ITEMS_KEY, 'list', query],
    queryFn: ({ signal }) => unwrap(api.GET('/api/assessment/items', { params: { query }, signal })),
    placeholderData: keepPreviousData,
  });
}

export function useItems(query: ItemsQuery) {
  return useQuery(itemsQueryOptions(query));
}

/** An item with its newest version in full. */
export function useItem(id: string) {
  return useQuery({
    queryKey: itemKey(id),
    queryFn: ({ signal }) => unwrap(api.GET('/api/assessment/items/{item_id}', { ...onItem(id), signal })),
    // An editor's form starts from what was loaded; refetching on focus would not change it anyway.
    refetchOnWindowFocus: false,
  });
}

/** Every version of an item, oldest first as the service lists them. */
export function useItemVersions(id: string) {
  return useQuery({
    queryKey: [...itemKey(id), 'versions'],
    queryFn: ({ signal }) => unwrap(api.GET('/api/assessment/items/{item_id}/versions', { ...onItem(id), signal })),
  });
}

/** One version of an item (versions never change their content). */
export function useItemVersion(id: string, number: number) {
  return useQuery({
    queryKey: [...itemKey(id), 'versions', number],
    queryFn: ({ signal }) =>
      unwrap(
        api.GET('/api/assessment/items/{item_id}/versions/{number}', {
          params: { path: { item_id: id, number } },
          signal,
        }),
      ),
  });
}

/** The newest version exactly as a learner sees it in `language`. */
export function useItemPreview(id: string, language: string) {
  return useQuery({
    queryKey: [...itemKey(id), 'preview', language],
    queryFn: ({ signal }) =>
      unwrap(
        api.GET('/api/assessment/items/{item_id}/preview', {
          params: { path: { item_id: id }, query: { language } },
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
    void queryClient.invalidateQueries({ queryKey: [...itemKey(item.id), 'preview'] });
  };
}

/** Writes a new item (a draft version 1). */
export function useCreateItem() {
  const store = useStoreItem();
  return useMutation({
    mutationFn: (body: ItemCreate) => unwrap(api.POST('/api/assessment/items', { body })),
    onSuccess: store,
  });
}

/** Saves a change as a new version; a 409 means `base_version` is no longer the newest. */
export function useSaveItem(id: string) {
  const store = useStoreItem();
  return useMutation({
    mutationFn: (body: ItemChange) => unwrap(api.PUT('/api/assessment/items/{item_id}', { ...onItem(id), body })),
    onSuccess: store,
  });
}

export type WorkflowAction = 'submit' | 'publish' | 'reject' | 'retire';

interface WorkflowInput {
  action: WorkflowAction;
  /** The newest version the editor saw: the service refuses the step (409) if another exists. */
  version: number;
  comment?: string;
}

function step(id: string, { action, version, comment }: WorkflowInput) {
  const guard = { ...onItem(id), body: { version } };
  switch (action) {
    case 'submit':
      return api.POST('/api/assessment/items/{item_id}/submit', guard);
    case 'publish':
      return api.POST('/api/assessment/items/{item_id}/publish', guard);
    case 'retire':
      return api.POST('/api/assessment/items/{item_id}/retire', guard);
    case 'reject':
      return api.POST('/api/assessment/items/{item_id}/reject', { ...onItem(id), body: { version, comment: comment ?? '' } });
  }
}

/** A step of the authoring workflow: submit for review, publish, reject (with a comment), retire. */
export function useWorkflow(id: string) {
  const store = useStoreItem();
  return useMutation({
    mutationFn: (input: WorkflowInput) => unwrap(step(id, input)),
    onSuccess: store,
  });
}
