import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';

import { page, sentRequests, serveApi } from '@/testing/fake-api';
import { meHandlers, oidcProvider, signIn } from '@/testing/identity';
import { renderApp } from '@/testing/render-app';

import { EDITOR, ITEM_ID, itemHandlers, makeItem, summaryOf } from '../testing/fake-catalog';

function serve() {
  const item = makeItem();
  serveApi({ ...oidcProvider(), ...meHandlers(), ...itemHandlers(item), 'GET /api/catalog/items': () => page([summaryOf(item)]) });
}

describe('who may use the catalog editor', () => {
  it.each(['/editor/catalog', `/editor/catalog/${ITEM_ID}`, '/editor/catalog/new', '/editor/catalog/import'])(
    'keeps a learner out of %s',
    async (path) => {
      serve();
      signIn({ roles: ['learner'] });
      renderApp(path);

      expect(await screen.findByRole('heading', { level: 1, name: 'Catalog editor: for content editors' })).toBeInTheDocument();
      expect(sentRequests().filter((r) => r.url.pathname.startsWith('/api/catalog/'))).toEqual([]);
      expect(screen.queryByRole('link', { name: 'Catalog editor' })).not.toBeInTheDocument();
    },
  );

  it('offers the catalog editor in the main navigation to content editors', async () => {
    serve();
    signIn(EDITOR);
    renderApp('/editor/catalog');

    expect(await screen.findByRole('heading', { level: 1, name: 'Catalog editor' })).toBeInTheDocument();
    const nav = screen.getByRole('navigation', { name: 'Main' });
    expect(within(nav).getByRole('link', { name: 'Catalog editor' })).toHaveAttribute('href', '/editor/catalog');
  });

  it('lets a platform administrator in', async () => {
    serve();
    signIn({ roles: ['platform_admin'] });
    renderApp('/editor/catalog');

    expect(await screen.findByRole('table', { name: 'Learning items' })).toBeInTheDocument();
  });
});
