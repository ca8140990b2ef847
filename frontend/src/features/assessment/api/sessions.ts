import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';

import { api } from '@/api/client';
import { unwrap } from '@/api/problem';

import type { ResponseBody, Session, StartBody } from './types';

const SESSIONS_KEY = ['assessment', 'sessions'] as const;

function sessionKey(id: string) {
  return [...SESSIONS_KEY, id] as const;
}

function currentKey(id: string) {
  return [...SESSIONS_KEY, id, 'current'] as const;
}

function inSession(id: string) {
  return { params: { path: { session_id: id } } };
}

/** My test sessions, newest first (at most one is open). */
export function sessionsQueryOptions() {
  return queryOptions({
    queryKey: SESSIONS_KEY,
    queryFn: async ({ signal }) => (await unwrap(api.GET('/api/assessment/sessions', { signal }))).items,
  });
}

export function useSessions() {
  return useQuery(sessionsQueryOptions());
}

/** One session: its status, position and progress. */
export function useSession(id: string) {
  return useQuery({
    queryKey: sessionKey(id),
    queryFn: ({ signal }) => unwrap(api.GET('/api/assessment/sessions/{session_id}', { ...inSession(id), signal })),
  });
}

/** The item at the session's current position, or that the test is complete. */
export function useCurrentItem(id: string, enabled = true) {
  return useQuery({
    queryKey: currentKey(id),
    queryFn: ({ signal }) => unwrap(api.GET('/api/assessment/sessions/{session_id}/current', { ...inSession(id), signal })),
    enabled,
    // An item stays as it was served; refetching on focus would only move a half-answered screen.
    staleTime: Infinity,
  });
}

/** Starts a test, or returns the one already open (the API is idempotent). */
export function useStartSession() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: StartBody) => unwrap(api.POST('/api/assessment/sessions', { body })),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: SESSIONS_KEY });
    },
  });
}

export interface Submission {
  position: number;
  body: ResponseBody;
}

/** Answers or skips the item at a position; sending the same body again is safe (the API is idempotent). */
export function useSubmitResponse(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ position, body }: Submission) =>
      unwrap(
        api.PUT('/api/assessment/sessions/{session_id}/responses/{position}', {
          params: { path: { session_id: id, position } },
          body,
        }),
      ),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: currentKey(id) });
    },
  });
}

function useSessionAction(id: string, action: 'pause' | 'resume') {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () =>
      unwrap(
        action === 'pause'
          ? api.POST('/api/assessment/sessions/{session_id}/pause', inSession(id))
          : api.POST('/api/assessment/sessions/{session_id}/resume', inSession(id)),
      ),
    onSuccess: async (session) => {
      // The new status first: a paused session has no current item to ask for.
      queryClient.setQueryData<Session>(sessionKey(id), session);
      await queryClient.invalidateQueries({ queryKey: SESSIONS_KEY, exact: true });
      if (action === 'resume') await queryClient.invalidateQueries({ queryKey: currentKey(id) });
    },
  });
}

export function usePauseSession(id: string) {
  return useSessionAction(id, 'pause');
}

export function useResumeSession(id: string) {
  return useSessionAction(id, 'resume');
}

/** Scores the session and stores its result (finishing again returns the same result). */
export function useFinishSession(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => unwrap(api.POST('/api/assessment/sessions/{session_id}/finish', inSession(id))),
    onSuccess: async (result) => {
      // Finished: no current item to ask for any more.
      queryClient.setQueryData<Session>(sessionKey(id), (session) =>
        session && { ...session, status: 'finished', result_id: result.id },
      );
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: SESSIONS_KEY, exact: true }),
        queryClient.invalidateQueries({ queryKey: ['assessment', 'results'] }),
      ]);
    },
  });
}
