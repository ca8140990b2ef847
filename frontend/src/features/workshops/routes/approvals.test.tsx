import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';

import { json, page, problem, sentRequests, serveApi, type Handler } from '@/testing/fake-api';
import { makeMe, meHandlers, oidcProvider, signIn } from '@/testing/identity';
import { renderApp } from '@/testing/render-app';

import type { PendingApproval } from '../api/types';
import { makePendingApproval, makeRegistration } from '../testing/fake-workshops';

const APPROVALS = '/me/approvals';

const petras = makePendingApproval();
const ieva = makePendingApproval({
  registration_id: 'ffffffff-0000-4000-8000-000000000002',
  person_id: '55555555-0000-4000-8000-000000000002',
  display_name: 'Ieva Jankauskienė',
  session_id: 'bbbbbbbb-0000-4000-8000-000000000009',
  starts_at: '2030-02-05T08:00:00Z',
  ends_at: '2030-02-05T10:00:00Z',
  workshop: { item_id: 'aaaaaaaa-0000-4000-8000-000000000009', slug: 'ai', title: { en: 'AI at work', lt: 'DI darbe' }, format: 'online' },
  requested_at: '2029-12-03T14:30:00Z',
});
const unnamed = makePendingApproval({
  registration_id: 'ffffffff-0000-4000-8000-000000000003',
  person_id: '44444444-0000-4000-8000-000000000003',
  display_name: null,
  starts_at: '2030-03-01T08:00:00Z',
  ends_at: '2030-03-01T10:00:00Z',
});

/** The service's answer to a decision; `withdraw` takes the request off the list as its person would. */
type Decide = (request: PendingApproval, withdraw: () => void) => Response;

const seat: Decide = (request) => json(makeRegistration({ id: request.registration_id, person_id: request.person_id, status: 'confirmed' }));

/** The approvals API over a list the test starts with: a decided request leaves it, as in the service. */
function serve({ requests = [petras, ieva], approve = seat, isSupervisor = true }: { requests?: PendingApproval[]; approve?: Decide; isSupervisor?: boolean } = {}) {
  let pending = requests;
  const deciding =
    (answer: Decide): Handler =>
    (_url, _request, { rid }) => {
      const request = pending.find((candidate) => candidate.registration_id === rid);
      if (!request) return problem(404, 'not-found', 'Not found');
      const withdraw = () => {
        pending = pending.filter((candidate) => candidate !== request);
      };
      const response = answer(request, withdraw);
      if (response.ok) withdraw();
      return response;
    };
  serveApi({
    ...oidcProvider(),
    ...meHandlers(makeMe({ is_supervisor: isSupervisor })),
    'GET /api/catalog/me/approvals': (url) => page(pending, Number(url.searchParams.get('limit')), Number(url.searchParams.get('offset'))),
    'POST /api/catalog/workshop-sessions/:id/registrations/:rid/approve': deciding(approve),
    'POST /api/catalog/workshop-sessions/:id/registrations/:rid/decline': deciding((request) =>
      json(makeRegistration({ id: request.registration_id, person_id: request.person_id, status: 'cancelled' })),
    ),
  });
  signIn();
}

function requestTable() {
  return screen.findByRole('table', { name: 'Requests waiting for your decision' });
}

function rowOf(table: HTMLElement, name: string) {
  return within(table).getByRole('rowheader', { name }).closest('tr') as HTMLElement;
}

