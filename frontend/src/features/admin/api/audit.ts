/** The audit log of sensitive actions. Hand-written types until the contract is generated. */
import { keepPreviousData, queryOptions } from '@tanstack/react-query';

import { request } from '@/api/http';

import { asPage, type ListPage } from './page';

export interface AuditEvent {
  id: string | number;
  occurred_at: string;
  actor: string;
  actor_kind: string;
  action: string;
  target_type: string;
  target_id: string;
  details?: Record<string, unknown>;
}

export interface AuditQuery {
  action?: string | undefined;
  target_id?: string | undefined;
  limit: number;
  offset: number;
}

export function auditQueryOptions(query: AuditQuery) {
  return queryOptions({
    queryKey: ['identity', 'audit', query],
    queryFn: async ({ signal }) =>
      asPage(await request<ListPage<AuditEvent> | AuditEvent[]>('GET', '/api/identity/audit', { query: { ...query }, signal })),
    placeholderData: keepPreviousData,
  });
}
