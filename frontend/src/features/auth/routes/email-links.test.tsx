import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';

import { solveAltcha } from '@/testing/altcha';
import { empty, json, problem, sentRequests, serveApi } from '@/testing/fake-api';
import { oidcProvider } from '@/testing/identity';
import { renderApp } from '@/testing/render-app';

describe('the e-mail confirmation link', () => {
  it('confirms the address once, then offers to sign in', async () => {
    serveApi({ ...oidcProvider(), 'POST /api/identity/auth/verify-email': () => empty(204) });
    const { user, leftTo } = renderApp('/verify-email?token=tok-1');

    expect(await screen.findByRole('status')).toHaveTextContent('Your e-mail address is confirmed. You can now sign in.');
    expect(sentRequests('POST', '/api/identity/auth/verify-email').map((r) => r.body)).toEqual([{ token: 'tok-1' }]);
    await user.click(within(screen.getByRole('main')).getByRole('button', { name: 'Sign in' }));
    await waitFor(() => {
      expect(leftTo[0]).toContain('/oauth2/authorize?');
    });
  });

  it('explains an expired link', async () => {
    serveApi({
      'POST /api/identity/auth/verify-email': () =>
        problem(400, 'token-invalid', 'Link or code not valid', { detail: 'The confirmation link is not valid any more.' }),
    });
    renderApp('/verify-email?token=old');

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Your e-mail address was not confirmed');
    expect(alert).toHaveTextContent('This link or code is not valid any more.');
    expect(alert).toHaveTextContent('The link may have expired or been used already.');
  });

  it('says so when the link has no token', async () => {
    serveApi({});
    renderApp('/verify-email');

    expect(await screen.findByRole('alert')).toHaveTextContent('This link is not complete.');
    expect(sentRequests().filter((r) => r.url.pathname.startsWith('/api/identity'))).toEqual([]);
  });
});

describe('password reset', () => {
  it('asks for a link with the ALTCHA solution and answers the same for any address', async () => {
    serveApi({ 'POST /api/identity/auth/password-reset': () => empty(202) });
    const { user } = renderApp('/reset-password');

    await user.type(await screen.findByRole('textbox', { name: 'E-mail address' }), 'ruta@vrm.lt');
    solveAltcha('proof-r');
    await user.click(screen.getByRole('button', { name: 'Send reset link' }));

    expect(await screen.findByRole('status')).toHaveTextContent('If an account uses ruta@vrm.lt, we have sent it a link');
    expect(sentRequests('POST', '/api/identity/auth/password-reset')[0]?.body).toEqual({ email: 'ruta@vrm.lt', altcha: 'proof-r' });
  });

  it('sets the new password from the e-mail link', async () => {
    serveApi({ 'POST /api/identity/auth/password-reset/confirm': () => empty(204) });
    const { user } = renderApp('/reset-password/confirm?token=reset-1');

    await user.type(await screen.findByLabelText(/^New password/), 'a new long phrase');
    await user.click(screen.getByRole('button', { name: 'Save new password' }));

    expect(await screen.findByRole('status')).toHaveTextContent('Your password has been changed.');
    expect(sentRequests('POST', '/api/identity/auth/password-reset/confirm')[0]?.body).toEqual({
      token: 'reset-1',
      password: 'a new long phrase',
    });
    expect(within(screen.getByRole('main')).getByRole('button', { name: 'Sign in' })).toBeInTheDocument();
  });

  it('refuses a weak new password next to the field', async () => {
    serveApi({ 'POST /api/identity/auth/password-reset/confirm': () => problem(422, 'weak-password', 'Weak password') });
    const { user } = renderApp('/reset-password/confirm?token=reset-1');

    const field = await screen.findByLabelText(/^New password/);
    await user.type(field, 'password');
    await user.click(screen.getByRole('button', { name: 'Save new password' }));

    await waitFor(() => {
      expect(field).toHaveAttribute('aria-invalid', 'true');
    });
    expect(field).toHaveAccessibleDescription(/too easy to guess/);
  });

  it('explains an unusable reset link', async () => {
    serveApi({ 'POST /api/identity/auth/password-reset/confirm': () => problem(404, 'not-found', 'Not found') });
    const { user } = renderApp('/reset-password/confirm?token=gone');

    await user.type(await screen.findByLabelText(/^New password/), 'a new long phrase');
    await user.click(screen.getByRole('button', { name: 'Save new password' }));

    expect(await screen.findByRole('alert')).toHaveTextContent('What you asked for was not found.');
  });
});

describe('invitations', () => {
  it('shows who is invited where and accepts with a new password', async () => {
    serveApi({
      ...oidcProvider(),
      'GET /api/identity/auth/invitations/:token': (_, __, params) =>
        params.token === 'inv-1'
          ? json({ email: 'jonas@vrm.lt', display_name: 'Jonas', organisation: { id: 'o', name: { en: 'Digital Policy Unit', lt: 'Skaitmeninės politikos skyrius' } } })
          : problem(404, 'not-found', 'Not found'),
      'POST /api/identity/auth/invitations/accept': () => empty(204),
    });
    const { user } = renderApp('/invitation?token=inv-1');

    expect(await screen.findByText('You have been invited to DLA as jonas@vrm.lt. Choose a password to create your account.')).toBeInTheDocument();
    expect(screen.getByText('Organisation: Digital Policy Unit')).toBeInTheDocument();
    await user.type(screen.getByLabelText(/^New password/), 'my own long phrase');
    await user.click(screen.getByRole('button', { name: 'Create my account' }));

    expect(await screen.findByRole('status')).toHaveTextContent('Your account is ready.');
    expect(sentRequests('POST', '/api/identity/auth/invitations/accept')[0]?.body).toEqual({
      token: 'inv-1',
      password: 'my own long phrase',
      language: 'en',
    });
  });

  it('explains an invitation that cannot be used', async () => {
    serveApi({ 'GET /api/identity/auth/invitations/:token': () => problem(404, 'not-found', 'Not found') });
    renderApp('/invitation?token=used');

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('This invitation cannot be used');
    expect(alert).toHaveTextContent('Ask the person who invited you for a new one.');
    expect(screen.queryByLabelText(/^New password/)).not.toBeInTheDocument();
  });
});
