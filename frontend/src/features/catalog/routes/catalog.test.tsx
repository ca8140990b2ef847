import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';

import { json, problem, sentRequests, serveApi, type Handler } from '@/testing/fake-api';
import { frameworkHandler } from '@/testing/framework';
import { renderApp } from '@/testing/render-app';

import { makeHit, searchHandler } from '../testing/fake-catalog';

const SEARCH = '/api/catalog/search';

function serve(search: Handler) {
  serveApi({ [`GET ${SEARCH}`]: search, 'GET /api/assessment/frameworks/digcomp-2.2': frameworkHandler() });
}

function lastSearch(): URLSearchParams {
  const last = sentRequests('GET', SEARCH).at(-1);
  if (!last) throw new Error('no search was sent');
  return last.url.searchParams;
}

function results() {
  return screen.getByRole('region', { name: /^(Results|Rezultatai)$/ });
}

function filters() {
  return screen.getByRole('region', { name: /^(Filters|Filtrai)$/ });
}

describe('the catalog search', () => {
  it('lists results in the reader’s language, marking a fallback with its own lang, and names competences', async () => {
    localStorage.setItem('dla.language', 'lt');
    serve(
      searchHandler([
        makeHit({ title: { en: 'Strong passwords', lt: 'Saugūs slaptažodžiai' }, kind: 'video', rating_average: 4.5, rating_count: 12 }),
        makeHit({ title: { en: 'Open data basics' }, summary: { en: 'Only in English.' }, languages: ['en'], accessibility: ['captions'] }),
      ]),
    );
    renderApp('/catalog');

    expect(await screen.findByText('Rodoma 1–2 iš 2')).toHaveAttribute('role', 'status');
    const [translated, fallback] = within(results())
      .getAllByRole('heading', { level: 3 })
      .map((heading) => heading.closest('li') ?? heading);
    if (!translated || !fallback) throw new Error('two result cards expected');
    expect(within(translated).getByRole('heading', { level: 3 })).toHaveTextContent('Saugūs slaptažodžiai');
    expect(within(translated).getByRole('link', { name: 'Saugūs slaptažodžiai' })).toHaveAttribute('href', expect.stringMatching(/^\/catalog\/items\//));
    expect(within(translated).getByText('Vaizdo įrašas')).toBeInTheDocument();
    expect(within(translated).getByText('4,5 iš 5 (įvertinimų: 12)')).toBeInTheDocument();
    expect(await within(translated).findByText('4.1 Įrenginių apsauga')).toBeInTheDocument();
    expect(within(fallback).getByText('Open data basics')).toHaveAttribute('lang', 'en');
    expect(within(fallback).getByText('Only in English.')).toHaveAttribute('lang', 'en');
    expect(within(fallback).getByRole('list', { name: 'Ypatybės' })).toHaveTextContent('Subtitrai');
    expect(within(fallback).getByText('Įvertinimų dar nėra')).toBeInTheDocument();
    // Results in the reader's language come first: the service is told which one that is.
    expect(lastSearch().get('lang')).toBe('lt');
    expect(lastSearch().get('sort')).toBe('newest');
  });

  it('searches for the typed words, keeps them in the URL, and goes back to the previous search', async () => {
    serve(
      searchHandler([
        makeHit({ title: { en: 'Strong passwords', lt: 'Kas yra saugus slaptažodis' } }),
        makeHit({ title: { en: 'Open data basics', lt: 'Atvirieji duomenys' } }),
      ]),
    );
    const { user, router } = renderApp('/catalog');
    await screen.findByText('Showing 1–2 of 2');

    const box = screen.getByRole('searchbox', { name: 'Search the catalog' });
    await user.type(box, 'slaptazodis');
    // The button is a tab stop of its own, named for what it does.
    await user.tab();
    expect(screen.getByRole('button', { name: 'Search' })).toHaveFocus();
    await user.keyboard('{Enter}');

    expect(await screen.findByText('Showing 1–1 of 1')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Strong passwords' })).toBeInTheDocument();
    expect(router.state.location.search).toBe('?q=slaptazodis');
    expect(lastSearch().get('q')).toBe('slaptazodis');
    expect(lastSearch().get('sort')).toBe('relevance');
    expect(screen.getByRole('button', { name: /Sort by/ })).toHaveTextContent('Best match');
    expect(screen.getByRole('search', { name: 'Catalog search' })).toContainElement(box);

    await router.navigate(-1);
    expect(await screen.findByText('Showing 1–2 of 2')).toBeInTheDocument();
    expect(screen.getByRole('searchbox', { name: 'Search the catalog' })).toHaveValue('');

    // Enter searches too; Escape clears the words and shows everything again.
    await user.type(screen.getByRole('searchbox', { name: 'Search the catalog' }), 'atvirieji{Enter}');
    expect(await screen.findByText('Showing 1–1 of 1')).toBeInTheDocument();
    expect(router.state.location.search).toBe('?q=atvirieji');
    await user.keyboard('{Escape}');
    expect(await screen.findByText('Showing 1–2 of 2')).toBeInTheDocument();
    expect(router.state.location.search).toBe('');
  });

  it('narrows by facets with counts, several values of one facet at once, and says how many remain', async () => {
    serve(
      searchHandler([
        makeHit({ title: { en: 'A course' }, kind: 'course' }),
        makeHit({ title: { en: 'A video' }, kind: 'video' }),
        makeHit({ title: { en: 'Another video' }, kind: 'video' }),
        makeHit({ title: { en: 'A lesson' }, kind: 'micro_lesson' }),
      ]),
    );
    const { user, router } = renderApp('/catalog');
    await screen.findByText('Showing 1–4 of 4');

    const type = within(filters()).getByRole('group', { name: 'Type' });
    await user.click(within(type).getByRole('checkbox', { name: 'Video (2)' }));
    expect(await within(results()).findByText('Showing 1–2 of 2')).toBeInTheDocument();
    expect(within(results()).queryByText('A course')).not.toBeInTheDocument();
    expect(router.state.location.search).toBe('?kind=video');

    await user.click(within(type).getByRole('checkbox', { name: 'Course (1)' }));
    expect(await within(results()).findByText('Showing 1–3 of 3')).toBeInTheDocument();
    expect(lastSearch().getAll('kind')).toEqual(['course', 'video']);
    expect(router.state.location.search).toBe('?kind=course&kind=video');
    expect(within(type).getByRole('checkbox', { name: 'Video (2)' })).toBeChecked();

    await user.click(within(filters()).getByRole('button', { name: 'Clear filters' }));
    expect(await within(results()).findByText('Showing 1–4 of 4')).toBeInTheDocument();
    expect(within(filters()).getByRole('heading', { name: 'Filters' })).toHaveFocus();
    expect(router.state.location.search).toBe('');
  });

  it('sends the level, duration, accessibility and upcoming-session filters and the chosen order', async () => {
    serve(
      searchHandler([
        makeHit({ title: { en: 'Workshop' }, kind: 'workshop', has_upcoming_session: true, level_min: 3, level_max: 4, duration_minutes: 120, accessibility: ['captions', 'transcript'] }),
        makeHit({ title: { en: 'Lesson' }, level_min: 1, level_max: 2 }),
      ]),
    );
    const { user, router } = renderApp('/catalog');
    await screen.findByText('Showing 1–2 of 2');

    await user.click(within(filters()).getByRole('radio', { name: 'Level 3 (1)' }));
    await waitFor(() => {
      expect(lastSearch().get('level')).toBe('3');
    });
    await user.click(within(filters()).getByRole('checkbox', { name: 'Over an hour (1)' }));
    await user.click(within(filters()).getByRole('checkbox', { name: 'Captions (1)' }));
    await user.click(within(filters()).getByRole('checkbox', { name: 'With upcoming sessions (1)' }));
    await user.click(screen.getByRole('button', { name: /Sort by/ }));
    expect(screen.queryByRole('option', { name: 'Best match' })).not.toBeInTheDocument();
    await user.click(await screen.findByRole('option', { name: 'Highest rated first' }));

    await waitFor(() => {
      expect(lastSearch().get('sort')).toBe('rating');
    });
    const sent = lastSearch();
    expect(sent.get('level')).toBe('3');
    expect(sent.getAll('duration')).toEqual(['long']);
    expect(sent.getAll('accessibility')).toEqual(['captions']);
    expect(sent.get('has_upcoming_session')).toBe('true');
    expect(router.state.location.search).toBe('?level=3&duration=long&accessibility=captions&upcoming=true&sort=rating');
    expect(within(results()).getByText('Upcoming session')).toBeInTheDocument();
  });

  it('loads more results by cursor, announces the new count and puts focus on the first new result', async () => {
    serve(searchHandler(Array.from({ length: 25 }, (_, i) => makeHit({ title: { en: `Item ${i + 1}` } }))));
    const { user } = renderApp('/catalog');

    expect(await screen.findByText('Showing 1–20 of 25')).toBeInTheDocument();
    expect(screen.queryByRole('link', { name: 'Item 21' })).not.toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Load more results' }));

    expect(await screen.findByText('Showing 1–25 of 25')).toBeInTheDocument();
    expect(lastSearch().get('cursor')).toBe('20');
    expect(screen.getByRole('link', { name: 'Item 1' })).toBeInTheDocument();
    await waitFor(() => {
      expect(screen.getByRole('link', { name: 'Item 21' })).toHaveFocus();
    });
    expect(screen.queryByRole('button', { name: 'Load more results' })).not.toBeInTheDocument();
  });

  it('suggests what to try when nothing matches, and offers the whole catalog', async () => {
    serve(searchHandler([makeHit({ title: { en: 'A course' }, kind: 'course' })]));
    const { user, router } = renderApp('/catalog?q=zzzz&kind=video');

    expect(await screen.findByRole('heading', { level: 3, name: 'Nothing in the catalog matches “zzzz”.' })).toBeInTheDocument();
    expect(within(results()).getByRole('status')).toHaveTextContent('No results for “zzzz”.');
    expect(screen.getByText(/check the spelling/)).toBeInTheDocument();
    expect(screen.getByText(/remove some of the filters/)).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Show the whole catalog' }));
    expect(router.state.location.search).toBe('?kind=video');
    expect(within(results()).getByRole('status')).toHaveFocus();
    await user.click(within(results()).getByRole('button', { name: 'Clear filters' }));
    expect(await screen.findByText('A course')).toBeInTheDocument();
    expect(router.state.location.search).toBe('');
  });

  it('says so when only some of the words could be found', async () => {
    serve(searchHandler([makeHit({ title: { en: 'Passwords' } })], { match: 'any' }));
    renderApp('/catalog?q=passwords');
    expect(await screen.findByText(/No learning item contains all of your words/)).toBeInTheDocument();
  });

  it('shows an accessible progress indicator while loading', async () => {
    serve(() => new Promise<Response>(() => undefined));
    renderApp('/catalog');
    expect(await screen.findByRole('progressbar', { name: 'Loading learning items…' })).toBeInTheDocument();
    expect(within(results()).getByRole('status')).toHaveTextContent('Searching…');
  });

  it('explains a failure by its problem type and searches again on retry', async () => {
    let fail = true;
    const hits = searchHandler([makeHit({ title: { en: 'Back again' } })]);
    serve((url, request, params) => (fail ? problem(503, 'unavailable', 'Service unavailable') : hits(url, request, params)));
    const { user } = renderApp('/catalog');

    const alert = await screen.findByRole('alert');
    expect(within(alert).getByRole('heading', { name: 'The catalog could not be loaded' })).toBeInTheDocument();
    expect(alert).toHaveTextContent('The service is temporarily unavailable. Try again in a moment.');

    fail = false;
    await user.click(within(alert).getByRole('button', { name: 'Try again' }));
    expect(await screen.findByText('Back again')).toBeInTheDocument();
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });

  it('tells a network failure apart from a server answer', async () => {
    vi.stubGlobal('fetch', () => Promise.reject(new TypeError('Failed to fetch')));
    renderApp('/catalog');
    expect(await screen.findByRole('alert')).toHaveTextContent('The server could not be reached. Check your connection and try again.');
  });

  it('ignores filter values in the URL that are not ones', async () => {
    serve(() => json({ items: [], next_cursor: null, total: 0, facets: { kind: [], competence: [], level: [], language: [], accessibility: [], duration: [], has_upcoming_session: [] }, match: null, language: 'en' }));
    renderApp('/catalog?kind=nonsense&level=12&competence=x&duration=forever&sort=random&kind=video');

    await screen.findByRole('heading', { level: 3, name: 'No learning items match these filters.' });
    const sent = lastSearch();
    expect(sent.getAll('kind')).toEqual(['video']);
    expect(sent.has('level')).toBe(false);
    expect(sent.has('competence')).toBe(false);
    expect(sent.has('duration')).toBe(false);
    expect(sent.get('sort')).toBe('newest');
  });
});
