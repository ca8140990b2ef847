import { screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { json, problem, sentRequests, serveApi } from '@/testing/fake-api';
import { frameworkHandler } from '@/testing/framework';
import { meHandlers, oidcProvider, signIn } from '@/testing/identity';
import { renderApp } from '@/testing/render-app';

import type { WorkshopDetail } from '../api/types';
import { captureDownloads, ics, ICS, type SavedFile } from '../testing/downloads';
import { ITEM_ID, makeDetail, makeRegistration, makeSession, registrationApi, SESSION_ID } from '../testing/fake-workshops';

const URL_OF_WORKSHOP = `/workshops/${ITEM_ID}`;
const SESSION_PATH = `/api/catalog/workshop-sessions/${SESSION_ID}/registration`;

function serve(detail: WorkshopDetail, options: { queueAhead?: number } = {}) {
  serveApi({
    ...oidcProvider(),
    ...meHandlers(),
    'GET /api/assessment/frameworks/digcomp-2.2': frameworkHandler(),
    'GET /api/catalog/workshop-sessions/:id/calendar.ics': () => ics(),
    ...registrationApi(detail, options),
  });
}

async function sessionPanel() {
  const heading = await screen.findByRole('heading', { level: 3, name: /Tuesday, January 15, 2030/ });
  return heading.closest('li') as HTMLElement;
}

describe('a workshop page', () => {
  const saved: SavedFile[] = [];
  let restore: () => void;
  beforeEach(() => {
    restore = captureDownloads(saved);
  });
  afterEach(() => {
    restore();
  });

  it('describes the workshop, its mentors and its sessions', async () => {
    serve(makeDetail());
    renderApp(URL_OF_WORKSHOP);

    expect(await screen.findByRole('heading', { level: 1, name: 'Data protection in practice' })).toBeInTheDocument();
    expect(screen.getByText('Bring a real case from your work.')).toBeInTheDocument();
    const mentors = screen.getByRole('heading', { level: 2, name: 'Mentors' }).closest('section') as HTMLElement;
    const ieva = within(mentors).getByRole('heading', { level: 3, name: 'Ieva Kalnietė' }).closest('li') as HTMLElement;
    expect(ieva).toHaveTextContent('OrganisationInformacinės visuomenės plėtros komitetas');
    expect(ieva).toHaveTextContent('SectorPublic sector');
    expect(ieva).toHaveTextContent('ExpertiseData protection in public services');
    expect(within(mentors).getByRole('heading', { level: 3, name: 'Tomas Rimkus' }).closest('li')).toHaveTextContent('SectorPrivate sector');
    expect(await screen.findByText('4.2 Protecting personal data')).toBeInTheDocument();

    const panel = await sessionPanel();
    expect(within(panel).getByRole('heading', { level: 3 })).toHaveTextContent('Tuesday, January 15, 2030, 10:00 AM – 12:00 PM (Vilnius time)');
    expect(panel).toHaveTextContent('Seats3 of 12 free');
    // Not signed in: nothing to register with yet.
    expect(within(panel).getByRole('button', { name: 'Sign in to register' })).toBeInTheDocument();
    expect(within(panel).queryByRole('button', { name: 'Register' })).not.toBeInTheDocument();
    expect(within(panel).queryByRole('link', { name: 'Attendance list' })).not.toBeInTheDocument();
  });

  it('registers me for a free seat, says so where focus lands, and offers the calendar file', async () => {
    serve(makeDetail());
    signIn();
    const { user } = renderApp(URL_OF_WORKSHOP);
    const panel = await sessionPanel();

    await user.click(within(panel).getByRole('button', { name: 'Register' }));

    const status = await within(panel).findByText('You are registered: your seat is confirmed.');
    await waitFor(() => {
      expect(status.closest('[role="status"]')).toHaveFocus();
    });
    expect(sentRequests('POST', SESSION_PATH)).toHaveLength(1);
    expect(sentRequests('POST', SESSION_PATH)[0]?.headers.get('Authorization')).toMatch(/^Bearer /);
    expect(within(panel).queryByRole('button', { name: 'Register' })).not.toBeInTheDocument();

    await user.click(within(panel).getByRole('button', { name: 'Add to calendar (.ics)' }));
    expect(await within(panel).findByText(/The calendar file \(.ics\) is downloaded/)).toBeInTheDocument();
    expect(saved).toHaveLength(1);
    expect(saved[0]?.name).toBe(`dla-workshop-${SESSION_ID}.ics`);
    expect(await saved[0]?.blob?.text()).toBe(ICS);
    expect(sentRequests('GET', `/api/catalog/workshop-sessions/${SESSION_ID}/calendar.ics`)[0]?.url.searchParams.get('lang')).toBe('en');
  });

  it('offers the waiting list when the session is full, and shows my place in it', async () => {
    serve(makeDetail({ sessions: [makeSession({ confirmed: 12, seats_left: 0, waitlist_length: 2 })] }), { queueAhead: 2 });
    signIn();
    const { user } = renderApp(URL_OF_WORKSHOP);
    const panel = await sessionPanel();
    expect(panel).toHaveTextContent('Full: you can join the waiting list. Waiting: 2.');

    await user.click(within(panel).getByRole('button', { name: 'Join the waiting list' }));

    expect(await within(panel).findByText(/You are on the waiting list, number 3\./)).toBeInTheDocument();
    // A place in line is not a seat: no calendar file, but it can be given up.
    expect(within(panel).queryByRole('button', { name: 'Add to calendar (.ics)' })).not.toBeInTheDocument();
    expect(within(panel).getByRole('button', { name: 'Leave the waiting list' })).toBeInTheDocument();
  });

  it('cancels my registration after I confirm it, and moves focus to what happened', async () => {
    serve(makeDetail({ sessions: [makeSession({ my_registration: makeRegistration() })] }));
    signIn();
    const { user } = renderApp(URL_OF_WORKSHOP);
    const panel = await sessionPanel();
    expect(panel).toHaveTextContent('You are registered: your seat is confirmed.');

    await user.click(within(panel).getByRole('button', { name: 'Cancel registration' }));
    const dialog = await screen.findByRole('alertdialog', { name: 'Cancel your registration?' });
    expect(dialog).toHaveTextContent('Your seat goes to the first person on the waiting list.');
    expect(sentRequests('DELETE', SESSION_PATH)).toHaveLength(0);
    await user.click(within(dialog).getByRole('button', { name: 'Yes, cancel my registration' }));

    await waitFor(() => {
      expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument();
    });
    const status = await within(panel).findByText('Your registration is cancelled.');
    await waitFor(() => {
      expect(status.closest('[role="status"]')).toHaveFocus();
    });
    expect(sentRequests('DELETE', SESSION_PATH)).toHaveLength(1);
    expect(within(panel).getByRole('button', { name: 'Register' })).toBeInTheDocument();
  });

  it('explains a refused cancellation after the deadline', async () => {
    // The deadline passed while the page was open: the page still offers cancelling, the service refuses.
    const detail = makeDetail({ sessions: [makeSession({ my_registration: makeRegistration() })] });
    serveApi({
      ...oidcProvider(),
      ...meHandlers(),
      'GET /api/assessment/frameworks/digcomp-2.2': frameworkHandler(),
      'GET /api/catalog/workshops/:id': () => json(detail),
      'DELETE /api/catalog/workshop-sessions/:id/registration': () => problem(409, 'conflict', 'Conflict', { detail: 'Too late.' }),
    });
    signIn();
    const { user } = renderApp(URL_OF_WORKSHOP);
    const panel = await sessionPanel();
    await user.click(within(panel).getByRole('button', { name: 'Cancel registration' }));
    const dialog = await screen.findByRole('alertdialog');
    await user.click(within(dialog).getByRole('button', { name: 'Yes, cancel my registration' }));

    const alert = await within(dialog).findByRole('alert');
    expect(alert).toHaveTextContent('Your registration was not cancelled.');
    expect(alert).toHaveTextContent('The cancellation deadline has passed');
  });

  it('does not offer to give back a seat once the deadline has passed', async () => {
    serve(
      makeDetail({
        sessions: [makeSession({ cancellation_deadline: '2020-01-01T00:00:00Z', my_registration: makeRegistration() })],
      }),
    );
    signIn();
    renderApp(URL_OF_WORKSHOP);
    const panel = await sessionPanel();
    expect(await within(panel).findByText('The cancellation deadline has passed.')).toBeInTheDocument();
    expect(within(panel).queryByRole('button', { name: 'Cancel registration' })).not.toBeInTheDocument();
    expect(within(panel).getByRole('button', { name: 'Add to calendar (.ics)' })).toBeInTheDocument();
  });

  it('says when my registration waits for approval', async () => {
    serve(makeDetail({ requires_approval: true, sessions: [makeSession({ my_registration: makeRegistration({ status: 'pending_approval' }) })] }));
    signIn();
    renderApp(URL_OF_WORKSHOP);
    const panel = await sessionPanel();
    expect(await within(panel).findByText("Your registration is waiting for your supervisor's approval.")).toBeInTheDocument();
    expect(screen.getByText('Your supervisor approves your registration.')).toBeInTheDocument();
  });

  it('links to the attendance list only for those the API allows to record it', async () => {
    serve(makeDetail({ sessions: [makeSession({ can_record_attendance: true })] }));
    signIn({ roles: ['learner', 'mentor'] });
    renderApp(URL_OF_WORKSHOP);
    const panel = await sessionPanel();
    expect(await within(panel).findByRole('link', { name: 'Attendance list' })).toHaveAttribute(
      'href',
      `/workshops/sessions/${SESSION_ID}/attendance`,
    );
  });

  it('asks for feedback after I attended: a rating is required, the comment is optional', async () => {
    const detail = makeDetail({
      sessions: [
        makeSession({
          starts_at: '2020-01-15T08:00:00Z',
          ends_at: '2020-01-15T10:00:00Z',
          cancellation_deadline: '2020-01-14T08:00:00Z',
          my_registration: makeRegistration({ attended: true }),
        }),
      ],
    });
    serveApi({
      ...oidcProvider(),
      ...meHandlers(),
      'GET /api/assessment/frameworks/digcomp-2.2': frameworkHandler(),
      'GET /api/catalog/workshops/:id': () => json(detail),
      'POST /api/catalog/workshop-sessions/:id/feedback': () =>
        json({ registration_id: 'r', session_id: SESSION_ID, rating: 4, comment: 'Practical.', created_at: '2020-01-16T00:00:00Z', updated_at: '2020-01-16T00:00:00Z' }, 201),
    });
    signIn();
    const { user } = renderApp(URL_OF_WORKSHOP);
    const heading = await screen.findByRole('heading', { level: 3, name: /Wednesday, January 15, 2020/ });
    const panel = heading.closest('li') as HTMLElement;
    expect(panel).toHaveTextContent('You attended this session.');
    expect(within(panel).queryByRole('button', { name: 'Register' })).not.toBeInTheDocument();

    await user.click(within(panel).getByRole('button', { name: 'Send feedback' }));
    expect(await within(panel).findByText('Choose a rating from 1 to 5.')).toBeInTheDocument();
    expect(sentRequests('POST', `/api/catalog/workshop-sessions/${SESSION_ID}/feedback`)).toHaveLength(0);

    const rating = within(panel).getByRole('radiogroup', { name: 'How useful was the session for your work?' });
    await user.click(within(rating).getByRole('radio', { name: '4 – useful' }));
    await user.type(within(panel).getByRole('textbox', { name: 'Comment (optional)' }), 'Practical.');
    await user.click(within(panel).getByRole('button', { name: 'Send feedback' }));

    expect(await within(panel).findByText('Thank you: your feedback is saved.')).toBeInTheDocument();
    expect(sentRequests('POST', `/api/catalog/workshop-sessions/${SESSION_ID}/feedback`)[0]?.body).toEqual({ rating: 4, comment: 'Practical.' });
  });

  it('says so when the workshop does not exist', async () => {
    serve(makeDetail());
    renderApp('/workshops/ffffffff-0000-4000-8000-000000000000');
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('The workshop could not be loaded.');
    expect(alert).toHaveTextContent('What you asked for was not found.');
  });
});
