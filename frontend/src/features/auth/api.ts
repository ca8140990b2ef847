/**
 * Sign-in, registration and password calls to the identity service (public endpoints: no token).
 * Hand-written types matching the identity API until its contract is generated into schema.d.ts.
 */
import { queryOptions } from '@tanstack/react-query';

import { request } from '@/api/http';
import { env } from '@/config/env';

const AUTH = '/api/identity/auth';

/** Where the ALTCHA widget fetches its proof-of-work challenge. */
export const ALTCHA_CHALLENGE_URL = `${env.apiBaseUrl}${AUTH}/altcha`;

export type LoginResult = { status: 'signed_in' } | { status: 'second_factor_required'; challenge: string };

export interface LoginInput {
  email: string;
  password: string;
  altcha?: string;
}

export function login(body: LoginInput): Promise<LoginResult> {
  return request<LoginResult>('POST', `${AUTH}/login`, { body, auth: false });
}

export function submitSecondFactor(body: { challenge: string; code: string }): Promise<LoginResult> {
  return request<LoginResult>('POST', `${AUTH}/login/second-factor`, { body, auth: false });
}

export interface Registration {
  email: string;
  password: string;
  display_name: string;
  language: string;
  altcha: string;
}

export function register(body: Registration): Promise<void> {
  return request<undefined>('POST', `${AUTH}/register`, { body, auth: false });
}

export function verifyEmail(token: string): Promise<void> {
  return request<undefined>('POST', `${AUTH}/verify-email`, { body: { token }, auth: false });
}

export function requestPasswordReset(body: { email: string; altcha: string }): Promise<void> {
  return request<undefined>('POST', `${AUTH}/password-reset`, { body, auth: false });
}

export function confirmPasswordReset(body: { token: string; password: string }): Promise<void> {
  return request<undefined>('POST', `${AUTH}/password-reset/confirm`, { body, auth: false });
}

export interface InvitationDetails {
  email: string;
  display_name?: string;
  organisation?: { id: string; name: Record<string, string> } | null;
}

export function invitationQueryOptions(token: string) {
  return queryOptions({
    queryKey: ['identity', 'invitation', token],
    queryFn: ({ signal }) =>
      request<InvitationDetails>('GET', `${AUTH}/invitations/${encodeURIComponent(token)}`, { signal, auth: false }),
    retry: false,
  });
}

export function acceptInvitation(body: { token: string; password: string; language: string }): Promise<void> {
  return request<undefined>('POST', `${AUTH}/invitations/accept`, { body, auth: false });
}

export interface Federation {
  enabled: boolean;
  name?: string | null;
}

export function federationQueryOptions() {
  return queryOptions({
    queryKey: ['identity', 'federation'],
    queryFn: ({ signal }) => request<Federation>('GET', `${AUTH}/federation`, { signal, auth: false }),
    retry: false,
    staleTime: 5 * 60_000,
  });
}

/** Signing in through the upstream identity provider (e-ID) returns to the same authorize request. */
export function federationStartUrl(returnTo: string): string {
  return `${env.apiBaseUrl}${AUTH}/federation/start?${new URLSearchParams({ return_to: returnTo }).toString()}`;
}

/** `value` is this origin's OAuth authorize endpoint: the only place the sign-in page sends a browser back to. */
export function isAuthorizeUrl(value: string | null, origin: string): value is string {
  if (!value) return false;
  try {
    const url = new URL(value, origin);
    return url.origin === origin && url.pathname === '/oauth2/authorize';
  } catch {
    return false;
  }
}
