/** People administration calls. Hand-written types matching the identity API until its contract is generated. */
import { keepPreviousData, queryOptions } from '@tanstack/react-query';

import { request } from '@/api/http';

import { asPage, type ListPage } from './page';

export const GLOBAL_ROLES = ['learner', 'content_editor', 'mentor', 'platform_admin'] as const;
export const GRANT_ROLES = ['hr_manager', 'org_admin'] as const;
export type GrantRole = (typeof GRANT_ROLES)[number];

export interface RoleGrant {
  role: string;
  organisation_id: string;
}

export interface Person {
  id: string;
  email: string;
  display_name: string;
  given_name: string;
  family_name: string;
  unit_id: string;
  supervisor_id: string | null;
  roles: string[];
  status: string;
  grants?: RoleGrant[];
}

export interface PeopleQuery {
  q?: string | undefined;
  unit_id?: string | undefined;
  status?: string | undefined;
  role?: string | undefined;
  limit: number;
  offset: number;
}

const PEOPLE = '/api/identity/people';

export function peopleQueryOptions(query: PeopleQuery) {
  return queryOptions({
    queryKey: ['identity', 'people', 'list', query],
    queryFn: async ({ signal }) => asPage(await request<ListPage<Person> | Person[]>('GET', PEOPLE, { query: { ...query }, signal })),
    placeholderData: keepPreviousData,
  });
}

export function personQueryOptions(id: string) {
  return queryOptions({
    queryKey: ['identity', 'people', 'one', id],
    queryFn: ({ signal }) => request<Person>('GET', `${PEOPLE}/${encodeURIComponent(id)}`, { signal }),
  });
}

export interface PersonPatch {
  display_name?: string;
  given_name?: string;
  family_name?: string;
  unit_id?: string;
  supervisor_id?: string | null;
}

export function updatePerson(id: string, patch: PersonPatch): Promise<Person> {
  return request<Person>('PATCH', `${PEOPLE}/${encodeURIComponent(id)}`, { body: patch });
}

export function setPersonStatus(id: string, action: 'suspend' | 'reactivate'): Promise<Person | undefined> {
  return request<Person | undefined>('POST', `${PEOPLE}/${encodeURIComponent(id)}/${action}`);
}

export function setRoles(id: string, body: { roles: string[]; grants: RoleGrant[] }): Promise<unknown> {
  return request<unknown>('PUT', `${PEOPLE}/${encodeURIComponent(id)}/roles`, { body });
}

export interface Invitation {
  id: string;
  email: string;
  display_name: string;
  unit_id: string;
  created_at?: string;
  expires_at?: string;
  status?: string;
}

export interface InvitationInput {
  email: string;
  display_name: string;
  unit_id: string;
  supervisor_id?: string;
  roles?: string[];
  grants?: RoleGrant[];
}

const INVITATIONS = '/api/identity/invitations';

export function invitationsQueryOptions() {
  return queryOptions({
    queryKey: ['identity', 'invitations'],
    queryFn: async ({ signal }) => asPage(await request<ListPage<Invitation> | Invitation[]>('GET', INVITATIONS, { query: { limit: 100 }, signal })),
  });
}

export function invite(body: InvitationInput): Promise<Invitation> {
  return request<Invitation>('POST', INVITATIONS, { body });
}

export function cancelInvitation(id: string): Promise<void> {
  return request<undefined>('DELETE', `${INVITATIONS}/${encodeURIComponent(id)}`);
}
