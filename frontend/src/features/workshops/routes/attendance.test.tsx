import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';

import { json, problem, sentRequests, serveApi } from '@/testing/fake-api';
import { meHandlers, oidcProvider, signIn } from '@/testing/identity';
import { renderApp } from '@/testing/render-app';

import type { Attendee, SessionOut } from '../api/types';
import { attendeeList, makeAttendee, SESSION_ID } from '../testing/fake-workshops';

const ATTENDANCE = `/workshops/sessions/${SESSION_ID}/attendance`;

const first = makeAttendee();
const second = makeAttendee({
  registration_id: 'eeeeeeee-0000-4000-8000-000000000002',
  person_id: '88888888-0000-4000-8000-000000000002',
  registered_at: '2029-12-02T10:00:00Z',
  attended: true,
});
const requested = makeAttendee({
  registration_id: 'eeeeeeee-0000-4000-8000-000000000003',
  person_id: '77777777-0000-4000-8000-000000000003',
  status: 'pending_approval',
  registered_at: '2029-12-03T10:00:00Z',
});
const waiting = makeAttendee({
  registration_id: 'eeeeeeee-0000-4000-8000-000000000004',
  person_id: '66666666-0000-4000-8000-000000000004',
  status: 'waitlisted',
  waitlist_position: 1,
  registered_at: '2029-12-04T10:00:00Z',
});

function serve(items: Attendee[] = [first, second, requested, waiting], session: Partial<SessionOut> = {}) {
  let people = items;
  serveApi({
    ...oidcProvider(),
    ...meHandlers(),
    'GET /api/catalog/workshop-sessions/:id/attendees': () => json(attendeeList(people, session)),
    'PUT /api/catalog/workshop-sessions/:id/attendance': async (_url, request) => {
      const body = (await request.json()) as { person_id: string; attended: boolean };
      const person = people.find((candidate) => candidate.person_id === body.person_id);
      if (!person) return problem(404, 'not-found', 'Not found');
      const saved = { ...person, attended: body.attended, attended_recorded_at: '2020-01-15T10:00:00Z' };
      people = people.map((candidate) => (candidate.person_id === body.person_id ? saved : candidate));
      return json(saved);
    },
    'POST /api/catalog/workshop-sessions/:id/registrations/:rid/approve': (_url, _request, { rid }) => {
      people = people.map((candidate) => (candidate.registration_id === rid ? { ...candidate, status: 'confirmed' } : candidate));
      return json({});
    },
  });
  signIn({ roles: ['learner', 'mentor'] });
}

function rowOf(table: HTMLElement, number: number) {
  return within(table).getByRole('rowheader', { name: new RegExp(`^Participant ${String(number)} `) }).closest('tr') as HTMLElement;
}

describe('the attendance list', () => {
  it('lists registrants in registration order with counts, a box only for those with a seat', async () => {
    serve();
    renderApp(ATTENDANCE);
    expect(await screen.findByRole('heading', { level: 1, name: 'Record attendance' })).toBeInTheDocument();
    const table = await screen.findByRole('table', { name: 'Registered people' });
    expect(within(table).getAllByRole('rowheader').map((cell) => cell.textContent)).toEqual([
      'Participant 1 (99999999)',
      'Participant 2 (88888888)',
      'Participant 3 (77777777)',
      'Participant 4 (66666666)',
    ]);
    expect(screen.getByText('Confirmed seats').nextSibling).toHaveTextContent('2');
    expect(screen.getByText('Marked as attended').nextSibling).toHaveTextContent('1');
    expect(within(rowOf(table, 2)).getByRole('checkbox', { name: 'Participant 2 (88888888): Attended' })).toBeChecked();
    expect(within(rowOf(table, 1)).getByRole('checkbox', { name: 'Participant 1 (99999999): Attended' })).not.toBeChecked();
    expect(within(rowOf(table, 4)).queryByRole('checkbox')).not.toBeInTheDocument();
    expect(rowOf(table, 4)).toHaveTextContent('You are on the waiting list, number 1.');
    expect(screen.getByRole('link', { name: 'Data protection in practice' })).toHaveAttribute('href', '/workshops/aaaaaaaa-0000-4000-8000-000000000001');
  });

  it('names registrants the catalog knows and numbers the others', async () => {
    serve([makeAttendee({ display_name: 'Ona Petraitė' }), second]);
    renderApp(ATTENDANCE);
    const table = await screen.findByRole('table', { name: 'Registered people' });
    expect(within(table).getAllByRole('rowheader').map((cell) => cell.textContent)).toEqual([
      'Ona Petraitė',
      'Participant 2 (88888888)',
    ]);
    expect(within(table).getByRole('checkbox', { name: 'Ona Petraitė: Attended' })).not.toBeChecked();
  });

  it('saves each tick at once and announces it', async () => {
    serve();
    const { user } = renderApp(ATTENDANCE);
    const table = await screen.findByRole('table', { name: 'Registered people' });

    await user.click(within(rowOf(table, 1)).getByRole('checkbox'));

    expect(await within(rowOf(table, 1)).findByText('Saved')).toBeInTheDocument();
    expect(sentRequests('PUT', `/api/catalog/workshop-sessions/${SESSION_ID}/attendance`).map((r) => r.body)).toEqual([
      { person_id: first.person_id, attended: true },
    ]);
    expect(within(rowOf(table, 1)).getByRole('checkbox')).toBeChecked();
    expect(screen.getByText('Marked as attended').nextSibling).toHaveTextContent('2');
    expect(screen.getByText('Participant 1 (99999999): marked as attended.')).toBeInTheDocument();

    await user.click(within(rowOf(table, 2)).getByRole('checkbox'));
    await waitFor(() => {
      expect(within(rowOf(table, 2)).getByRole('checkbox')).not.toBeChecked();
    });
    expect(sentRequests('PUT', `/api/catalog/workshop-sessions/${SESSION_ID}/attendance`).at(-1)?.body).toEqual({
      person_id: second.person_id,
      attended: false,
    });
  });

  it('approves a registration request', async () => {
    serve();
    const { user } = renderApp(ATTENDANCE);
    const table = await screen.findByRole('table', { name: 'Registered people' });

    await user.click(within(rowOf(table, 3)).getByRole('button', { name: 'Approve' }));

    await waitFor(() => {
      expect(within(rowOf(table, 3)).getByRole('checkbox')).toBeInTheDocument();
    });
    expect(sentRequests('POST', `/api/catalog/workshop-sessions/${SESSION_ID}/registrations/${requested.registration_id}/approve`)).toHaveLength(1);
    expect(screen.getByText('Confirmed seats').nextSibling).toHaveTextContent('3');
  });

  it('keeps the boxes closed until an hour before the start', async () => {
    serve([first], { starts_at: '2030-01-15T08:00:00Z', ends_at: '2030-01-15T10:00:00Z' });
    renderApp(ATTENDANCE);
    expect(await screen.findByText('Attendance can be recorded from an hour before the session starts.')).toBeInTheDocument();
    expect(screen.getByRole('checkbox')).toBeDisabled();
  });

  it('tells someone who does not run the session that they may not see it', async () => {
    serveApi({
      ...oidcProvider(),
      ...meHandlers(),
      'GET /api/catalog/workshop-sessions/:id/attendees': () => problem(403, 'forbidden', 'Forbidden'),
    });
    signIn();
    renderApp(ATTENDANCE);
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('The attendee list could not be loaded.');
    expect(alert).toHaveTextContent('You are not allowed to see this.');
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
  });
});
