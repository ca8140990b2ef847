import { keepPreviousData, queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';

import { api } from '@/api/client';
import { unwrap } from '@/api/problem';

import { attendeesKey } from './attendance';
import type { MyApprovalsQuery, PendingApprovalPage } from './types';
import { WORKSHOPS_KEY } from './workshops';

export const MY_APPROVALS_KEY = ['catalog', 'me', 'approvals'] as const;

/** A page of the requests waiting for me as a supervisor, soonest session first. */
export function myApprovalsQueryOptions(query: MyApprovalsQuery) {
  return queryOptions({
    queryKey: [...MY_APPROVALS_KEY, query],
    queryFn: ({ signal }) => unwrap(api.GET('/api/catalog/me/approvals', { params: { query }, signal })),
    placeholderData: keepPreviousData,
  });
}

export function useMyApprovals(query: MyApprovalsQuery) {
  return useQuery(myApprovalsQueryOptions(query));
}

export type Decision = 'approve' | 'decline';

export interface DecisionIn {
  sessionId: string;
  registrationId: string;
  decision: Decision;
}

function withoutRequest(page: PendingApprovalPage, registrationId: string): PendingApprovalPage {
  const items = page.items.filter((request) => request.registration_id !== registrationId);
  return { ...page, items, total: page.total - (page.items.length - items.length) };
}

/**
 * Approves or declines a registration that waits for approval: for the workshop's mentors and
 * organisers (the attendance list) and the person's supervisor (my approvals).
 */
export function useDecide() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ sessionId, registrationId, decision }: DecisionIn) => {
      const params = { params: { path: { session_id: sessionId, registration_id: registrationId } } };
      return unwrap(
        decision === 'approve'
          ? api.POST('/api/catalog/workshop-sessions/{session_id}/registrations/{registration_id}/approve', params)
          : api.POST('/api/catalog/workshop-sessions/{session_id}/registrations/{registration_id}/decline', params),
      );
    },
    onSuccess: async (_registration, { sessionId, registrationId }) => {
      // The decided request leaves my list at once; the refetch only brings up the next page's first
      // request, so the decision need not wait for it.
      queryClient.setQueriesData<PendingApprovalPage>({ queryKey: MY_APPROVALS_KEY }, (page) => page && withoutRequest(page, registrationId));
      void queryClient.invalidateQueries({ queryKey: MY_APPROVALS_KEY });
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: attendeesKey(sessionId) }),
        queryClient.invalidateQueries({ queryKey: WORKSHOPS_KEY }),
      ]);
    },
    onError: async () => {
      // A refusal means the request changed meanwhile (withdrawn, decided by someone else, the
      // session cancelled): my list is shown as it is now before the failure is reported.
      await queryClient.invalidateQueries({ queryKey: MY_APPROVALS_KEY });
    },
  });
}
