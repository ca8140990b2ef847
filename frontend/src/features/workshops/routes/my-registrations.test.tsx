import { screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { json, sentRequests, serveApi } from '@/testing/fake-api';
import { meHandlers, oidcProvider, signIn } from '@/testing/identity';
import { renderApp } from '@/testing/render-app';

import type { ListedSession, MyRegistration } from '../api/types';
import { captureDownloads, ics, ICS, type SavedFile } from '../testing/downloads';
import { makeMyRegistration, makeRegistration, makeSession, makeWorkshop, page, SESSION_ID } from '../testing/fake-workshops';

const upcoming = makeMyRegistration({ meeting_url: 'https://meet.dla.example/data-protection' });
const waiting = makeMyRegistration({
  ...makeRegistration({ id: 'dddddddd-0000-4000-8000-000000000002', session_id: 'bbbbbbbb-0000-4000-8000-000000000009', status: 'waitlisted', waitlist_position: 2 }),
  session: makeSession({ id: 'bbbbbbbb-0000-4000-8000-000000000009', starts_at: '2030-02-05T08:00:00Z', ends_at: '2030-02-05T10:00:00Z' }),
  workshop: { item_id: 'aaaaaaaa-0000-4000-8000-000000000009', slug: 'ai', title: { en: 'AI at work', lt: 'DI darbe' }, format: 'online' },
});
const past = makeMyRegistration({
  ...makeRegistration({ id: 'dddddddd-0000-4000-8000-000000000003', attended: true }),
  session: makeSession({ starts_at: '2020-03-10T08:00:00Z', ends_at: '2020-03-10T10:00:00Z' }),
});

function serve({ mine = [upcoming, waiting], before = [past], leading = [] }: { mine?: MyRegistration[]; before?: MyRegistration[]; leading?: ListedSession[] } = {}) {
  let current = mine;
  serveApi({
    ...oidcProvider(),
    ...meHandlers(),
    'GET /api/catalog/me/registrations': (url) => page(url.searchParams.get('when') === 'past' ? before : current, Number(url.searchParams.get('limit'))),
    'GET /api/catalog/me/registrations/calendar.ics': () => ics(),
    'GET /api/catalog/me/workshop-sessions': () => page(leading),
    'DELETE /api/catalog/workshop-sessions/:id/registration': (_url, _request, { id }) => {
      const gone = current.find((registration) => registration.session_id === id);
      current = current.filter((registration) => registration.session_id !== id);
      return json({ ...gone, status: 'cancelled' });
    },
  });
  signIn();
}

describe('my workshops', () => {
  const saved: SavedFile[] = [];
  let restore: () => void;
  beforeEach(() => {
    restore = captureDownloads(saved);
  });
  afterEach(() => {
    restore();
  });

  it('lists upcoming and past registrations with where I stand in each', async () => {
    serve();
    renderApp('/me/registrations');
    expect(await screen.findByRole('heading', { level: 1, name: 'My workshops' })).toBeInTheDocument();

    const soon = await screen.findByRole('table', { name: 'Upcoming' });
    const rows = within(soon).getAllByRole('row').slice(1);
    expect(rows.map((row) => row.querySelector('th')?.textContent)).toEqual(['Data protection in practice', 'AI at work']);
    expect(rows[0]).toHaveTextContent('Tuesday, January 15, 2030, 10:00 AM – 12:00 PM');
    expect(rows[0]).toHaveTextContent('You are registered: your seat is confirmed.');
    expect(within(rows[0] as HTMLElement).getByRole('link', { name: 'Join the online meeting' })).toHaveAttribute('href', 'https://meet.dla.example/data-protection');
    expect(rows[1]).toHaveTextContent('You are on the waiting list, number 2.');
    expect(within(rows[1] as HTMLElement).queryByRole('link', { name: 'Join the online meeting' })).not.toBeInTheDocument();
    expect(within(rows[1] as HTMLElement).queryByRole('button', { name: 'Add to calendar (.ics)' })).not.toBeInTheDocument();

    const before = await screen.findByRole('table', { name: 'Past' });
    expect(before).toHaveTextContent('You attended this session.');
    expect(within(before).getByRole('link', { name: 'Give feedback' })).toHaveAttribute('href', `/workshops/${past.workshop.item_id}`);
    expect(within(before).queryByRole('button')).not.toBeInTheDocument();
    expect(sentRequests('GET', '/api/catalog/me/registrations').map((r) => r.url.searchParams.get('when')).sort()).toEqual(['past', 'upcoming']);
    // A learner who leads nothing sees no such section.
    expect(screen.queryByRole('heading', { name: 'Sessions you lead' })).not.toBeInTheDocument();
  });

  it('downloads one calendar file with all my seats', async () => {
    serve();
    const { user } = renderApp('/me/registrations');
    await user.click(await screen.findByRole('button', { name: 'Download all (.ics)' }));
    expect(await screen.findByText(/The calendar file \(.ics\) is downloaded/)).toBeInTheDocument();
    expect(saved.map((file) => file.name)).toEqual(['dla-my-workshops.ics']);
    expect(await saved[0]?.blob?.text()).toBe(ICS);
  });

  it('leaves a waiting list after confirming, and the row goes', async () => {
    serve();
    const { user } = renderApp('/me/registrations');
    const soon = await screen.findByRole('table', { name: 'Upcoming' });
    const row = within(soon).getByRole('rowheader', { name: 'AI at work' }).closest('tr') as HTMLElement;

    await user.click(within(row).getByRole('button', { name: 'Leave the waiting list' }));
    const dialog = await screen.findByRole('alertdialog', { name: 'Leave the waiting list?' });
    expect(dialog).toHaveTextContent('AI at work');
    await user.click(within(dialog).getByRole('button', { name: 'Leave the waiting list' }));

    await waitFor(() => {
      expect(within(screen.getByRole('table', { name: 'Upcoming' })).queryByRole('rowheader', { name: 'AI at work' })).not.toBeInTheDocument();
    });
    expect(sentRequests('DELETE', '/api/catalog/workshop-sessions/bbbbbbbb-0000-4000-8000-000000000009/registration')).toHaveLength(1);
    const notice = screen.getByText('Your registration is cancelled.');
    await waitFor(() => {
      expect(notice.closest('[role="status"]')).toHaveFocus();
    });
  });

  it('invites me to find a workshop when I have none coming up', async () => {
    serve({ mine: [], before: [] });
    renderApp('/me/registrations');
    expect(await screen.findByText('You have no upcoming workshops.')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Find a workshop' })).toHaveAttribute('href', '/workshops');
    expect(await screen.findByText('No past workshops yet.')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Download all (.ics)' })).not.toBeInTheDocument();
  });

  it('shows mentors the sessions they lead, with the way to each attendee list', async () => {
    const session: ListedSession = { ...makeSession({ can_record_attendance: true }), workshop: { item_id: makeWorkshop().item_id, slug: 'x', title: makeWorkshop().title, format: 'in_person' } };
    serve({ leading: [session] });
    renderApp('/me/registrations');
    const table = await screen.findByRole('table', { name: 'Sessions you lead' });
    expect(within(table).getByRole('link', { name: 'Attendance list' })).toHaveAttribute('href', `/workshops/sessions/${SESSION_ID}/attendance`);
  });
});

