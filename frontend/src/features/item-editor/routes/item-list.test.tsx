import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';

import { json, page, sentRequests, serveApi } from '@/testing/fake-api';
import { makeFramework } from '@/testing/framework';
import { meHandlers, oidcProvider, signIn } from '@/testing/identity';
import { renderApp } from '@/testing/render-app';

import { EDITOR, makeDetail, makeDocument, makeVersion, summaryOf } from '../testing/fake-items';

function lastListQuery() {
  return Object.fromEntries(sentRequests('GET', '/api/assessment/items').at(-1)?.url.searchParams ?? []);
}

const complete = summaryOf(
  makeDetail(makeVersion({ languages: ['en', 'lt'], document: makeDocument({ key: 'c1-1-search-terms', competence: '1.1' }) }), {
    id: 'cccccccc-0000-4000-8000-000000000002',
  }),
);
const englishOnly = summaryOf(makeDetail(makeVersion({ languages: ['en'], status: 'in_review' })));

function serve() {
  serveApi({
    ...oidcProvider(),
    ...meHandlers(),
    'GET /api/assessment/frameworks/digcomp-2.2': () => json(makeFramework()),
    'GET /api/assessment/items': (url) => {
      const status = url.searchParams.get('status');
      const items = [complete, englishOnly].filter((item) => !status || item.status === status);
      return page(items);
    },
  });
  signIn(EDITOR);
}

describe('the item bank list', () => {
  it('shows each item with its languages, and marks a missing Lithuanian version plainly', async () => {
    serve();
    renderApp('/editor/items');

    const table = await screen.findByRole('table', { name: 'Items of the bank' });
    const rows = within(table).getAllByRole('row');
    expect(rows.map((row) => [...row.querySelectorAll('th, td')].map((cell) => cell.textContent))).toEqual([
      ['Key', 'Competence', 'Level', 'Type', 'Status', 'Languages'],
      ['c1-1-search-terms', '1.1 Browsing and searching', '3', 'Single choice', 'Draft', 'ENLT'],
      [
        'c4-2-phishing-invoice',
        '4.2 Protecting personal data',
        '3',
        'Single choice',
        'In review',
        'ENLT missing (not complete in Lithuanian: learners in this language are not served it)',
      ],
    ]);
    expect(within(rows[1] as HTMLElement).queryByText(/missing/)).not.toBeInTheDocument();
    expect(within(table).getByRole('link', { name: 'c4-2-phishing-invoice' })).toHaveAttribute('href', `/editor/items/${englishOnly.id}`);
    expect(screen.getByRole('link', { name: 'New item' })).toHaveAttribute('href', '/editor/items/new');
  });

  // Four listbox choices and typing in a whole-app render: slower than most.
  it('sends the chosen filters and the search text to the API, and keeps them in the address', { timeout: 45_000 }, async () => {
    serve();
    const { user, router } = renderApp('/editor/items');
    await screen.findByRole('table', { name: 'Items of the bank' });
    expect(lastListQuery()).toEqual({ limit: '20', offset: '0' });

    await user.click(screen.getByRole('button', { name: /Status/ }));
    await user.click(await screen.findByRole('option', { name: 'In review' }));
    await user.click(screen.getByRole('button', { name: /Competence/ }));
    await user.click(await screen.findByRole('option', { name: '4.2 Protecting personal data' }));
    await user.click(screen.getByRole('button', { name: /Type/ }));
    await user.click(await screen.findByRole('option', { name: 'Scenario' }));
    await user.click(screen.getByRole('button', { name: /Level/ }));
    await user.click(await screen.findByRole('option', { name: '3' }));
    await user.click(screen.getByRole('button', { name: /Complete in/ }));
    await user.click(await screen.findByRole('option', { name: 'Lithuanian' }));
    await user.type(screen.getByRole('searchbox', { name: 'Text in the question, or the key' }), 'invoice{Enter}');

    await waitFor(() => {
      expect(lastListQuery()).toMatchObject({ q: 'invoice' });
    });
    expect(lastListQuery()).toEqual({
      status: 'in_review',
      competence: '4.2',
      type: 'scenario',
      level: '3',
      language: 'lt',
      q: 'invoice',
      limit: '20',
      offset: '0',
    });
    expect(Object.fromEntries(new URLSearchParams(router.state.location.search))).toEqual({
      status: 'in_review',
      competence: '4.2',
      type: 'scenario',
      level: '3',
      language: 'lt',
      q: 'invoice',
    });
  });

  it('lists only the versions in review in the review queue', async () => {
    serve();
    renderApp('/editor/items/review');

    const table = await screen.findByRole('table', { name: 'Review queue' });
    expect(lastListQuery()).toMatchObject({ status: 'in_review' });
    expect(within(table).getAllByRole('row')).toHaveLength(2);
    expect(within(table).getByRole('rowheader', { name: 'c4-2-phishing-invoice' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /Status/ })).not.toBeInTheDocument();
    expect(screen.getByRole('heading', { level: 1, name: 'Review queue' })).toBeInTheDocument();
  });
});
