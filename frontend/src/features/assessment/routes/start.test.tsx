import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';

import { json, problem, sentRequests, serveApi } from '@/testing/fake-api';
import { meHandlers, oidcProvider, signIn } from '@/testing/identity';
import { renderApp } from '@/testing/render-app';

import { makeFramework, makeSession, SESSION_ID } from '../testing/fake-assessment';

function serve(sessions: unknown[], start: () => Response = () => json(makeSession(), 201)) {
  serveApi({
    ...oidcProvider(),
    ...meHandlers(),
    'GET /api/assessment/sessions': () => json({ items: sessions, total: sessions.length, limit: 20, offset: 0 }),
    'POST /api/assessment/sessions': start,
    'GET /api/assessment/sessions/:id': () => json(makeSession()),
    'GET /api/assessment/sessions/:id/current': () => json({ position: 1, item: null, complete: true, progress: makeSession().progress }),
    'GET /api/assessment/frameworks/digcomp-2.2': () => json(makeFramework()),
  });
  signIn();
}

describe('the skills test start page', () => {
  it('explains the test and starts it in the chosen language with the optional self-assessment', async () => {
    serve([]);
    const { user, router } = renderApp('/assessment');

    expect(await screen.findByRole('heading', { level: 1, name: 'Digital skills test' })).toBeInTheDocument();
    expect(screen.getByText(/no time limit/)).toBeInTheDocument();
    expect(screen.getByText(/pause at any time/)).toBeInTheDocument();
    const language = await screen.findByRole('radiogroup', { name: 'Language of the questions' });
    expect(within(language).getByRole('radio', { name: 'English' })).toBeChecked();
    await user.click(within(language).getByRole('radio', { name: 'Lietuvių' }));

    await user.click(await screen.findByRole('button', { name: 'Optional: say what you can do already' }));
    const safety = screen.getByRole('radiogroup', { name: 'Safety' });
    await user.click(within(safety).getByRole('radio', { name: 'I can do it on my own' }));
    await user.click(screen.getByRole('button', { name: 'Start the test' }));

    await waitFor(() => {
      expect(router.state.location.pathname).toBe(`/assessment/sessions/${SESSION_ID}`);
    });
    expect(sentRequests('POST', '/api/assessment/sessions')[0]?.body).toEqual({ framework: 'digcomp-2.2', language: 'lt', self_assessment: { '4': 4 } });
  });

  it('sends no self-assessment when it is skipped, and the interface language by default', async () => {
    localStorage.setItem('dla.language', 'lt');
    serve([]);
    const { user } = renderApp('/assessment');
    await user.click(await screen.findByRole('button', { name: 'Pradėti testą' }));
    await waitFor(() => {
      expect(sentRequests('POST', '/api/assessment/sessions')).toHaveLength(1);
    });
    expect(sentRequests('POST', '/api/assessment/sessions')[0]?.body).toEqual({ framework: 'digcomp-2.2', language: 'lt' });
  });

  it('says from when a retake is possible when the service refuses one', async () => {
    serve([], () =>
      problem(409, 'retake-cooldown', 'Retake not available yet', { available_at: '2027-01-15T10:00:00+00:00' }),
    );
    const { user } = renderApp('/assessment');
    await user.click(await screen.findByRole('button', { name: 'Start the test' }));
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('You have taken the test recently. You can take it again from');
    expect(alert).toHaveTextContent(/15 Jan 2027|Jan 15, 2027/);
  });

  it('offers to continue the open test instead of a new one', async () => {
    serve([makeSession({ answered: 6, progress: { fraction: 0.4, likely_remaining: 9, answered: 6, max_items: 30 } })]);
    const { user, router } = renderApp('/assessment');
    expect(await screen.findByRole('heading', { level: 2, name: 'You have a test in progress' })).toBeInTheDocument();
    expect(screen.getByText(/Questions answered so far: 6/)).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Start the test' })).not.toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Continue the test' }));
    await waitFor(() => {
      expect(router.state.location.pathname).toBe(`/assessment/sessions/${SESSION_ID}`);
    });
    expect(sentRequests('POST')).toHaveLength(0);
  });

  it('links to past results and is reached from the main navigation', async () => {
    serve([]);
    const { user, router } = renderApp('/');
    await user.click(await screen.findByRole('link', { name: 'Skills test' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Digital skills test' })).toBeInTheDocument();
    await user.click(screen.getByRole('link', { name: 'See your past results' }));
    await waitFor(() => {
      expect(router.state.location.pathname).toBe('/assessment/history');
    });
  });

  it('explains a failure to load and tries again', async () => {
    let fail = true;
    serveApi({
      ...oidcProvider(),
      ...meHandlers(),
      'GET /api/assessment/sessions': () => (fail ? problem(503, 'unavailable', 'Unavailable') : json({ items: [], total: 0, limit: 20, offset: 0 })),
      'GET /api/assessment/frameworks/digcomp-2.2': () => json(makeFramework()),
    });
    signIn();
    const { user } = renderApp('/assessment');
    const alert = await screen.findByRole('alert');
    expect(within(alert).getByRole('heading', { name: 'Your tests could not be loaded' })).toBeInTheDocument();
    fail = false;
    await user.click(within(alert).getByRole('button', { name: 'Try again' }));
    expect(await screen.findByRole('button', { name: 'Start the test' })).toBeInTheDocument();
  });
});
