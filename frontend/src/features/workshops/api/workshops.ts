import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';

import { api } from '@/api/client';
import { unwrap } from '@/api/problem';
import { useSession } from '@/lib/auth-context';

import type { WorkshopsQuery } from './types';

export const WORKSHOPS_KEY = ['catalog', 'workshops'] as const;

/**
 * Who is asking, for the query keys: the pages are public, but sessions come with *my* registration
 * and the attendance link, so the answer differs by person; the first request waits until the session
 * is known, so it carries the token when there is one.
 */
function useViewer(): { viewer: string; known: boolean } {
  const { status, claims } = useSession();
  return { viewer: claims?.sub ?? 'anonymous', known: status !== 'loading' };
}

/** One page of published workshops, each with its upcoming sessions and seats left. */
export function workshopsQueryOptions(query: WorkshopsQuery, viewer: string) {
  return queryOptions({
    queryKey: [...WORKSHOPS_KEY, 'list', viewer, query],
    queryFn: ({ signal }) => unwrap(api.GET('/api/catalog/workshops', { params: { query }, signal })),
    placeholderData: keepPreviousData,
  });
}

export function useWorkshops(query: WorkshopsQuery) {
  const { viewer, known } = useViewer();
  return useQuery({ ...workshopsQueryOptions(query, viewer), enabled: known });
}

/** One workshop: description, mentors, and every session with my registration in it. */
export function workshopQueryOptions(itemId: string, viewer: string) {
  return queryOptions({
    queryKey: [...WORKSHOPS_KEY, 'detail', viewer, itemId],
    queryFn: ({ signal }) =>
      unwrap(api.GET('/api/catalog/workshops/{item_id}', { params: { path: { item_id: itemId } }, signal })),
  });
}

export function useWorkshop(itemId: string) {
  const { viewer, known } = useViewer();
  return useQuery({ ...workshopQueryOptions(itemId, viewer), enabled: known });
}

/** Sessions of the workshops I mentor or organise, soonest first (empty for everyone else). */
export function useSessionsIRun() {
  return useQuery({
    queryKey: [...WORKSHOPS_KEY, 'run-by-me'],
    queryFn: ({ signal }) =>
      unwrap(api.GET('/api/catalog/me/workshop-sessions', { params: { query: { when: 'upcoming', limit: 100 } }, signal })),
  });
}
