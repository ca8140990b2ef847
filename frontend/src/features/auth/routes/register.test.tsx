import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';

import { solveAltcha } from '@/testing/altcha';
import { empty, problem, sentRequests, serveApi } from '@/testing/fake-api';
import { renderApp } from '@/testing/render-app';

async function fill(user: ReturnType<typeof renderApp>['user'], { name = 'Rūta Jonaitė', email = 'ruta@vrm.lt', password = 'long enough phrase' } = {}) {
  await user.type(await screen.findByRole('textbox', { name: 'Full name' }), name);
  await user.type(screen.getByRole('textbox', { name: /Work e-mail address/ }), email);
  await user.type(screen.getByLabelText(/^Password/), password);
}

describe('registration', () => {
  it('registers with the ALTCHA solution and asks the person to check their e-mail', async () => {
    serveApi({ 'POST /api/identity/auth/register': () => empty(202) });
    const { user } = renderApp('/register');

    expect(await screen.findByRole('heading', { level: 1, name: 'Create your DLA account' })).toBeInTheDocument();
    const widget = document.querySelector('altcha-widget');
    expect(widget?.getConfiguration()).toMatchObject({ challenge: 'http://localhost:3000/api/identity/auth/altcha', language: 'en' });
    await fill(user);
    solveAltcha('proof-9');
    await user.click(screen.getByRole('button', { name: 'Create account' }));

    expect(await screen.findByRole('heading', { level: 1, name: 'Check your e-mail' })).toBeInTheDocument();
    expect(screen.getByRole('status')).toHaveTextContent('We sent a message to ruta@vrm.lt.');
    expect(sentRequests('POST', '/api/identity/auth/register')[0]?.body).toEqual({
      display_name: 'Rūta Jonaitė',
      email: 'ruta@vrm.lt',
      password: 'long enough phrase',
      language: 'en',
      altcha: 'proof-9',
    });
  });

  it('does not send the form before the ALTCHA check is done', async () => {
    serveApi({ 'POST /api/identity/auth/register': () => empty(202) });
    const { user } = renderApp('/register');

    await fill(user);
    await user.click(screen.getByRole('button', { name: 'Create account' }));

    const check = screen.getByRole('group', { name: 'Spam protection' });
    expect(await within(check).findByText('Tick “I’m not a robot” and wait until it says “Verified”.')).toBeInTheDocument();
    expect(check).toHaveAccessibleDescription(/Tick “I’m not a robot” and wait/);
    expect(sentRequests('POST', '/api/identity/auth/register')).toHaveLength(0);
  });

  it('shows an e-mail domain that no organisation allows next to the e-mail field', async () => {
    serveApi({
      'POST /api/identity/auth/register': () =>
        problem(422, 'domain_not_allowed', 'E-mail domain not allowed', { detail: 'No organisation lists gmail.com.' }),
    });
    const { user } = renderApp('/register');

    await fill(user, { email: 'ruta@gmail.com' });
    solveAltcha();
    await user.click(screen.getByRole('button', { name: 'Create account' }));

    const email = screen.getByRole('textbox', { name: /Work e-mail address/ });
    await waitFor(() => {
      expect(email).toHaveAttribute('aria-invalid', 'true');
    });
    expect(email).toHaveAccessibleDescription(/Only people with an e-mail address of a participating organisation can register\./);
    // The solution was spent: after correcting the address, the widget must be solved again.
    await user.clear(email);
    await user.type(email, 'ruta@vrm.lt');
    await user.tab();
    expect(email).not.toHaveAttribute('aria-invalid');
    await user.click(screen.getByRole('button', { name: 'Create account' }));
    expect(await screen.findByText('Tick “I’m not a robot” and wait until it says “Verified”.')).toBeInTheDocument();
    expect(sentRequests('POST', '/api/identity/auth/register')).toHaveLength(1);
  });

  it('shows a weak password next to the password field', async () => {
    serveApi({ 'POST /api/identity/auth/register': () => problem(422, 'weak_password', 'Weak password') });
    const { user } = renderApp('/register');

    await fill(user, { password: 'password1' });
    solveAltcha();
    await user.click(screen.getByRole('button', { name: 'Create account' }));

    const password = screen.getByLabelText(/^Password/);
    await waitFor(() => {
      expect(password).toHaveAttribute('aria-invalid', 'true');
    });
    expect(password).toHaveAccessibleDescription(/This password is too easy to guess/);
  });

  it('asks for a new check when the server refused the ALTCHA solution', async () => {
    serveApi({ 'POST /api/identity/auth/register': () => problem(400, 'captcha_invalid', 'Invalid captcha') });
    const { user } = renderApp('/register');

    await fill(user);
    solveAltcha();
    await user.click(screen.getByRole('button', { name: 'Create account' }));

    expect(await screen.findByText('The “I’m not a robot” check was not accepted. Tick the box again.')).toBeInTheDocument();
  });

  it('checks the fields in the interface language before sending', async () => {
    serveApi({});
    const { user } = renderApp('/register');

    await user.type(await screen.findByRole('textbox', { name: 'Full name' }), 'R');
    await user.type(screen.getByRole('textbox', { name: /Work e-mail address/ }), 'not-an-address');
    await user.type(screen.getByLabelText(/^Password/), 'short');
    solveAltcha();
    await user.click(screen.getByRole('button', { name: 'Create account' }));

    expect(await screen.findByText('Enter an e-mail address like name@example.lt.')).toBeInTheDocument();
    expect(screen.getByText('Use at least 8 characters.')).toBeInTheDocument();
    expect(sentRequests('POST', '/api/identity/auth/register')).toHaveLength(0);
  });

  it('speaks Lithuanian, the ALTCHA widget included', async () => {
    serveApi({});
    localStorage.setItem('dla.language', 'lt');
    renderApp('/register');

    expect(await screen.findByRole('heading', { level: 1, name: 'Susikurkite DLA paskyrą' })).toBeInTheDocument();
    const check = screen.getByRole('group', { name: 'Apsauga nuo šlamšto' });
    expect(document.querySelector('altcha-widget')?.getConfiguration().language).toBe('lt');
    expect(await within(check).findByText('Aš nesu robotas')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Sukurti paskyrą' })).toBeInTheDocument();
  });
});
