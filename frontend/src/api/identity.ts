/**
 * The signed-in person and their digital profile: the app shell needs both (onboarding, accessibility
 * preferences), so they live here rather than in one feature. Hand-written types matching the identity
 * API until its contract is generated into schema.d.ts.
 */
import { queryOptions } from '@tanstack/react-query';

import { request } from '@/api/http';

export const ROLE_PROFILE_KEYS = [
  'policy_analyst',
  'it_specialist',
  'hr_specialist',
  'legal_advisor',
  'communications',
  'manager',
  'administrative',
] as const;
export type RoleProfileKey = (typeof ROLE_PROFILE_KEYS)[number];

export const PROFILE_LANGUAGES = ['en', 'lt'] as const;
export type ProfileLanguage = (typeof PROFILE_LANGUAGES)[number];

export interface Me {
  id: string;
  email: string;
  display_name: string;
  given_name: string;
  family_name: string;
  unit: { id: string; name: Record<string, string> };
  supervisor: { id: string; display_name: string } | null;
  roles: string[];
  grants: { role: string; organisation_id: string }[];
  is_supervisor: boolean;
  onboarded: boolean;
}

export interface Accessibility {
  larger_text: boolean;
  reduced_motion: boolean;
  screen_reader_hints: boolean;
}

export interface ProfileInput {
  job_title: string;
  job_description: string;
  role_profile_key: RoleProfileKey | null;
  preferred_language: ProfileLanguage;
  accessibility: Accessibility;
  weekly_minutes: number;
  goals: string;
  share_results_with_supervisor: boolean;
}

export interface Profile extends ProfileInput {
  person_id: string;
  onboarded: boolean;
  updated_at: string;
}

export const ME_KEY = ['identity', 'me'] as const;
export const PROFILE_KEY = ['identity', 'me', 'profile'] as const;

export function meQueryOptions() {
  return queryOptions({
    queryKey: ME_KEY,
    queryFn: ({ signal }) => request<Me>('GET', '/api/identity/me', { signal }),
  });
}

export function profileQueryOptions() {
  return queryOptions({
    queryKey: PROFILE_KEY,
    queryFn: ({ signal }) => request<Profile>('GET', '/api/identity/me/profile', { signal }),
  });
}

export function isProfileLanguage(value: unknown): value is ProfileLanguage {
  return typeof value === 'string' && (PROFILE_LANGUAGES as readonly string[]).includes(value);
}
