import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';

import type { Person } from '../api/people';
import { OPEN_GOV_UNIT_ID, makePerson, organisationsHandler, peopleHandler } from '@/testing/admin';
import { json, problem, sentRequests, serveApi, type Handler } from '@/testing/fake-api';
import { MINISTRY_ID, UNIT_ID, meHandlers, signIn } from '@/testing/identity';
import { renderApp } from '@/testing/render-app';

const ORG_ADMIN = { roles: ['learner'], grants: [{ role: 'org_admin', org: MINISTRY_ID }] };

/** One person the API keeps and changes, like the service does. */
function personApi(initial: Person, others: Person[] = []): Record<string, Handler> {
  let person = initial;
  const everyone = () => [person, ...others];
  return {
    ...meHandlers(),
    ...organisationsHandler(),
    'GET /api/identity/people': (url, request, params) => peopleHandler(everyone())(url, request, params),
    'GET /api/identity/people/:id': (_, __, { id }) => {
      const found = everyone().find((p) => p.id === id);
      return found ? json(found) : problem(404, 'not-found', 'Not found');
    },
    'PATCH /api/identity/people/:id': async (_, request) => {
      person = { ...person, ...((await request.json()) as Partial<Person>) };
      return json(person);
    },
    'POST /api/identity/people/:id/suspend': () => {
      person = { ...person, status: 'suspended' };
      return json(person);
    },
    'POST /api/identity/people/:id/reactivate': () => {
      person = { ...person, status: 'active' };
      return json(person);
    },
    'PUT /api/identity/people/:id/roles': async (_, request) => {
      const body = (await request.json()) as Pick<Person, 'roles' | 'grants'>;
      person = { ...person, ...body };
      return json(body);
    },
  };
}

describe('one person', () => {
  it('moves the person to another unit and changes their supervisor', async () => {
    const jonas = makePerson({ display_name: 'Jonas Jonaitis', email: 'jonas@vrm.lt' });
    const boss = makePerson({ display_name: 'Birutė Vadovė', email: 'birute@vrm.lt' });
    serveApi(personApi(jonas, [boss]));
    signIn(ORG_ADMIN);
    const { user } = renderApp(`/admin/people/${jonas.id}`);

    expect(await screen.findByRole('heading', { level: 1, name: 'Jonas Jonaitis' })).toBeInTheDocument();
    const placement = screen.getByRole('region', { name: 'Unit and supervisor' });
    const move = within(placement).getByRole('button', { name: 'Move to this unit' });
    expect(move).toBeDisabled();
    await user.click(await within(placement).findByRole('button', { name: 'Data Unit Unit' }));
    await user.click(await screen.findByRole('option', { name: /Open Government Unit/ }));
    await user.click(move);
    expect(await within(placement).findByText('The change is saved.')).toBeInTheDocument();
    expect(sentRequests('PATCH')[0]?.body).toEqual({ unit_id: OPEN_GOV_UNIT_ID });

    const supervisor = within(placement).getByRole('combobox', { name: 'Supervisor' });
    await user.type(supervisor, 'bir');
    await user.click(await screen.findByRole('option', { name: /Birutė Vadovė/ }));
    await user.click(within(placement).getByRole('button', { name: 'Make supervisor' }));
    await waitFor(() => {
      expect(sentRequests('PATCH')).toHaveLength(2);
    });
    expect(sentRequests('PATCH')[1]?.body).toEqual({ supervisor_id: boss.id });
    expect(await screen.findByText('Birutė Vadovė', { selector: 'dd' })).toBeInTheDocument();
  });

  it('suspends after a confirmation, and reactivates', async () => {
    const jonas = makePerson({ display_name: 'Jonas Jonaitis' });
    serveApi(personApi(jonas));
    signIn(ORG_ADMIN);
    const { user } = renderApp(`/admin/people/${jonas.id}`);

    const access = await screen.findByRole('region', { name: 'Access' });
    expect(access).toHaveTextContent('This person can sign in.');
    await user.click(within(access).getByRole('button', { name: 'Suspend…' }));
    const dialog = await screen.findByRole('alertdialog', { name: 'Suspend Jonas Jonaitis?' });
    expect(dialog).toHaveTextContent('They are signed out at once');
    await user.click(within(dialog).getByRole('button', { name: 'Suspend' }));

    expect(await within(access).findByText('This person is suspended and cannot sign in.')).toBeInTheDocument();
    await user.click(within(access).getByRole('button', { name: 'Reactivate' }));
    expect(await within(access).findByText('This person can sign in.')).toBeInTheDocument();
    expect(sentRequests('POST').map((r) => r.url.pathname.split('/').at(-1))).toEqual(['suspend', 'reactivate']);
  });

  it('grants HR rights over a unit and sets the global roles', async () => {
    const jonas = makePerson({ display_name: 'Jonas Jonaitis', roles: ['learner'], grants: [{ role: 'org_admin', organisation_id: OPEN_GOV_UNIT_ID }] });
    serveApi(personApi(jonas));
    signIn(ORG_ADMIN);
    const { user } = renderApp(`/admin/people/${jonas.id}`);

    const roles = await screen.findByRole('region', { name: 'Roles and rights' });
    expect(within(roles).getByRole('checkbox', { name: 'Learner' })).toBeChecked();
    // Nobody grants more than they hold: only platform administrators make platform administrators.
    expect(within(roles).getByRole('checkbox', { name: 'Platform administrator' })).toBeDisabled();
    expect(await within(roles).findByText('Organisation administrator of Open Government Unit')).toBeInTheDocument();

    await user.click(within(roles).getByRole('checkbox', { name: 'Mentor' }));
    await user.click(within(roles).getByRole('button', { name: 'Remove Organisation administrator of Open Government Unit' }));
    // The right defaults to HR manager over the person's own unit.
    expect(within(roles).getByRole('button', { name: 'HR manager Right' })).toBeInTheDocument();
    await user.click(within(roles).getByRole('button', { name: 'Add right' }));
    expect(within(roles).getByText('HR manager of Data Unit')).toBeInTheDocument();
    await user.click(within(roles).getByRole('button', { name: 'Save roles and rights' }));

    expect(await within(roles).findByText('Roles and rights are saved.')).toBeInTheDocument();
    expect(sentRequests('PUT')[0]?.body).toEqual({
      roles: ['learner', 'mentor'],
      grants: [{ role: 'hr_manager', organisation_id: UNIT_ID }],
    });
  });

  it('explains a refused grant', async () => {
    const jonas = makePerson();
    serveApi({
      ...personApi(jonas),
      'PUT /api/identity/people/:id/roles': () => problem(403, 'forbidden', 'Not allowed', { detail: 'You cannot grant more than you hold.' }),
    });
    signIn(ORG_ADMIN);
    const { user } = renderApp(`/admin/people/${jonas.id}`);

    const roles = await screen.findByRole('region', { name: 'Roles and rights' });
    await user.click(within(roles).getByRole('button', { name: 'Save roles and rights' }));

    const alert = await within(roles).findByRole('alert');
    expect(alert).toHaveTextContent('Roles and rights were not saved');
    expect(alert).toHaveTextContent('You are not allowed to see this.');
  });

  it('says so when the person is out of reach', async () => {
    serveApi(personApi(makePerson()));
    signIn(ORG_ADMIN);
    renderApp('/admin/people/00000000-0000-4000-b000-999999999999');

    expect(await screen.findByRole('alert')).toHaveTextContent('What you asked for was not found.');
    expect(screen.getByRole('link', { name: 'Back to people' })).toHaveAttribute('href', '/admin/people');
  });
});
