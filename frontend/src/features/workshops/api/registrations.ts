import { keepPreviousData, queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';

import { api } from '@/api/client';
import { unwrap } from '@/api/problem';
import { saveFile } from '@/lib/download';

import type { FeedbackIn, MyRegistrationsQuery } from './types';
import { WORKSHOPS_KEY } from './workshops';

export const MY_REGISTRATIONS_KEY = ['catalog', 'me', 'registrations'] as const;

function inSession(sessionId: string) {
  return { params: { path: { session_id: sessionId } } };
}

/** A page of my registrations (not the cancelled ones), each with its session and workshop. */
export function myRegistrationsQueryOptions(query: MyRegistrationsQuery) {
  return queryOptions({
    queryKey: [...MY_REGISTRATIONS_KEY, query],
    queryFn: ({ signal }) => unwrap(api.GET('/api/catalog/me/registrations', { params: { query }, signal })),
    placeholderData: keepPreviousData,
  });
}

export function useMyRegistrations(query: MyRegistrationsQuery) {
  return useQuery(myRegistrationsQueryOptions(query));
}

/** After any change to a registration, seats, waitlists and my list are all stale. */
function useRefreshAfterChange() {
  const queryClient = useQueryClient();
  return async () => {
    await Promise.all([
      queryClient.invalidateQueries({ queryKey: WORKSHOPS_KEY }),
      queryClient.invalidateQueries({ queryKey: MY_REGISTRATIONS_KEY }),
    ]);
  };
}

/** Registers me for a session: a seat when one is free, else a place on the waitlist (a retry is harmless). */
export function useRegister() {
  const refresh = useRefreshAfterChange();
  return useMutation({
    mutationFn: (sessionId: string) =>
      unwrap(api.POST('/api/catalog/workshop-sessions/{session_id}/registration', inSession(sessionId))),
    onSuccess: refresh,
  });
}

/** Gives up my seat or my place in line; a confirmed seat only until the cancellation deadline. */
export function useCancelRegistration() {
  const refresh = useRefreshAfterChange();
  return useMutation({
    mutationFn: (sessionId: string) =>
      unwrap(api.DELETE('/api/catalog/workshop-sessions/{session_id}/registration', inSession(sessionId))),
    onSuccess: refresh,
  });
}

/** My rating and comment on a session I attended; sending again replaces them. */
export function useSendFeedback(sessionId: string) {
  const refresh = useRefreshAfterChange();
  return useMutation({
    mutationFn: (body: FeedbackIn) =>
      unwrap(api.POST('/api/catalog/workshop-sessions/{session_id}/feedback', { ...inSession(sessionId), body })),
    onSuccess: refresh,
  });
}

/** The .ics file of one session (its texts in the interface language), saved by the browser. */
export function useSessionCalendar() {
  const { i18n } = useTranslation();
  return useMutation({
    mutationFn: async (sessionId: string) => {
      const blob = await unwrap(
        api.GET('/api/catalog/workshop-sessions/{session_id}/calendar.ics', {
          params: { path: { session_id: sessionId }, query: { lang: i18n.language } },
          parseAs: 'blob',
        }),
      );
      saveFile(blob, `dla-workshop-${sessionId}.ics`);
    },
  });
}

/** One .ics file with every session I have a seat in. */
export function useMyCalendar() {
  return useMutation({
    mutationFn: async () => {
      const blob = await unwrap(api.GET('/api/catalog/me/registrations/calendar.ics', { parseAs: 'blob' }));
      saveFile(blob, 'dla-my-workshops.ics');
    },
  });
}
