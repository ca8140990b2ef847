import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';

import type { ApiClient } from '../api/clients';
import { organisationsHandler } from '@/testing/admin';
import { json, problem, sentRequests, serveApi, type Handler } from '@/testing/fake-api';
import { MINISTRY_ID, meHandlers, signIn } from '@/testing/identity';
import { renderApp } from '@/testing/render-app';

const ORG_ADMIN = { roles: ['learner'], grants: [{ role: 'org_admin', org: MINISTRY_ID }] };

function client(overrides: Partial<ApiClient> = {}): ApiClient {
  return {
    id: 'c0000000-0000-4000-8000-000000000001',
    client_id: 'vrm-hr-system',
    name: 'VRM HR system',
    organisation_id: MINISTRY_ID,
    scopes: ['scim', 'hr.read'],
    status: 'active',
    created_at: '2026-11-01T09:30:00Z',
    secret_rotated_at: null,
    revoked_at: null,
    ...overrides,
  };
}

function clientsApi(initial: ApiClient[]): Record<string, Handler> {
  let clients = initial;
  let secrets = 0;
  return {
    ...meHandlers(),
    ...organisationsHandler(),
    'GET /api/identity/clients': () => json({ items: clients, total: clients.length, limit: 100, offset: 0 }),
    'POST /api/identity/clients': async (_, request) => {
      const body = (await request.json()) as { name: string; organisation_id: string; scopes: string[] };
      const created = client({ id: 'c0000000-0000-4000-8000-000000000002', client_id: 'new-client', ...body });
      clients = [...clients, created];
      secrets += 1;
      return json({ ...created, client_secret: `secret-${secrets}` }, 201);
    },
    'POST /api/identity/clients/:id/secret': (_, __, { id }) => {
      secrets += 1;
      const found = clients.find((c) => c.id === id);
      return json({ ...found, client_secret: `secret-${secrets}` });
    },
    'POST /api/identity/clients/:id/revoke': (_, __, { id }) => {
      clients = clients.map((c) => (c.id === id ? { ...c, status: 'revoked', revoked_at: '2026-11-22T12:00:00Z' } : c));
      return json(clients.find((c) => c.id === id));
    },
  };
}

describe('API clients', () => {
  it('creates a client and shows its secret once, with a warning and a copy button', async () => {
    serveApi(clientsApi([client()]));
    signIn(ORG_ADMIN);
    const { user } = renderApp('/admin/clients');

    const table = await screen.findByRole('table', { name: 'API clients' });
    expect(within(table).getByRole('rowheader', { name: 'VRM HR system' })).toBeInTheDocument();
    expect(within(table).getByText('vrm-hr-system')).toBeInTheDocument();
    expect(await within(table).findByText('Ministry of the Interior')).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Create API client' }));
    const dialog = await screen.findByRole('dialog', { name: 'Create an API client' });
    await user.type(within(dialog).getByRole('textbox', { name: /Name/ }), 'Open data sync');
    await user.click(within(dialog).getByRole('button', { name: /Organisation/ }));
    await user.click(await screen.findByRole('option', { name: /Ministry of the Interior/ }));
    await user.click(within(dialog).getByRole('checkbox', { name: 'Read people and profiles' }));
    await user.click(within(dialog).getByRole('button', { name: 'Create client' }));

    const secret = await screen.findByRole('alertdialog', { name: 'Copy the client secret now' });
    expect(secret).toHaveTextContent('This is the only time the secret is shown.');
    expect(within(secret).getByRole('textbox', { name: 'Client secret' })).toHaveValue('secret-1');
    expect(within(secret).getByRole('textbox', { name: 'Client ID' })).toHaveValue('new-client');
    expect(sentRequests('POST', '/api/identity/clients')[0]?.body).toEqual({
      name: 'Open data sync',
      organisation_id: MINISTRY_ID,
      scopes: ['scim'],
    });

    await user.click(within(secret).getByRole('button', { name: 'Copy secret' }));
    expect(await within(secret).findByText('The secret is copied to the clipboard.')).toBeInTheDocument();
    expect(await navigator.clipboard.readText()).toBe('secret-1');

    // Escape does not close it by accident; only the explicit button does, and then the secret is gone.
    await user.keyboard('{Escape}');
    expect(screen.getByRole('alertdialog')).toBeInTheDocument();
    await user.click(within(secret).getByRole('button', { name: 'I have stored the secret' }));
    await waitFor(() => {
      expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument();
    });
    expect(screen.queryByDisplayValue('secret-1')).not.toBeInTheDocument();
    expect(await within(table).findByRole('rowheader', { name: 'Open data sync' })).toBeInTheDocument();
  });

  it('rotates a secret after a confirmation and shows the new one', async () => {
    serveApi(clientsApi([client()]));
    signIn(ORG_ADMIN);
    const { user } = renderApp('/admin/clients');

    await user.click(await screen.findByRole('button', { name: 'Rotate the secret of VRM HR system' }));
    const confirm = await screen.findByRole('alertdialog', { name: 'Rotate the secret of VRM HR system?' });
    expect(confirm).toHaveTextContent('The old secret stops working at once');
    await user.click(within(confirm).getByRole('button', { name: 'Rotate secret' }));

    const secret = await screen.findByRole('alertdialog', { name: 'Copy the client secret now' });
    expect(within(secret).getByRole('textbox', { name: 'Client secret' })).toHaveValue('secret-1');
    expect(sentRequests('POST')[0]?.url.pathname).toBe('/api/identity/clients/c0000000-0000-4000-8000-000000000001/secret');
  });

  it('revokes a client after a confirmation', async () => {
    serveApi(clientsApi([client()]));
    signIn(ORG_ADMIN);
    const { user } = renderApp('/admin/clients');

    await user.click(await screen.findByRole('button', { name: 'Revoke VRM HR system' }));
    await user.click(within(await screen.findByRole('alertdialog', { name: 'Revoke VRM HR system?' })).getByRole('button', { name: 'Revoke' }));

    const row = (await screen.findByRole('rowheader', { name: 'VRM HR system' })).closest('tr') as HTMLElement;
    expect(await within(row).findByText(/^Revoked/)).toBeInTheDocument();
    expect(within(row).queryByRole('button')).not.toBeInTheDocument();
    expect(sentRequests('POST')[0]?.url.pathname).toBe('/api/identity/clients/c0000000-0000-4000-8000-000000000001/revoke');
  });

  it('explains a refused action inside the confirmation', async () => {
    serveApi({ ...clientsApi([client()]), 'POST /api/identity/clients/:id/revoke': () => problem(404, 'not-found', 'Not found') });
    signIn(ORG_ADMIN);
    const { user } = renderApp('/admin/clients');

    await user.click(await screen.findByRole('button', { name: 'Revoke VRM HR system' }));
    const confirm = await screen.findByRole('alertdialog');
    await user.click(within(confirm).getByRole('button', { name: 'Revoke' }));

    expect(await within(confirm).findByRole('alert')).toHaveTextContent('The change was not made');
  });

  it('says when there are no clients yet', async () => {
    serveApi(clientsApi([]));
    signIn(ORG_ADMIN);
    renderApp('/admin/clients');

    expect(await screen.findByRole('heading', { level: 2, name: 'There are no API clients yet.' })).toBeInTheDocument();
  });
});
