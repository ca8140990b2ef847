import { screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import { empty, json, problem, sentRequests, serveApi } from '@/testing/fake-api';
import { meHandlers, signIn } from '@/testing/identity';
import { ORIGIN, renderApp } from '@/testing/render-app';

describe('my data', () => {
  const saved: { name: string; blob: Blob | undefined }[] = [];
  let blobs: Map<string, Blob>;

  // jsdom has no object URLs and cannot download; these stand in for the browser's, recording what was saved.
  beforeEach(() => {
    blobs = new Map();
    saved.length = 0;
    Object.assign(URL, {
      createObjectURL: (blob: Blob) => {
        const url = `blob:${ORIGIN}/${blobs.size + 1}`;
        blobs.set(url, blob);
        return url;
      },
      revokeObjectURL: (url: string) => blobs.delete(url),
    });
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      saved.push({ name: this.download, blob: blobs.get(this.href) });
    });
  });

  afterEach(() => {
    Reflect.deleteProperty(URL, 'createObjectURL');
    Reflect.deleteProperty(URL, 'revokeObjectURL');
  });

  it('downloads everything identity keeps about me as a JSON file', async () => {
    serveApi({ ...meHandlers(), 'GET /api/identity/me/export': () => json({ person: { email: 'ruta.jonaite@vrm.lt' } }) });
    signIn();
    const { user } = renderApp('/my-data');

    await user.click(await screen.findByRole('button', { name: 'Download my data' }));

    expect(await screen.findByText('Your data was downloaded.')).toBeInTheDocument();
    expect(saved).toHaveLength(1);
    expect(saved[0]?.name).toMatch(/^dla-my-data-\d{4}-\d{2}-\d{2}\.json$/);
    expect(JSON.parse((await saved[0]?.blob?.text()) ?? '')).toEqual({ person: { email: 'ruta.jonaite@vrm.lt' } });
    expect(sentRequests('GET', '/api/identity/me/export')[0]?.headers.get('Authorization')).toMatch(/^Bearer /);
  });

  it('says so when the download fails', async () => {
    serveApi({ ...meHandlers(), 'GET /api/identity/me/export': () => problem(503, 'unavailable', 'Service unavailable') });
    signIn();
    const { user } = renderApp('/my-data');

    await user.click(await screen.findByRole('button', { name: 'Download my data' }));

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Your data could not be downloaded');
    expect(alert).toHaveTextContent('The service is temporarily unavailable.');
    expect(saved).toEqual([]);
  });

  it('erases the account only after a confirmation that names the consequences, then forgets the session', async () => {
    serveApi({ ...meHandlers(), 'POST /api/identity/me/erasure': () => empty(202) });
    signIn();
    const { user, router } = renderApp('/my-data');

    await user.click(await screen.findByRole('button', { name: 'Erase my account…' }));
    const dialog = await screen.findByRole('alertdialog', { name: 'Erase your account?' });
    expect(dialog).toHaveTextContent('your name, e-mail address and digital profile are deleted;');
    expect(dialog).toHaveTextContent('you are signed out everywhere and cannot sign in with this account again;');
    expect(dialog).toHaveTextContent('This cannot be undone.');

    // Cancel changes nothing.
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument();
    expect(sentRequests('POST', '/api/identity/me/erasure')).toHaveLength(0);

    await user.click(screen.getByRole('button', { name: 'Erase my account…' }));
    await user.click(within(await screen.findByRole('alertdialog')).getByRole('button', { name: 'Erase my account permanently' }));

    expect(await screen.findByRole('heading', { level: 1, name: 'Your account has been erased' })).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/account-erased');
    expect(sentRequests('POST', '/api/identity/me/erasure')[0]?.body).toEqual({ confirm: true });
    await waitFor(() => {
      expect(sessionStorage.getItem(`oidc.user:${ORIGIN}:dla-spa`)).toBeNull();
    });
    expect(await screen.findByRole('button', { name: 'Sign in' })).toBeInTheDocument();
  });

  it('keeps the dialog open with the reason when erasure fails', async () => {
    serveApi({ ...meHandlers(), 'POST /api/identity/me/erasure': () => problem(503, 'unavailable', 'Service unavailable') });
    signIn();
    const { user } = renderApp('/my-data');

    await user.click(await screen.findByRole('button', { name: 'Erase my account…' }));
    const dialog = await screen.findByRole('alertdialog');
    await user.click(within(dialog).getByRole('button', { name: 'Erase my account permanently' }));

    expect(await within(dialog).findByRole('alert')).toHaveTextContent('Your account was not erased');
    expect(sessionStorage.getItem(`oidc.user:${ORIGIN}:dla-spa`)).not.toBeNull();
  });
});
