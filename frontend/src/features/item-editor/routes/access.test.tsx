import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';

import { page, sentRequests, serveApi } from '@/testing/fake-api';
import { meHandlers, oidcProvider, signIn } from '@/testing/identity';
import { renderApp } from '@/testing/render-app';

import { EDITOR, ITEM_ID, itemHandlers, makeDetail, summaryOf } from '../testing/fake-items';

function serve() {
  const detail = makeDetail();
  serveApi({ ...oidcProvider(), ...meHandlers(), ...itemHandlers(detail), 'GET /api/assessment/items': () => page([summaryOf(detail)]) });
}

describe('who may use the item bank', () => {
  it.each(['/editor/items', `/editor/items/${ITEM_ID}`, '/editor/items/new'])('keeps a learner out of %s', async (path) => {
    serve();
    signIn({ roles: ['learner'] });
    renderApp(path);

    expect(await screen.findByRole('heading', { level: 1, name: 'Item bank: for content editors' })).toBeInTheDocument();
    expect(screen.getByText(/Only content editors and platform administrators/)).toBeInTheDocument();
    expect(sentRequests().filter((r) => r.url.pathname.startsWith('/api/assessment/items'))).toEqual([]);
    expect(screen.queryByRole('link', { name: 'Item bank' })).not.toBeInTheDocument();
  });

  it('offers the item bank in the main navigation to content editors', async () => {
    serve();
    signIn(EDITOR);
    renderApp('/editor/items');

    expect(await screen.findByRole('heading', { level: 1, name: 'Item bank' })).toBeInTheDocument();
    const nav = screen.getByRole('navigation', { name: 'Main' });
    expect(within(nav).getByRole('link', { name: 'Item bank' })).toHaveAttribute('href', '/editor/items');
  });

  it('lets a platform administrator in', async () => {
    serve();
    signIn({ roles: ['platform_admin'] });
    renderApp('/editor/items');

    expect(await screen.findByRole('table', { name: 'Items of the bank' })).toBeInTheDocument();
  });
});
