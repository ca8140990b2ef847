import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';

import { DEPARTMENT_ID, OPEN_GOV_UNIT_ID, makePerson, organisationsHandler, peopleHandler } from '@/testing/admin';
import { empty, json, problem, sentRequests, serveApi } from '@/testing/fake-api';
import { MINISTRY_ID, UNIT_ID, meHandlers, signIn } from '@/testing/identity';
import { renderApp } from '@/testing/render-app';

const HR = { roles: ['learner'], grants: [{ role: 'hr_manager', org: MINISTRY_ID }] };

function lastPeopleQuery() {
  return Object.fromEntries(sentRequests('GET', '/api/identity/people').at(-1)?.url.searchParams ?? []);
}

describe('people administration', () => {
  const people = [
    makePerson({ display_name: 'Asta Adomaitė', email: 'asta@vrm.lt' }),
    makePerson({ display_name: 'Jonas Jonaitis', email: 'jonas@vrm.lt', unit_id: OPEN_GOV_UNIT_ID, status: 'suspended' }),
    ...Array.from({ length: 23 }, (_, i) => makePerson({ display_name: `Zita ${String(i + 1).padStart(2, '0')}` })),
  ];

  it('lists, searches, filters and pages through the people I govern', async () => {
    serveApi({ ...meHandlers(), ...organisationsHandler(), 'GET /api/identity/people': peopleHandler(people), 'GET /api/identity/invitations': () => json({ items: [], total: 0, limit: 100, offset: 0 }) });
    signIn(HR);
    const { user, router } = renderApp('/admin/people');

    const table = await screen.findByRole('table', { name: 'People' });
    expect(within(table).getByRole('rowheader', { name: 'Asta Adomaitė' })).toBeInTheDocument();
    expect(within(table).getByRole('link', { name: 'Asta Adomaitė' })).toHaveAttribute('href', `/admin/people/${people[0]?.id ?? ''}`);
    expect(await within(table).findAllByText('Data Unit')).not.toHaveLength(0);
    expect(screen.getByText('Showing 1–20 of 25')).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Next page' }));
    expect(await screen.findByText('Showing 21–25 of 25')).toBeInTheDocument();
    expect(lastPeopleQuery()).toMatchObject({ limit: '20', offset: '20' });

    await user.type(screen.getByRole('searchbox', { name: 'Name or e-mail address' }), 'jonas{Enter}');
    expect(await screen.findByText('Showing 1–1 of 1')).toBeInTheDocument();
    expect(lastPeopleQuery()).toMatchObject({ q: 'jonas', offset: '0' });
    expect(screen.getByRole('cell', { name: 'Suspended' })).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: /Status/ }));
    await user.click(await screen.findByRole('option', { name: 'Active' }));
    expect(await screen.findByRole('heading', { level: 2, name: 'No people match these filters.' })).toBeInTheDocument();
    expect(router.state.location.search).toBe('?q=jonas&status=active');
  });

  it('filters by unit, the whole subtree included', async () => {
    serveApi({ ...meHandlers(), ...organisationsHandler(), 'GET /api/identity/people': peopleHandler(people), 'GET /api/identity/invitations': () => json([]) });
    signIn(HR);
    const { user } = renderApp('/admin/people');

    await screen.findByRole('table', { name: 'People' });
    await user.click(screen.getByRole('button', { name: /Unit/ }));
    await user.click(await screen.findByRole('option', { name: /Open Government Unit/ }));

    expect(await screen.findByText('Showing 1–1 of 1')).toBeInTheDocument();
    expect(lastPeopleQuery()).toMatchObject({ unit_id: OPEN_GOV_UNIT_ID });
  });

  it('invites a person into a unit with HR rights over it', async () => {
    let invitations: unknown[] = [];
    serveApi({
      ...meHandlers(),
      ...organisationsHandler(),
      'GET /api/identity/people': peopleHandler(people),
      'GET /api/identity/invitations': () => json({ items: invitations, total: invitations.length, limit: 100, offset: 0 }),
      'POST /api/identity/invitations': async (_, request) => {
        const body = (await request.json()) as { email: string; display_name: string; unit_id: string };
        invitations = [{ id: 'inv-1', email: body.email, display_name: body.display_name, unit_id: body.unit_id }];
        return json(invitations[0], 201);
      },
      'DELETE /api/identity/invitations/:id': () => {
        invitations = [];
        return empty(204);
      },
    });
    signIn(HR);
    const { user } = renderApp('/admin/people');

    await user.click(await screen.findByRole('button', { name: 'Invite a person' }));
    const dialog = await screen.findByRole('dialog', { name: 'Invite a person' });
    await user.type(within(dialog).getByRole('textbox', { name: 'E-mail address' }), 'ona@vrm.lt');
    await user.type(within(dialog).getByRole('textbox', { name: 'Full name' }), 'Ona Onaitė');
    // No unit yet: the dialog says what is missing.
    await user.click(within(dialog).getByRole('button', { name: 'Send invitation' }));
    expect(await within(dialog).findByRole('alert')).toHaveTextContent('Choose the unit the person works in.');

    await user.click(within(dialog).getByRole('button', { name: /Unit/ }));
    await user.click(await screen.findByRole('option', { name: /Data Unit/ }));
    await user.click(within(dialog).getByRole('checkbox', { name: 'HR manager' }));
    await user.click(within(dialog).getByRole('button', { name: 'Send invitation' }));

    expect(await screen.findByText('An invitation was sent to ona@vrm.lt.')).toBeInTheDocument();
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    expect(sentRequests('POST', '/api/identity/invitations')[0]?.body).toEqual({
      email: 'ona@vrm.lt',
      display_name: 'Ona Onaitė',
      unit_id: UNIT_ID,
      roles: ['learner'],
      grants: [{ role: 'hr_manager', organisation_id: UNIT_ID }],
    });

    const open = await screen.findByRole('region', { name: 'Open invitations' });
    expect(within(open).getByRole('rowheader', { name: 'ona@vrm.lt' })).toBeInTheDocument();
    await user.click(within(open).getByRole('button', { name: 'Cancel the invitation to ona@vrm.lt' }));
    await waitFor(() => {
      expect(screen.queryByRole('region', { name: 'Open invitations' })).not.toBeInTheDocument();
    });
    expect(sentRequests('DELETE')[0]?.url.pathname).toBe('/api/identity/invitations/inv-1');
  });

  it('keeps the invitation dialog open and explains a refused invitation', async () => {
    serveApi({
      ...meHandlers(),
      ...organisationsHandler(),
      'GET /api/identity/people': peopleHandler(people),
      'GET /api/identity/invitations': () => json([]),
      'POST /api/identity/invitations': () => problem(409, 'conflict', 'Conflict', { detail: 'Someone already uses this e-mail address.' }),
    });
    signIn(HR);
    const { user } = renderApp(`/admin/people?unit=${DEPARTMENT_ID}`);

    await user.click(await screen.findByRole('button', { name: 'Invite a person' }));
    const dialog = await screen.findByRole('dialog');
    await user.type(within(dialog).getByRole('textbox', { name: 'E-mail address' }), 'asta@vrm.lt');
    await user.type(within(dialog).getByRole('textbox', { name: 'Full name' }), 'Asta');
    await user.click(within(dialog).getByRole('button', { name: 'Send invitation' }));

    const alert = await within(dialog).findByRole('alert');
    expect(alert).toHaveTextContent('The invitation was not sent');
    expect(alert).toHaveTextContent('This conflicts with data that already exists.');
    // The unit filter of the list was the default unit of the invitation.
    expect(sentRequests('POST', '/api/identity/invitations')[0]?.body).toMatchObject({ unit_id: DEPARTMENT_ID });
  });

  it('shows a retry when the list cannot be loaded', async () => {
    serveApi({ ...meHandlers(), ...organisationsHandler(), 'GET /api/identity/people': () => problem(503, 'unavailable', 'Unavailable'), 'GET /api/identity/invitations': () => json([]) });
    signIn(HR);
    renderApp('/admin/people');

    const alert = await screen.findByRole('alert');
    expect(within(alert).getByRole('heading', { name: 'The list of people could not be loaded' })).toBeInTheDocument();
    expect(within(alert).getByRole('button', { name: 'Try again' })).toBeInTheDocument();
  });
});
