import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';

import { catalogHandler, json, makeItem, problem, serveApi } from '@/testing/fake-api';
import { renderApp } from '@/testing/render-app';

function itemRequests(requests: URL[]) {
  return requests.filter((url) => url.pathname === '/api/catalog/items');
}

describe('the learning catalog', () => {
  it('lists items in the interface language, marking a fallback with its own lang', async () => {
    serveApi({
      '/api/catalog/items': catalogHandler([
        makeItem({ title: { en: 'Safe passwords', lt: 'Saugūs slaptažodžiai' }, kind: 'video', duration_minutes: 90 }),
        makeItem({ title: { en: 'Open data basics' }, summary: { en: 'Only in English.' }, languages: ['en'] }),
      ]),
    });
    localStorage.setItem('dla.language', 'lt');
    renderApp('/catalog');

    await screen.findByText('Rodoma 1–2 iš 2');
    const cards = within(screen.getByRole('main')).getAllByRole('listitem');
    expect(cards).toHaveLength(2);
    const [translated, fallback] = cards as [HTMLElement, HTMLElement];
    expect(within(translated).getByRole('heading', { level: 2 })).toHaveTextContent('Saugūs slaptažodžiai');
    expect(within(translated).getByText('Vaizdo įrašas')).toBeInTheDocument();
    expect(within(fallback).getByText('Open data basics')).toHaveAttribute('lang', 'en');
    expect(within(fallback).getByText('Only in English.')).toHaveAttribute('lang', 'en');
    expect(screen.getByText('Rodoma 1–2 iš 2')).toBeInTheDocument();
  });

  it('pages through the items with previous and next', async () => {
    const requests = serveApi({
      '/api/catalog/items': catalogHandler(Array.from({ length: 12 }, (_, i) => makeItem({ title: { en: `Item ${i + 1}` } }))),
    });
    const { user, router } = renderApp('/catalog');

    expect(await screen.findByText('Showing 1–10 of 12')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Previous page' })).toBeDisabled();
    await user.click(screen.getByRole('button', { name: 'Next page' }));

    expect(await screen.findByText('Showing 11–12 of 12')).toBeInTheDocument();
    expect(screen.getByText('Item 11')).toBeInTheDocument();
    expect(screen.queryByText('Item 1')).not.toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Next page' })).toBeDisabled();
    expect(screen.getByText('Showing 11–12 of 12')).toHaveFocus();
    expect(router.state.location.search).toBe('?page=2');
    expect(itemRequests(requests).at(-1)?.searchParams.get('offset')).toBe('10');

    await user.click(screen.getByRole('button', { name: 'Previous page' }));
    expect(await screen.findByText('Showing 1–10 of 12')).toBeInTheDocument();
  });

  it('filters by type and language through the select boxes', async () => {
    const requests = serveApi({
      '/api/catalog/items': catalogHandler([
        makeItem({ title: { en: 'A course' }, kind: 'course' }),
        makeItem({ title: { en: 'A video in English' }, kind: 'video', languages: ['en'] }),
        makeItem({ title: { en: 'A video in both' }, kind: 'video', languages: ['en', 'lt'] }),
      ]),
    });
    const { user, router } = renderApp('/catalog');
    await screen.findByText('A course');

    await user.click(screen.getByRole('button', { name: /Type/ }));
    await user.click(await screen.findByRole('option', { name: 'Video' }));
    expect(await screen.findByText('Showing 1–2 of 2')).toBeInTheDocument();
    expect(screen.queryByText('A course')).not.toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: /Content language/ }));
    await user.click(await screen.findByRole('option', { name: 'Lithuanian' }));
    expect(await screen.findByText('Showing 1–1 of 1')).toBeInTheDocument();
    expect(screen.getByText('A video in both')).toBeInTheDocument();

    const last = itemRequests(requests).at(-1);
    expect(last?.searchParams.get('kind')).toBe('video');
    expect(last?.searchParams.get('language')).toBe('lt');
    expect(router.state.location.search).toBe('?kind=video&language=lt');
  });

  it('says so when nothing matches, and clears the filters on request', async () => {
    serveApi({ '/api/catalog/items': catalogHandler([makeItem({ title: { en: 'A course' }, kind: 'course' })]) });
    const { user } = renderApp('/catalog?kind=use_case');

    expect(await screen.findByRole('heading', { level: 2, name: 'No learning items match these filters.' })).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Clear filters' }));

    expect(await screen.findByText('A course')).toBeInTheDocument();
  });

  it('shows an accessible progress indicator while loading', async () => {
    serveApi({ '/api/catalog/items': () => new Promise<Response>(() => undefined) });
    renderApp('/catalog');

    expect(await screen.findByRole('progressbar', { name: 'Loading learning items…' })).toBeInTheDocument();
  });

  it('explains a failure by its problem type and loads again on retry', async () => {
    let fail = true;
    const items = catalogHandler([makeItem({ title: { en: 'Back again' } })]);
    serveApi({
      '/api/catalog/items': (url) => (fail ? problem(503, 'unavailable', 'Service unavailable') : items(url)),
    });
    const { user } = renderApp('/catalog');

    const alert = await screen.findByRole('alert');
    expect(within(alert).getByRole('heading', { name: 'The catalog could not be loaded' })).toBeInTheDocument();
    expect(alert).toHaveTextContent('The service is temporarily unavailable. Try again in a moment.');

    fail = false;
    await user.click(within(alert).getByRole('button', { name: 'Try again' }));
    expect(await screen.findByText('Back again')).toBeInTheDocument();
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });

  it.each([
    ['a validation problem', () => problem(422, 'validation', 'Invalid input'), 'The request was not valid. Clear the filters and try again.'],
    ['a gateway timeout', () => problem(504, 'upstream-timeout', 'Upstream timed out'), 'The service took too long to answer. Try again.'],
    ['an unknown problem type', () => problem(500, 'something-new', 'Odd'), 'Something went wrong on our side. Try again later.'],
    ['a bare proxy error', () => new Response('Bad Gateway', { status: 502 }), 'The service is temporarily unavailable. Try again in a moment.'],
  ])('translates %s into Lithuanian too', async (_, respond, english) => {
    serveApi({ '/api/catalog/items': respond });
    const first = renderApp('/catalog');
    expect(await screen.findByRole('alert')).toHaveTextContent(english);

    await first.user.click(screen.getByRole('radio', { name: 'Lietuvių' }));
    expect(screen.getByRole('alert')).not.toHaveTextContent(english);
    expect(screen.getByRole('alert')).toHaveTextContent('Katalogo įkelti nepavyko');
  });

  it('tells a network failure apart from a server answer', async () => {
    vi.stubGlobal('fetch', () => Promise.reject(new TypeError('Failed to fetch')));
    renderApp('/catalog');

    expect(await screen.findByRole('alert')).toHaveTextContent(
      'The server could not be reached. Check your connection and try again.',
    );
  });

  it('ignores a page number that is not one', async () => {
    const requests = serveApi({ '/api/catalog/items': () => json({ items: [], total: 0, limit: 10, offset: 0 }) });
    renderApp('/catalog?page=-3&kind=nonsense');

    await screen.findByRole('heading', { level: 2, name: 'No learning items match these filters.' });
    await waitFor(() => {
      expect(itemRequests(requests).at(-1)?.search).toBe('?limit=10&offset=0');
    });
  });
});
