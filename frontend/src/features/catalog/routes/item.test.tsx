import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';

import { json, problem, sentRequests, serveApi, type Handler } from '@/testing/fake-api';
import { frameworkHandler } from '@/testing/framework';
import { meHandlers, oidcProvider, PERSON_ID, signIn } from '@/testing/identity';
import { renderApp } from '@/testing/render-app';

import type { ItemDetail, Rating } from '../api/types';
import { makeDetail, makeHit, searchHandler } from '../testing/fake-catalog';

const ITEM_ID = 'aaaaaaaa-0000-4000-8000-000000000001';
const ITEM = `/api/catalog/items/${ITEM_ID}`;

function serve(item: ItemDetail, extra: Record<string, Handler> = {}) {
  serveApi({
    ...oidcProvider(),
    ...meHandlers(),
    'GET /api/assessment/frameworks/digcomp-2.2': frameworkHandler(),
    [`GET ${ITEM}`]: () => json(item),
    ...extra,
  });
}

function rated(rating: number, comment: string | null): Rating {
  return { rating, comment, created_at: '2026-11-20T10:00:00Z', updated_at: '2026-11-20T10:00:00Z' };
}

describe('the learning item page', () => {
  it('shows the lesson in the reader’s language with its facts, competences and prerequisites', async () => {
    const before = 'bbbbbbbb-0000-4000-8000-000000000002';
    localStorage.setItem('dla.language', 'lt');
    serve(makeDetail({ id: ITEM_ID, prerequisites: [before], cost_eur: '0.00', rating_average: 4.25, rating_count: 8 }), {
      [`GET /api/catalog/items/${before}`]: () => json(makeDetail({ id: before, title: { en: 'Your work account', lt: 'Jūsų darbo paskyra' } })),
    });
    renderApp(`/catalog/items/${ITEM_ID}`);

    const heading = await screen.findByRole('heading', { level: 1, name: 'Kas yra saugus slaptažodis ir kaip jį susikurti' });
    expect(heading).not.toHaveAttribute('lang');
    await waitFor(() => {
      expect(document.title).toBe('Kas yra saugus slaptažodis ir kaip jį susikurti · DLA');
    });
    expect(screen.getByText('Koks slaptažodis sunkiai atspėjamas.')).toBeInTheDocument();

    const lesson = screen.getByRole('region', { name: 'Pamoka' });
    expect(within(lesson).getByRole('heading', { level: 2, name: 'Kam reikalingas slaptažodis?' })).toBeInTheDocument();
    expect(within(lesson).getAllByRole('listitem')).toHaveLength(2);
    expect(lesson.firstElementChild).toHaveAttribute('lang', 'lt');

    expect(screen.getByText('Mikropamoka', { selector: 'dd' })).toBeInTheDocument();
    expect(screen.getByText('Digital Lithuania Academy')).toBeInTheDocument();
    expect(screen.getByText('Nemokamai')).toBeInTheDocument();
    expect(screen.getByText('CC-BY-4.0')).toBeInTheDocument();
    expect(screen.getByText('Nuotoliu, savo tempu')).toBeInTheDocument();
    expect(screen.getByText('Pritaikyta ekrano skaitytuvams ir Lengvai suprantama kalba')).toBeInTheDocument();
    expect(await screen.findByText('4.1 Įrenginių apsauga: 1–2 lygiai')).toBeInTheDocument();
    const prerequisites = screen.getByRole('region', { name: 'Prieš pradedant' });
    expect(await within(prerequisites).findByRole('link', { name: 'Jūsų darbo paskyra' })).toHaveAttribute('href', `/catalog/items/${before}`);
    expect(screen.getByText('4,3 iš 5 (įvertinimų: 8)')).toBeInTheDocument();
  });

  it('marks a title and lesson in another language with their lang', async () => {
    serve(makeDetail({ id: ITEM_ID, title: { lt: 'Tik lietuviškai' }, body_html: { lt: '<p>Tekstas.</p>' } }));
    renderApp(`/catalog/items/${ITEM_ID}`);

    expect(await screen.findByText('Tik lietuviškai')).toHaveAttribute('lang', 'lt');
    expect(screen.getByText('Tekstas.').parentElement).toHaveAttribute('lang', 'lt');
  });

  it('leads to the provider’s site for an external course, and to the workshop page for a workshop', async () => {
    serve(makeDetail({ id: ITEM_ID, kind: 'external_course', url: 'https://provider.example/course', body_html: {}, cost_eur: '49.00' }));
    const first = renderApp(`/catalog/items/${ITEM_ID}`);
    const link = await screen.findByRole('link', { name: 'Go to the course (opens the provider’s site)' });
    expect(link).toHaveAttribute('href', 'https://provider.example/course');
    expect(screen.queryByRole('region', { name: 'Lesson' })).not.toBeInTheDocument();
    expect(screen.getByText('€49.00')).toBeInTheDocument();
    first.unmount();

    serve(makeDetail({ id: ITEM_ID, kind: 'workshop', body_html: {} }));
    renderApp(`/catalog/items/${ITEM_ID}`);
    expect(await screen.findByRole('link', { name: 'See the sessions and register' })).toHaveAttribute('href', `/workshops/${ITEM_ID}`);
  });

  it('asks a visitor to sign in before marking it done or rating it', async () => {
    serve(makeDetail({ id: ITEM_ID }));
    const { user, leftTo } = renderApp(`/catalog/items/${ITEM_ID}`);

    await screen.findByRole('heading', { level: 1, name: 'Strong passwords and two-step sign-in' });
    expect(screen.getByRole('button', { name: 'Sign in to mark it as done' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Mark as done' })).not.toBeInTheDocument();
    expect(within(screen.getByRole('main')).queryByRole('radiogroup')).not.toBeInTheDocument();
    expect(screen.getByText('No ratings yet')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Sign in to rate it' }));
    await waitFor(() => {
      expect(leftTo).toHaveLength(1);
    });
  });

  it('marks the item as done, once, and says so where focus goes', async () => {
    signIn();
    serve(makeDetail({ id: ITEM_ID }), {
      [`GET ${ITEM}/rating`]: () => problem(404, 'not-found', 'You have not rated this item.'),
      [`GET ${ITEM}/done`]: () => problem(404, 'not-found', 'You have not marked this item as done.'),
      [`POST ${ITEM}/done`]: () => json({ item_id: ITEM_ID, person_id: PERSON_ID, completed_at: '2026-12-01T10:00:00Z' }, 201),
    });
    const { user } = renderApp(`/catalog/items/${ITEM_ID}`);

    await user.click(await screen.findByRole('button', { name: 'Mark as done' }));

    const done = await screen.findByText('Marked as done. It counts towards your learning pathway.');
    const status = done.closest('[role="status"]');
    expect(status).toHaveFocus();
    expect(screen.queryByRole('button', { name: 'Mark as done' })).not.toBeInTheDocument();
    expect(sentRequests('POST', `${ITEM}/done`)).toHaveLength(1);
  });

  it('shows when the reader marked it done, in their language, and no button', async () => {
    localStorage.setItem('dla.language', 'lt');
    signIn();
    serve(makeDetail({ id: ITEM_ID }), {
      [`GET ${ITEM}/rating`]: () => problem(404, 'not-found', 'Not rated'),
      [`GET ${ITEM}/done`]: () => json({ item_id: ITEM_ID, person_id: PERSON_ID, completed_at: '2026-11-20T10:00:00Z' }),
    });
    renderApp(`/catalog/items/${ITEM_ID}`);

    const progress = await screen.findByRole('region', { name: 'Jūsų pažanga' });
    expect(await within(progress).findByText('Baigta 2026 m. lapkričio 20 d.')).toBeInTheDocument();
    expect(within(progress).queryByRole('button')).not.toBeInTheDocument();
    expect(sentRequests('POST', `${ITEM}/done`)).toHaveLength(0);
  });

  it('offers the button when the reader has not finished it yet', async () => {
    signIn();
    serve(makeDetail({ id: ITEM_ID }), {
      [`GET ${ITEM}/rating`]: () => problem(404, 'not-found', 'Not rated'),
      [`GET ${ITEM}/done`]: () => problem(404, 'not-found', 'You have not marked this item as done.'),
    });
    renderApp(`/catalog/items/${ITEM_ID}`);

    const progress = await screen.findByRole('region', { name: 'Your progress' });
    expect(await within(progress).findByRole('button', { name: 'Mark as done' })).toBeEnabled();
    expect(progress).not.toHaveTextContent(/Done on/);
    expect(sentRequests('GET', `${ITEM}/done`)).toHaveLength(1);
  });

  it('reports a refused "done" and lets the reader try again', async () => {
    signIn();
    serve(makeDetail({ id: ITEM_ID }), {
      [`GET ${ITEM}/rating`]: () => problem(404, 'not-found', 'Not rated'),
      [`GET ${ITEM}/done`]: () => problem(404, 'not-found', 'Not done'),
      [`POST ${ITEM}/done`]: () => problem(409, 'conflict', 'Only published items can be marked as done.'),
    });
    const { user } = renderApp(`/catalog/items/${ITEM_ID}`);

    await user.click(await screen.findByRole('button', { name: 'Mark as done' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('It was not marked as done');
    expect(screen.getByRole('button', { name: 'Mark as done' })).toBeEnabled();
  });

  it('rates the item with stars and a comment, and shows the new average', async () => {
    signIn();
    let item = makeDetail({ id: ITEM_ID, rating_average: 3, rating_count: 1 });
    serve(item, {
      [`GET ${ITEM}`]: () => json(item),
      [`GET ${ITEM}/rating`]: () => problem(404, 'not-found', 'Not rated'),
      [`PUT ${ITEM}/rating`]: () => {
        item = { ...item, rating_average: 3.5, rating_count: 2 };
        return json(rated(4, 'Clear and short.'));
      },
    });
    const { user } = renderApp(`/catalog/items/${ITEM_ID}`);

    const stars = await screen.findByRole('radiogroup', { name: 'Your rating' });
    expect(screen.getByText('3.0 out of 5 (ratings: 1)')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Save my rating' }));
    expect(await within(stars).findByText('Choose from 1 to 5 stars.')).toBeInTheDocument();
    expect(sentRequests('PUT', `${ITEM}/rating`)).toHaveLength(0);

    await user.click(within(stars).getByRole('radio', { name: '4 out of 5: very good' }));
    await user.type(screen.getByRole('textbox', { name: 'Comment (optional)' }), '  Clear and short.  ');
    await user.click(screen.getByRole('button', { name: 'Save my rating' }));

    expect(await screen.findByText('Thank you. Your rating is saved.')).toBeInTheDocument();
    expect(sentRequests('PUT', `${ITEM}/rating`)[0]?.body).toEqual({ rating: 4, comment: 'Clear and short.' });
    expect(await screen.findByText('3.5 out of 5 (ratings: 2)')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Update my rating' })).toBeInTheDocument();
  });

  it('starts from the reader’s own rating and saves the change, without an emptied comment', async () => {
    signIn();
    serve(makeDetail({ id: ITEM_ID, rating_average: 2, rating_count: 1 }), {
      [`GET ${ITEM}/rating`]: () => json(rated(2, 'Too long.')),
      [`PUT ${ITEM}/rating`]: () => json(rated(5, null)),
    });
    const { user } = renderApp(`/catalog/items/${ITEM_ID}`);

    const stars = await screen.findByRole('radiogroup', { name: 'Your rating' });
    expect(within(stars).getByRole('radio', { name: '2 out of 5: fair' })).toBeChecked();
    const comment = screen.getByRole('textbox', { name: 'Comment (optional)' });
    expect(comment).toHaveValue('Too long.');
    expect(comment).toHaveAccessibleDescription('Other readers see your comment, but not your name.');

    await user.click(within(stars).getByRole('radio', { name: '5 out of 5: excellent' }));
    await user.clear(comment);
    await user.click(screen.getByRole('button', { name: 'Update my rating' }));

    await screen.findByText('Thank you. Your rating is saved.');
    expect(sentRequests('PUT', `${ITEM}/rating`)[0]?.body).toEqual({ rating: 5, comment: null });
  });

  it('says when the item does not exist, with the way back', async () => {
    serveApi({ [`GET ${ITEM}`]: () => problem(404, 'not-found', 'No learning item has this id.') });
    renderApp(`/catalog/items/${ITEM_ID}`);

    expect(await screen.findByRole('heading', { level: 1, name: 'Learning item not found' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Back to the catalog' })).toHaveAttribute('href', '/catalog');
  });

  it('explains a failed load and loads again on retry', async () => {
    let fail = true;
    serveApi({ [`GET ${ITEM}`]: () => (fail ? problem(503, 'unavailable', 'Unavailable') : json(makeDetail({ id: ITEM_ID }))) });
    const { user } = renderApp(`/catalog/items/${ITEM_ID}`);

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('The learning item could not be loaded');
    fail = false;
    await user.click(within(alert).getByRole('button', { name: 'Try again' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Strong passwords and two-step sign-in' })).toBeInTheDocument();
  });

  it('leads back to the same search it was found by', async () => {
    serveApi({
      'GET /api/assessment/frameworks/digcomp-2.2': frameworkHandler(),
      'GET /api/catalog/search': searchHandler([makeHit({ id: ITEM_ID, title: { en: 'Strong passwords' } })]),
      [`GET ${ITEM}`]: () => json(makeDetail({ id: ITEM_ID })),
    });
    const { user, router } = renderApp('/catalog?q=passwords&kind=micro_lesson');

    await user.click(await screen.findByRole('link', { name: 'Strong passwords' }));
    const back = await screen.findByRole('link', { name: 'Back to the catalog' });
    expect(back).toHaveAttribute('href', '/catalog?q=passwords&kind=micro_lesson');
    // Focus went to the heading on arrival and stays on it once the item has loaded.
    expect(await screen.findByRole('heading', { level: 1, name: 'Strong passwords and two-step sign-in' })).toHaveFocus();
    await user.click(back);
    expect(router.state.location.search).toBe('?q=passwords&kind=micro_lesson');
    expect(await screen.findByRole('link', { name: 'Strong passwords' })).toBeInTheDocument();
  });
});
