import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';

import type { AuditEvent } from '../api/audit';
import { json, sentRequests, serveApi } from '@/testing/fake-api';
import { MINISTRY_ID, meHandlers, signIn } from '@/testing/identity';
import { renderApp } from '@/testing/render-app';

const HR = { roles: ['learner'], grants: [{ role: 'hr_manager', org: MINISTRY_ID }] };

const events: AuditEvent[] = Array.from({ length: 25 }, (_, i) => ({
  id: i + 1,
  occurred_at: '2026-11-22T10:05:00Z',
  actor: 'admin-person',
  actor_kind: 'person',
  action: i === 0 ? 'person.roles_changed' : 'person.exported',
  target_type: 'person',
  target_id: `target-${i + 1}`,
  details: i === 0 ? { granted: ['hr_manager'] } : {},
}));

function auditHandler() {
  return (url: URL) => {
    const action = url.searchParams.get('action');
    const target = url.searchParams.get('target_id');
    const limit = Number(url.searchParams.get('limit'));
    const offset = Number(url.searchParams.get('offset'));
    const matching = events.filter((e) => (!action || e.action === action) && (!target || e.target_id === target));
    return json({ items: matching.slice(offset, offset + limit), total: matching.length, limit, offset });
  };
}

describe('the audit log', () => {
  it('lists sensitive actions a page at a time and filters by action and target', async () => {
    serveApi({ ...meHandlers(), 'GET /api/identity/audit': auditHandler() });
    signIn(HR);
    const { user, router } = renderApp('/admin/audit');

    const table = await screen.findByRole('table', { name: 'Audit events, newest first' });
    expect(within(table).getByRole('rowheader', { name: 'person.roles_changed' })).toBeInTheDocument();
    expect(within(table).getByText('granted: ["hr_manager"]')).toBeInTheDocument();
    expect(screen.getByText('Showing 1–20 of 25')).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Next page' }));
    expect(await screen.findByText('Showing 21–25 of 25')).toBeInTheDocument();

    await user.type(screen.getByRole('textbox', { name: 'Action' }), 'person.roles_changed');
    await user.click(screen.getByRole('button', { name: 'Show' }));
    expect(await screen.findByText('Showing 1–1 of 1')).toBeInTheDocument();
    expect(router.state.location.search).toBe('?action=person.roles_changed');
    expect(Object.fromEntries(sentRequests('GET', '/api/identity/audit').at(-1)?.url.searchParams ?? [])).toEqual({
      action: 'person.roles_changed',
      limit: '20',
      offset: '0',
    });

    await user.clear(screen.getByRole('textbox', { name: 'Action' }));
    await user.type(screen.getByRole('textbox', { name: 'Target ID' }), 'nobody');
    await user.click(screen.getByRole('button', { name: 'Show' }));
    expect(await screen.findByRole('heading', { level: 2, name: 'No audit events match these filters.' })).toBeInTheDocument();
  });

  it('shows a loading state first', async () => {
    serveApi({ ...meHandlers(), 'GET /api/identity/audit': () => new Promise<Response>(() => undefined) });
    signIn(HR);
    renderApp('/admin/audit');

    expect(await screen.findByRole('progressbar', { name: 'Loading the audit log…' })).toBeInTheDocument();
  });
});
