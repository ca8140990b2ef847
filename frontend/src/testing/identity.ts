import { User } from 'oidc-client-ts';

import type { Me, Profile } from '@/api/identity';
import { CLIENT_ID } from '@/lib/auth';

import { json, type Handler } from './fake-api';
import { ORIGIN } from './render-app';

function base64url(value: unknown): string {
  const bytes = new TextEncoder().encode(JSON.stringify(value));
  return btoa(String.fromCharCode(...bytes)).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');
}

/** A JWT-shaped token with `claims` (unsigned: the SPA never checks signatures, the APIs do). */
export function fakeJwt(claims: Record<string, unknown>): string {
  return `${base64url({ alg: 'RS256', typ: 'at+jwt', kid: 'test' })}.${base64url(claims)}.c2ln`;
}

export const PERSON_ID = '11111111-1111-4111-8111-111111111111';
export const UNIT_ID = '22222222-2222-4222-8222-222222222222';
export const MINISTRY_ID = '33333333-3333-4333-8333-333333333333';

interface SignInOptions {
  name?: string;
  roles?: string[];
  grants?: { role: string; org: string }[];
  /** Seconds until the access token expires (negative: already expired). */
  expiresIn?: number;
  refreshToken?: string;
}

/** Puts a signed-in session where oidc-client-ts keeps it (sessionStorage), as after a real sign-in. */
export function signIn({ name = 'Rūta Jonaitė', roles = ['learner'], grants = [], expiresIn = 600, refreshToken }: SignInOptions = {}) {
  const now = Math.floor(Date.now() / 1000);
  const user = new User({
    access_token: fakeJwt({ sub: PERSON_ID, client_id: CLIENT_ID, scope: 'openid profile email offline_access dla', roles, grants, exp: now + expiresIn }),
    id_token: fakeJwt({ sub: PERSON_ID, name, aud: CLIENT_ID, iss: ORIGIN, iat: now, exp: now + 600 }),
    token_type: 'Bearer',
    scope: 'openid profile email offline_access dla',
    profile: { sub: PERSON_ID, name, iss: ORIGIN, aud: CLIENT_ID, exp: now + 600, iat: now },
    expires_at: now + expiresIn,
    ...(refreshToken ? { refresh_token: refreshToken } : {}),
  });
  sessionStorage.setItem(`oidc.user:${ORIGIN}:${CLIENT_ID}`, user.toStorageString());
  return user;
}

export function makeMe(overrides: Partial<Me> = {}): Me {
  return {
    id: PERSON_ID,
    email: 'ruta.jonaite@vrm.lt',
    display_name: 'Rūta Jonaitė',
    given_name: 'Rūta',
    family_name: 'Jonaitė',
    unit: { id: UNIT_ID, name: { en: 'Digital Policy Unit', lt: 'Skaitmeninės politikos skyrius' } },
    supervisor: { id: '44444444-4444-4444-8444-444444444444', display_name: 'Petras Petraitis' },
    roles: ['learner'],
    grants: [],
    is_supervisor: false,
    onboarded: true,
    ...overrides,
  };
}

export function makeProfile(overrides: Partial<Profile> = {}): Profile {
  return {
    person_id: PERSON_ID,
    job_title: '',
    job_description: '',
    role_profile_key: null,
    preferred_language: 'lt',
    accessibility: { larger_text: false, reduced_motion: false, screen_reader_hints: false },
    weekly_minutes: 60,
    goals: '',
    share_results_with_supervisor: false,
    onboarded: false,
    updated_at: '2026-11-22T10:00:00Z',
    ...overrides,
  };
}

/** The provider's discovery document and endpoints, as the gateway serves them on the same origin. */
export function oidcProvider(tokens: Record<string, unknown> = {}): Record<string, Handler> {
  return {
    'GET /.well-known/openid-configuration': () =>
      json({
        issuer: ORIGIN,
        authorization_endpoint: `${ORIGIN}/oauth2/authorize`,
        token_endpoint: `${ORIGIN}/oauth2/token`,
        userinfo_endpoint: `${ORIGIN}/oauth2/userinfo`,
        end_session_endpoint: `${ORIGIN}/oauth2/logout`,
        revocation_endpoint: `${ORIGIN}/oauth2/revoke`,
        jwks_uri: `${ORIGIN}/.well-known/jwks.json`,
        response_types_supported: ['code'],
        code_challenge_methods_supported: ['S256'],
      }),
    'POST /oauth2/token': () => {
      const now = Math.floor(Date.now() / 1000);
      return json({
        access_token: fakeJwt({ sub: PERSON_ID, roles: ['learner'], grants: [], exp: now + 600 }),
        id_token: fakeJwt({ sub: PERSON_ID, name: 'Rūta Jonaitė', iss: ORIGIN, aud: CLIENT_ID, iat: now, exp: now + 600 }),
        refresh_token: 'refresh-1',
        token_type: 'Bearer',
        expires_in: 600,
        scope: 'openid profile email offline_access dla',
        ...tokens,
      });
    },
    'POST /oauth2/revoke': () => new Response(null, { status: 200 }),
  };
}

/** /me and /me/profile for the signed-in person. */
export function meHandlers(me: Me = makeMe(), profile: Profile = makeProfile({ onboarded: me.onboarded })): Record<string, Handler> {
  return {
    'GET /api/identity/me': () => json(me),
    'GET /api/identity/me/profile': () => json(profile),
  };
}
