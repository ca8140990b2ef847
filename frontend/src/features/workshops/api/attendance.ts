import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';

import { api } from '@/api/client';
import { unwrap } from '@/api/problem';

import type { AttendanceIn, Attendee, AttendeeList } from './types';

export function attendeesKey(sessionId: string) {
  return ['catalog', 'workshop-sessions', sessionId, 'attendees'] as const;
}

function inSession(sessionId: string) {
  return { params: { path: { session_id: sessionId } } };
}

/** The people registered for a session, for its mentors and organisers. */
export function attendeesQueryOptions(sessionId: string) {
  return queryOptions({
    queryKey: attendeesKey(sessionId),
    queryFn: ({ signal }) =>
      unwrap(api.GET('/api/catalog/workshop-sessions/{session_id}/attendees', { ...inSession(sessionId), signal })),
  });
}

export function useAttendees(sessionId: string) {
  return useQuery(attendeesQueryOptions(sessionId));
}

/** Records whether one person attended; their row is updated in place, so the other rows keep their state. */
export function useRecordAttendance(sessionId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: AttendanceIn) =>
      unwrap(api.PUT('/api/catalog/workshop-sessions/{session_id}/attendance', { ...inSession(sessionId), body })),
    onSuccess: (saved: Attendee) => {
      queryClient.setQueryData<AttendeeList>(attendeesKey(sessionId), (list) =>
        list && {
          ...list,
          items: list.items.map((person) =>
            person.person_id === saved.person_id ? { ...person, attended: saved.attended, attended_recorded_at: saved.attended_recorded_at } : person,
          ),
        },
      );
    },
  });
}
