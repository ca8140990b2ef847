/** API clients (machine credentials for HR systems). Hand-written types until the contract is generated. */
import { queryOptions } from '@tanstack/react-query';

import { request } from '@/api/http';

import { asPage, type ListPage } from './page';

export const CLIENT_SCOPES = ['scim', 'hr.read', 'service'] as const;

export interface ApiClient {
  id: string;
  client_id: string;
  name: string;
  organisation_id: string | null;
  scopes: string[];
  status: string;
  created_at?: string;
  secret_rotated_at?: string | null;
  revoked_at?: string | null;
}

/** A client with its secret: the only answer that ever contains it. */
export interface ClientWithSecret {
  client_id: string;
  client_secret: string;
}

const CLIENTS = '/api/identity/clients';

export function clientsQueryOptions() {
  return queryOptions({
    queryKey: ['identity', 'clients'],
    queryFn: async ({ signal }) => asPage(await request<ListPage<ApiClient> | ApiClient[]>('GET', CLIENTS, { query: { limit: 100 }, signal })),
  });
}

export function createApiClient(body: { name: string; organisation_id: string; scopes: string[] }): Promise<ClientWithSecret> {
  return request<ClientWithSecret>('POST', CLIENTS, { body });
}

export function rotateSecret(id: string): Promise<ClientWithSecret> {
  return request<ClientWithSecret>('POST', `${CLIENTS}/${encodeURIComponent(id)}/secret`);
}

export function revokeApiClient(id: string): Promise<unknown> {
  return request<unknown>('POST', `${CLIENTS}/${encodeURIComponent(id)}/revoke`);
}