describe('requests to approve', () => {
  it('lists the requests soonest session first, with who, which workshop, when and since when', async () => {
    serve({ requests: [petras, ieva, unnamed] });
    renderApp(APPROVALS);
    expect(await screen.findByRole('heading', { level: 1, name: 'Requests to approve' })).toBeInTheDocument();

    const table = await requestTable();
    expect(within(table).getAllByRole('rowheader').map((cell) => cell.textContent)).toEqual([
      'Petras Kazlauskas',
      'Ieva Jankauskienė',
      'Someone you supervise (44444444)',
    ]);
    const first = rowOf(table, 'Petras Kazlauskas');
    expect(within(first).getByRole('link', { name: 'Data protection in practice' })).toHaveAttribute('href', `/workshops/${petras.workshop.item_id}`);
    // Vilnius time: 08:00 UTC is 10:00 in winter, the request's 10:00 UTC is 12:00.
    expect(first).toHaveTextContent('Tuesday, January 15, 2030, 10:00 AM – 12:00 PM');
    expect(first).toHaveTextContent('Dec 1, 2029, 12:00 PM');
    // Someone may ask for two sessions: the buttons say whose request, for which workshop and session.
    expect(within(first).getByRole('button', { name: 'Approve' })).toHaveAccessibleDescription(
      /^Petras Kazlauskas Data protection in practice Tuesday, January 15, 2030, 10:00/,
    );
    expect(screen.getByText('Showing 1–3 of 3')).toBeInTheDocument();
    const nav = screen.getByRole('navigation', { name: 'Main' });
    expect(await within(nav).findByRole('link', { name: 'Requests to approve' })).toHaveAttribute('aria-current', 'page');
  });

  it('shows the dates in Lithuanian after switching the language', async () => {
    serve({ requests: [petras] });
    const { user } = renderApp(APPROVALS);
    await requestTable();

    await user.click(screen.getByRole('radio', { name: 'Lietuvių' }));

    const table = await screen.findByRole('table', { name: 'Prašymai, laukiantys jūsų sprendimo' });
    const row = rowOf(table, 'Petras Kazlauskas');
    expect(within(row).getByRole('link', { name: 'Duomenų apsauga praktiškai' })).toBeInTheDocument();
    expect(row).toHaveTextContent(/2030 m\. sausio 15 d\., antradienis.*10:00–12:00/);
    expect(row).toHaveTextContent(/2029-12-01.*12:00/);
    expect(within(row).getByRole('button', { name: 'Patvirtinti' })).toBeInTheDocument();
  });

  it('says so when no request waits', async () => {
    serve({ requests: [] });
    renderApp(APPROVALS);
    expect(await screen.findByText('No requests wait for you.')).toBeInTheDocument();
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
  });

  it('approves a request: the row goes, the decision is announced and focus moves to the next request', async () => {
    serve();
    const { user } = renderApp(APPROVALS);
    const table = await requestTable();

    await user.click(within(rowOf(table, 'Petras Kazlauskas')).getByRole('button', { name: 'Approve' }));

    await waitFor(() => {
      expect(within(table).queryByRole('rowheader', { name: 'Petras Kazlauskas' })).not.toBeInTheDocument();
    });
    expect(sentRequests('POST', `/api/catalog/workshop-sessions/${petras.session_id}/registrations/${petras.registration_id}/approve`)).toHaveLength(1);
    const notice = await screen.findByText('Petras Kazlauskas: approved for “Data protection in practice”. The seat is confirmed.');
    expect(notice.closest('[role="status"]')).toBeInTheDocument();
    await waitFor(() => {
      expect(within(table).getByRole('rowheader', { name: 'Ieva Jankauskienė' })).toHaveFocus();
    });
    expect(screen.getByText('Showing 1–1 of 1')).toBeInTheDocument();
  });

  it('says when an approved person goes on the waiting list because the session filled up', async () => {
    serve({
      requests: [petras],
      approve: (request) => json(makeRegistration({ id: request.registration_id, status: 'waitlisted', waitlist_position: 3 })),
    });
    const { user } = renderApp(APPROVALS);
    await user.click(within(await requestTable()).getByRole('button', { name: 'Approve' }));

    expect(
      await screen.findByText('Petras Kazlauskas: approved for “Data protection in practice”. The session is full, so they are on the waiting list, number 3.'),
    ).toBeInTheDocument();
    expect(await screen.findByText('No requests wait for you.')).toBeInTheDocument();
    await waitFor(() => {
      expect(screen.getByRole('heading', { level: 1, name: 'Requests to approve' })).toHaveFocus();
    });
  });

  it('declines only after confirming', async () => {
    serve();
    const { user } = renderApp(APPROVALS);
    const table = await requestTable();
    const decline = within(rowOf(table, 'Ieva Jankauskienė')).getByRole('button', { name: 'Decline' });

    await user.click(decline);
    let dialog = await screen.findByRole('alertdialog', { name: 'Decline this request?' });
    expect(dialog).toHaveTextContent('Ieva Jankauskienė: AI at work, Tuesday, February 5, 2030, 10:00 AM – 12:00 PM');
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    await waitFor(() => {
      expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument();
    });
    expect(sentRequests('POST').filter((r) => r.url.pathname.endsWith('/decline'))).toEqual([]);
    expect(rowOf(table, 'Ieva Jankauskienė')).toBeInTheDocument();

    await user.click(decline);
    dialog = await screen.findByRole('alertdialog', { name: 'Decline this request?' });
    await user.click(within(dialog).getByRole('button', { name: 'Yes, decline the request' }));

    expect(await screen.findByText('Ieva Jankauskienė: the request for “AI at work” is declined.')).toBeInTheDocument();
    expect(sentRequests('POST', `/api/catalog/workshop-sessions/${ieva.session_id}/registrations/${ieva.registration_id}/decline`)).toHaveLength(1);
    expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument();
    expect(within(table).queryByRole('rowheader', { name: 'Ieva Jankauskienė' })).not.toBeInTheDocument();
    // The last row went: focus goes to the one before it, now in its place.
    await waitFor(() => {
      expect(within(table).getByRole('rowheader', { name: 'Petras Kazlauskas' })).toHaveFocus();
    });
  });

  it('explains a decision the service refused and shows the list as it is now', async () => {
    // Petras withdrew his request meanwhile: the service refuses, and it is no longer listed.
    serve({
      approve: (_request, withdraw) => {
        withdraw();
        return problem(409, 'conflict', 'Conflict', { detail: 'This registration was cancelled.' });
      },
    });
    const { user } = renderApp(APPROVALS);
    const table = await requestTable();

    await user.click(within(rowOf(table, 'Petras Kazlauskas')).getByRole('button', { name: 'Approve' }));

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Petras Kazlauskas: the request for “Data protection in practice” was not approved.');
    expect(alert).toHaveTextContent('The request was withdrawn or the session was cancelled, so it can no longer be decided.');
    expect(within(table).queryByRole('rowheader', { name: 'Petras Kazlauskas' })).not.toBeInTheDocument();
    expect(sentRequests('GET', '/api/catalog/me/approvals').length).toBeGreaterThanOrEqual(2);
    expect(screen.queryByText(/approved for/)).not.toBeInTheDocument();
  });

  it('keeps the row and says why when the decision could not be sent', async () => {
    serve({ approve: () => problem(503, 'unavailable', 'Service unavailable') });
    const { user } = renderApp(APPROVALS);
    const table = await requestTable();
    const approve = within(rowOf(table, 'Petras Kazlauskas')).getByRole('button', { name: 'Approve' });

    await user.click(approve);

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Petras Kazlauskas: the request for “Data protection in practice” was not approved.');
    expect(alert).toHaveTextContent('The service is temporarily unavailable.');
    expect(rowOf(table, 'Petras Kazlauskas')).toBeInTheDocument();
    await waitFor(() => {
      expect(approve).not.toHaveAttribute('aria-disabled');
    });
    expect(approve).toHaveFocus();
  });

  it('pages through many requests', async () => {
    const many = Array.from({ length: 23 }, (_, index) =>
      makePendingApproval({
        registration_id: `ffffffff-0000-4000-8000-${String(index).padStart(12, '0')}`,
        display_name: `Person ${String(index + 1).padStart(2, '0')}`,
      }),
    );
    serve({ requests: many });
    const { user } = renderApp(APPROVALS);
    const table = await requestTable();
    expect(within(table).getAllByRole('rowheader')).toHaveLength(20);
    expect(screen.getByText('Showing 1–20 of 23')).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Next page' }));

    await waitFor(() => {
      expect(within(screen.getByRole('table')).getAllByRole('rowheader').map((cell) => cell.textContent)).toEqual(['Person 21', 'Person 22', 'Person 23']);
    });
    expect(sentRequests('GET', '/api/catalog/me/approvals').at(-1)?.url.searchParams.get('offset')).toBe('20');
  });

  it('tells why the list could not be loaded and offers to try again', async () => {
    serveApi({
      ...oidcProvider(),
      ...meHandlers(makeMe({ is_supervisor: true })),
      'GET /api/catalog/me/approvals': () => problem(500, 'internal', 'Internal error'),
    });
    signIn();
    renderApp(APPROVALS);
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('The requests could not be loaded.');
    expect(within(alert).getByRole('button', { name: 'Try again' })).toBeInTheDocument();
  });

  it('is in the main navigation only for people who supervise someone', async () => {
    serve({ isSupervisor: false });
    renderApp('/');
    const nav = await screen.findByRole('navigation', { name: 'Main' });
    expect(await within(nav).findByRole('link', { name: 'My workshops' })).toBeInTheDocument();
    await waitFor(() => {
      expect(sentRequests('GET', '/api/identity/me')).not.toHaveLength(0);
    });
    expect(within(nav).queryByRole('link', { name: 'Requests to approve' })).not.toBeInTheDocument();
  });
});
