import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';

import { solveAltcha } from '@/testing/altcha';
import { json, problem, sentRequests, serveApi } from '@/testing/fake-api';
import { oidcProvider } from '@/testing/identity';
import { ORIGIN, renderApp } from '@/testing/render-app';

const AUTHORIZE = `${ORIGIN}/oauth2/authorize?client_id=dla-spa&response_type=code&state=abc`;
const SIGN_IN = `/sign-in?return_to=${encodeURIComponent(AUTHORIZE)}`;

async function fillAndSubmit(user: ReturnType<typeof renderApp>['user'], email = 'ruta@vrm.lt', password = 'correct horse') {
  await user.type(await screen.findByRole('textbox', { name: 'E-mail address' }), email);
  await user.type(screen.getByLabelText('Password'), password);
  await user.click(screen.getByRole('button', { name: 'Sign in' }));
}

describe('the sign-in page', () => {
  it('starts the OIDC flow (code + PKCE) when opened without return_to', async () => {
    serveApi(oidcProvider());
    const { leftTo } = renderApp('/sign-in');

    await waitFor(() => {
      expect(leftTo).toHaveLength(1);
    });
    const authorize = new URL(leftTo[0] ?? '');
    expect(`${authorize.origin}${authorize.pathname}`).toBe(`${ORIGIN}/oauth2/authorize`);
    expect(Object.fromEntries(authorize.searchParams)).toMatchObject({
      client_id: 'dla-spa',
      response_type: 'code',
      redirect_uri: `${ORIGIN}/auth/callback`,
      scope: 'openid profile email offline_access dla',
      code_challenge_method: 'S256',
    });
    expect(authorize.searchParams.get('code_challenge')).toMatch(/^[\w-]{43}$/);
  });

  it('signs in with e-mail and password and goes back to the authorize request', async () => {
    serveApi({ 'POST /api/identity/auth/login': () => json({ status: 'signed_in' }) });
    const { user, leftTo } = renderApp(SIGN_IN);

    expect(await screen.findByRole('heading', { level: 1, name: 'Sign in to DLA' })).toBeInTheDocument();
    await fillAndSubmit(user, '  ruta@vrm.lt ');

    await waitFor(() => {
      expect(leftTo).toEqual([AUTHORIZE]);
    });
    const [login] = sentRequests('POST', '/api/identity/auth/login');
    expect(login?.body).toEqual({ email: 'ruta@vrm.lt', password: 'correct horse' });
    expect(login?.headers.get('Authorization')).toBeNull();
  });

  it('never sends the browser to a return_to on another site; it starts a fresh sign-in instead', async () => {
    serveApi({ ...oidcProvider(), 'POST /api/identity/auth/login': () => json({ status: 'signed_in' }) });
    const { user, leftTo } = renderApp(`/sign-in?return_to=${encodeURIComponent('https://evil.example/oauth2/authorize')}`);

    await fillAndSubmit(user);

    await waitFor(() => {
      expect(leftTo).toHaveLength(1);
    });
    expect(leftTo[0]).toMatch(new RegExp(`^${ORIGIN}/oauth2/authorize\\?`));
    expect(leftTo[0]).toContain('client_id=dla-spa');
  });

  it('says the password is wrong, then asks for the ALTCHA check once the service requires it', async () => {
    let attempts = 0;
    serveApi({
      'POST /api/identity/auth/login': () => {
        attempts += 1;
        if (attempts === 1) return problem(401, 'invalid-credentials', 'Wrong e-mail or password');
        if (attempts === 2) return problem(401, 'invalid-credentials', 'Wrong e-mail or password', { captcha_required: true });
        return json({ status: 'signed_in' });
      },
    });
    const { user, leftTo } = renderApp(SIGN_IN);

    await fillAndSubmit(user);
    expect(await screen.findByRole('alert')).toHaveTextContent('The e-mail address or the password is wrong.');
    expect(screen.queryByRole('group', { name: 'Spam protection' })).not.toBeInTheDocument();
    expect(screen.getByLabelText('Password')).toHaveValue('');

    await user.type(screen.getByLabelText('Password'), 'second try');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(await screen.findByText(/Before you try again, confirm that you are not a robot\./)).toBeInTheDocument();
    const check = screen.getByRole('group', { name: 'Spam protection' });
    expect(within(check).getByText('I’m not a robot')).toBeInTheDocument();

    // Not ticked yet: the form explains instead of sending.
    await user.type(screen.getByLabelText('Password'), 'third try');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(await within(check).findByText('Tick “I’m not a robot” and wait until it says “Verified”.')).toBeInTheDocument();
    expect(attempts).toBe(2);

    solveAltcha('proof-1');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    await waitFor(() => {
      expect(leftTo).toEqual([AUTHORIZE]);
    });
    expect(sentRequests('POST', '/api/identity/auth/login').at(-1)?.body).toEqual({
      email: 'ruta@vrm.lt',
      password: 'third try',
      altcha: 'proof-1',
    });
  });

  it('tells how long a locked account must wait', async () => {
    serveApi({
      'POST /api/identity/auth/login': () =>
        problem(423, 'account-locked', 'Account locked for a while', { detail: 'Too many wrong passwords.' }, { 'Retry-After': '290' }),
    });
    const { user } = renderApp(SIGN_IN);

    await fillAndSubmit(user);

    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Your account is locked after too many wrong passwords. Try again in 5 minutes, or reset your password.',
    );
  });

  it('tells a throttled network how long to wait, in Lithuanian too', async () => {
    serveApi({
      'POST /api/identity/auth/login': () =>
        problem(429, 'too-many-attempts', 'Too many sign-in attempts', { retry_after: 30 }),
    });
    localStorage.setItem('dla.language', 'lt');
    const { user } = renderApp(SIGN_IN);

    await user.type(await screen.findByRole('textbox', { name: 'El. pašto adresas' }), 'ruta@vrm.lt');
    await user.type(screen.getByLabelText('Slaptažodis'), 'whatever');
    await user.click(screen.getByRole('button', { name: 'Prisijungti' }));

    expect(await screen.findByRole('alert')).toHaveTextContent('Iš jūsų tinklo per daug bandymų prisijungti. Bandykite po 30 sekundžių.');
  });

  it('asks for the second factor when the account has one', async () => {
    serveApi({
      'POST /api/identity/auth/login': () => json({ status: 'second_factor_required', challenge: 'ch-1' }),
      'POST /api/identity/auth/login/second-factor': (_, request) =>
        request
          .clone()
          .json()
          .then((body: { code: string }) =>
            body.code === '123456'
              ? json({ status: 'signed_in' })
              : body.code === '111111'
                ? problem(400, 'session-gone', 'Odd', { detail: 'The sign-in step expired: sign in again.' })
                : problem(401, 'invalid-credentials', 'Wrong e-mail or password', { captcha_required: false }),
          ),
    });
    const { user, leftTo } = renderApp(SIGN_IN);

    await fillAndSubmit(user);
    const heading = await screen.findByRole('heading', { level: 2, name: 'Two-step verification' });
    await waitFor(() => {
      expect(heading).toHaveFocus();
    });

    await user.type(screen.getByRole('textbox', { name: 'Verification code' }), '000000');
    await user.click(screen.getByRole('button', { name: 'Verify and sign in' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('The code is not right. Use the newest code your app shows.');

    await user.type(screen.getByRole('textbox', { name: 'Verification code' }), '111111');
    await user.click(screen.getByRole('button', { name: 'Verify and sign in' }));
    // A problem type the interface has no message for: the service's own detail, marked as English.
    expect(await screen.findByText('The sign-in step expired: sign in again.')).toHaveAttribute('lang', 'en');

    await user.type(screen.getByRole('textbox', { name: 'Verification code' }), '123 456');
    await user.click(screen.getByRole('button', { name: 'Verify and sign in' }));
    await waitFor(() => {
      expect(leftTo).toEqual([AUTHORIZE]);
    });
    expect(sentRequests('POST', '/api/identity/auth/login/second-factor').at(-1)?.body).toEqual({ challenge: 'ch-1', code: '123456' });
  });

  it('links to registration and password reset, and to e-ID when federation is enabled', async () => {
    serveApi({ 'GET /api/identity/auth/federation': () => json({ enabled: true, name: 'e-ID gateway' }) });
    renderApp(SIGN_IN);

    const eid = await screen.findByRole('link', { name: 'Sign in with e-ID' });
    const start = new URL(eid.getAttribute('href') ?? '', ORIGIN);
    expect(start.pathname).toBe('/api/identity/auth/federation/start');
    expect(start.searchParams.get('return_to')).toBe(AUTHORIZE);
    expect(screen.getByRole('link', { name: 'Create an account' })).toHaveAttribute('href', '/register');
    expect(screen.getByRole('link', { name: 'Forgot your password?' })).toHaveAttribute('href', '/reset-password');
  });

  it('offers no e-ID link when federation is off', async () => {
    serveApi({ 'GET /api/identity/auth/federation': () => json({ enabled: false, name: null }) });
    renderApp(SIGN_IN);

    await screen.findByRole('link', { name: 'Create an account' });
    await waitFor(() => {
      expect(sentRequests('GET', '/api/identity/auth/federation')).toHaveLength(1);
    });
    expect(screen.queryByRole('link', { name: 'Sign in with e-ID' })).not.toBeInTheDocument();
  });
});
