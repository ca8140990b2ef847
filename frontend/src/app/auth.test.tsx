import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';

import { json, problem, sentRequests, serveApi } from '@/testing/fake-api';
import { makeMe, makeProfile, meHandlers, oidcProvider, signIn } from '@/testing/identity';
import { ORIGIN, renderApp } from '@/testing/render-app';

/** Opens a page that needs a session while signed out, and returns the authorize URL the app went to. */
async function startSignIn(path: string) {
  const view = renderApp(path);
  await waitFor(() => {
    expect(view.leftTo).toHaveLength(1);
  });
  view.unmount();
  return new URL(view.leftTo[0] ?? '');
}

describe('signing in through the identity provider', () => {
  it('sends a signed-out visitor of a private page to sign in, then exchanges the code and starts onboarding', async () => {
    serveApi({ ...oidcProvider(), ...meHandlers(makeMe({ onboarded: false })) });
    const authorize = await startSignIn('/my-data?tab=1');
    const state = authorize.searchParams.get('state') ?? '';

    const { router } = renderApp(`/auth/callback?code=the-code&state=${state}`);

    await waitFor(() => {
      expect(router.state.location.pathname).toBe('/onboarding');
    });
    expect(router.state.location.search).toBe(`?next=${encodeURIComponent('/my-data?tab=1')}`);
    const [exchange] = sentRequests('POST', '/oauth2/token');
    const form = new URLSearchParams(String(exchange?.body));
    expect(form.get('grant_type')).toBe('authorization_code');
    expect(form.get('code')).toBe('the-code');
    expect(form.get('client_id')).toBe('dla-spa');
    expect(form.get('code_verifier')).toMatch(/^[\w-]{43,128}$/);
    // The API calls after sign-in carry the new access token.
    expect(sentRequests('GET', '/api/identity/me')[0]?.headers.get('Authorization')).toMatch(/^Bearer ey/);
    expect(await screen.findByText('Signed in as Rūta Jonaitė')).toBeInTheDocument();
  });

  it('returns an onboarded person to where they were, in the language of their profile', async () => {
    serveApi({ ...oidcProvider(), ...meHandlers(makeMe({ onboarded: true }), makeProfile({ onboarded: true, preferred_language: 'lt' })) });
    const authorize = await startSignIn('/profile');

    const { router } = renderApp(`/auth/callback?code=c&state=${authorize.searchParams.get('state') ?? ''}`);

    await waitFor(() => {
      expect(router.state.location.pathname).toBe('/profile');
    });
    expect(await screen.findByRole('heading', { level: 1, name: 'Mano skaitmeninis profilis' })).toBeInTheDocument();
    expect(document.documentElement.lang).toBe('lt');
  });

  it('says so when the identity provider cannot be reached, and tries again on request', async () => {
    let reachable = false;
    const { 'GET /.well-known/openid-configuration': discovery, ...rest } = oidcProvider();
    serveApi({
      ...rest,
      'GET /.well-known/openid-configuration': (url, request, params) =>
        reachable && discovery ? discovery(url, request, params) : problem(503, 'unavailable', 'Service unavailable'),
    });
    const { user, leftTo } = renderApp('/my-data');

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('The sign-in service cannot be reached right now.');
    expect(leftTo).toEqual([]);

    reachable = true;
    await user.click(within(alert).getByRole('button', { name: 'Try again' }));
    await waitFor(() => {
      expect(leftTo[0]).toContain('/oauth2/authorize?');
    });
  });

  it('explains a callback that cannot be completed and offers to sign in again', async () => {
    serveApi(oidcProvider());
    const { user, leftTo } = renderApp('/auth/callback?code=c&state=unknown-state');

    expect(await screen.findByRole('alert')).toHaveTextContent('Signing in did not work.');
    await user.click(screen.getByRole('button', { name: 'Sign in again' }));
    await waitFor(() => {
      expect(leftTo[0]).toContain('/oauth2/authorize?');
    });
  });

  it('shows the signed-in name and signs out at the provider (RP-initiated logout), revoking the tokens', async () => {
    serveApi({ ...oidcProvider(), ...meHandlers() });
    const session = signIn({ name: 'Rūta Jonaitė', refreshToken: 'refresh-1' });
    const { user, leftTo } = renderApp('/');

    expect(await screen.findByText('Signed in as Rūta Jonaitė')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Sign out' }));

    await waitFor(() => {
      expect(leftTo).toHaveLength(1);
    });
    const logout = new URL(leftTo[0] ?? '');
    expect(`${logout.origin}${logout.pathname}`).toBe(`${ORIGIN}/oauth2/logout`);
    expect(logout.searchParams.get('id_token_hint')).toBe(session.id_token);
    expect(logout.searchParams.get('post_logout_redirect_uri')).toBe(`${ORIGIN}/`);
    const revoked = sentRequests('POST', '/oauth2/revoke').map((r) => new URLSearchParams(String(r.body)).get('token'));
    expect(revoked).toEqual(expect.arrayContaining([session.access_token, 'refresh-1']));
    expect(sessionStorage.getItem(`oidc.user:${ORIGIN}:dla-spa`)).toBeNull();
  });

  it('signs out from a private page without being sent to sign in again', async () => {
    serveApi({ ...oidcProvider(), ...meHandlers(makeMe(), makeProfile({ onboarded: true })) });
    signIn({ refreshToken: 'refresh-1' });
    const { user, leftTo } = renderApp('/profile');

    await screen.findByRole('heading', { level: 1, name: 'My digital profile' });
    await user.click(screen.getByRole('button', { name: 'Sign out' }));

    await waitFor(() => {
      expect(leftTo).toHaveLength(1);
    });
    // Forgetting the person made the private page want a sign-in; the logout must still be where the browser goes.
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(leftTo).toHaveLength(1);
    expect(leftTo[0]).toContain('/oauth2/logout?');
  });

  it('offers "Sign in" to a visitor and hides the private pages', async () => {
    serveApi(oidcProvider());
    const { user, leftTo } = renderApp('/catalog');

    await user.click(await screen.findByRole('button', { name: 'Sign in' }));
    expect(screen.queryByRole('link', { name: 'My profile' })).not.toBeInTheDocument();
    await waitFor(() => {
      expect(leftTo).toHaveLength(1);
    });
  });

  it('starts a new sign-in when the API refuses the token, coming back to the same page', async () => {
    serveApi({
      ...oidcProvider(),
      'GET /api/identity/me': () => problem(401, 'unauthorized', 'Not authenticated'),
      'GET /api/identity/me/profile': () => problem(401, 'unauthorized', 'Not authenticated'),
    });
    signIn();
    const { leftTo } = renderApp('/profile');

    await waitFor(() => {
      expect(leftTo).toHaveLength(1);
    });
    expect(leftTo[0]).toContain('/oauth2/authorize?');
    expect(sessionStorage.getItem(`oidc.user:${ORIGIN}:dla-spa`)).toBeNull();
  });

  it('renews an expired access token with the refresh token before calling the API', async () => {
    serveApi({ ...oidcProvider(), ...meHandlers(makeMe(), makeProfile({ onboarded: true })) });
    signIn({ expiresIn: -5, refreshToken: 'refresh-old' });
    renderApp('/profile');

    expect(await screen.findByRole('heading', { level: 1, name: 'My digital profile' })).toBeInTheDocument();
    await waitFor(() => {
      expect(sentRequests('GET', '/api/identity/me/profile').length).toBeGreaterThan(0);
    });
    const refresh = new URLSearchParams(String(sentRequests('POST', '/oauth2/token')[0]?.body));
    expect(refresh.get('grant_type')).toBe('refresh_token');
    expect(refresh.get('refresh_token')).toBe('refresh-old');
    const authorization = sentRequests('GET', '/api/identity/me/profile').at(-1)?.headers.get('Authorization');
    expect(authorization).toMatch(/^Bearer /);
    expect(authorization).not.toContain('refresh');
  });

  it('shows the administration link only to people whose token allows it', async () => {
    serveApi({ ...meHandlers(), 'GET /api/health': () => json({ status: 'ok', services: {} }) });
    signIn({ roles: ['learner'] });
    const learner = renderApp('/');
    expect(await screen.findByRole('link', { name: 'My profile' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'My data' })).toBeInTheDocument();
    expect(screen.queryByRole('link', { name: 'Administration' })).not.toBeInTheDocument();
    learner.unmount();

    signIn({ roles: ['learner'], grants: [{ role: 'hr_manager', org: 'unit-1' }] });
    renderApp('/');
    expect(await screen.findByRole('link', { name: 'Administration' })).toHaveAttribute('href', '/admin');
  });
});
