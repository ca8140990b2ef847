import { screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';

import { json, problem, sentRequests, serveApi } from '@/testing/fake-api';
import { makeFramework } from '@/testing/framework';
import { meHandlers, oidcProvider, signIn } from '@/testing/identity';
import { renderApp } from '@/testing/render-app';

import { EDITOR, OTHER_MINISTRY_ID, listHandler, makeItem, summaryOf } from '../testing/fake-catalog';

const LIST = '/api/catalog/items';

function items(count: number) {
  return Array.from({ length: count }, (_, i) =>
    summaryOf(
      makeItem({
        id: `cccccccc-0000-4000-8000-${String(100 + i).padStart(12, '0')}`,
        title: { en: `Lesson ${String(i + 1)}`, lt: `Pamoka ${String(i + 1)}` },
        status: i % 2 === 0 ? 'draft' : 'published',
      }),
    ),
  );
}

function serve(all = items(3), extra: Parameters<typeof serveApi>[0] = {}) {
  serveApi({
    ...oidcProvider(),
    ...meHandlers(),
    'GET /api/assessment/frameworks/digcomp-2.2': () => json(makeFramework()),
    [`GET ${LIST}`]: listHandler(all),
    ...extra,
  });
  signIn(EDITOR);
}

// jsdom has no object URLs: the download's blob is caught here instead.
const objectUrls: Partial<Record<string, PropertyDescriptor>> = Object.getOwnPropertyDescriptors(URL);
afterEach(() => {
  for (const name of ['createObjectURL', 'revokeObjectURL'] as const) {
    const original = objectUrls[name];
    if (original) Object.defineProperty(URL, name, original);
    else Reflect.deleteProperty(URL, name);
  }
});

describe('the catalog editor’s list', () => {
  it('lists items of every status, shows which texts are missing, and filters by status in the URL', async () => {
    serve();
    const { user, router } = renderApp('/editor/catalog');

    const table = await screen.findByRole('table', { name: 'Learning items' });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows).toHaveLength(3);
    expect(within(rows[0] as HTMLElement).getByRole('link', { name: 'Lesson 1' })).toHaveAttribute(
      'href',
      '/editor/catalog/cccccccc-0000-4000-8000-000000000100',
    );
    expect(rows[0]).toHaveTextContent('Draft');
    expect(rows[1]).toHaveTextContent('Published');
    expect(rows[0]).toHaveTextContent('4.1 (levels 1–2)');
    // The Lithuanian summary is missing: it cannot be published yet.
    expect(within(rows[0] as HTMLElement).getByText('LT missing')).toBeInTheDocument();
    expect(sentRequests('GET', LIST)[0]?.url.searchParams.getAll('status')).toEqual(['draft', 'in_review', 'published', 'retired']);

    await user.click(screen.getByRole('button', { name: /Status/ }));
    await user.click(await screen.findByRole('option', { name: 'Published' }));

    await waitFor(() => {
      expect(within(screen.getByRole('table', { name: 'Learning items' })).getAllByRole('row')).toHaveLength(2);
    });
    expect(router.state.location.search).toBe('?status=published');
    expect(sentRequests('GET', LIST).at(-1)?.url.searchParams.getAll('status')).toEqual(['published']);
  });

  it('searches the texts in any language, diacritics ignored, and keeps the search in the URL', async () => {
    serve([
      summaryOf(makeItem({ id: 'cccccccc-0000-4000-8000-000000000201', title: { en: 'Strong passwords', lt: 'Saugūs slaptažodžiai' } })),
      summaryOf(makeItem({ id: 'cccccccc-0000-4000-8000-000000000202', title: { en: 'Spotting phishing', lt: 'Sukčiavimo laiškai' }, summary: { en: 'Fake e-mails.' } })),
    ]);
    const { user, router } = renderApp('/editor/catalog?status=draft');

    await screen.findByRole('link', { name: 'Spotting phishing' });
    const search = screen.getByRole('searchbox', { name: 'Text in the item, or its id' });
    await user.type(search, 'slaptazodziai{Enter}');

    await waitFor(() => {
      expect(screen.queryByRole('link', { name: 'Spotting phishing' })).not.toBeInTheDocument();
    });
    expect(screen.getByRole('link', { name: 'Strong passwords' })).toBeInTheDocument();
    expect(new URLSearchParams(router.state.location.search).get('q')).toBe('slaptazodziai');
    expect(new URLSearchParams(router.state.location.search).get('status')).toBe('draft');
    expect(sentRequests('GET', LIST).at(-1)?.url.searchParams.get('q')).toBe('slaptazodziai');

    await user.clear(search);
    await user.type(search, 'no such words');
    await user.click(screen.getByRole('button', { name: 'Search' }));
    expect(await screen.findByRole('heading', { name: 'No items match these filters.' })).toBeInTheDocument();
  });

  it('starts from a search in the URL', async () => {
    serve([
      summaryOf(makeItem({ id: 'cccccccc-0000-4000-8000-000000000211', slug: 'strong-passwords', external_id: 'vrm-017' })),
      summaryOf(makeItem({ id: 'cccccccc-0000-4000-8000-000000000212', slug: 'phishing', title: { en: 'Spotting phishing' } })),
    ]);
    renderApp('/editor/catalog?q=VRM-017');

    const table = await screen.findByRole('table', { name: 'Learning items' });
    expect(within(table).getAllByRole('row')).toHaveLength(2);
    expect(within(table).getByRole('link', { name: 'Strong passwords' })).toBeInTheDocument();
    expect(screen.getByRole('searchbox', { name: 'Text in the item, or its id' })).toHaveValue('VRM-017');
  });

  it('lists only the items this editor may change, not other ministries’ public ones', async () => {
    serve([
      summaryOf(makeItem({ id: 'cccccccc-0000-4000-8000-000000000221', title: { en: 'Our lesson' }, status: 'published', owner_org_id: null })),
      summaryOf(
        makeItem({ id: 'cccccccc-0000-4000-8000-000000000222', title: { en: 'Their lesson' }, status: 'published', owner_org_id: OTHER_MINISTRY_ID }),
      ),
    ]);
    renderApp('/editor/catalog');

    const table = await screen.findByRole('table', { name: 'Learning items' });
    expect(within(table).getByRole('link', { name: 'Our lesson' })).toBeInTheDocument();
    expect(within(table).queryByRole('link', { name: 'Their lesson' })).not.toBeInTheDocument();
    expect(sentRequests('GET', LIST)[0]?.url.searchParams.get('editable')).toBe('true');
  });

  it('pages through many items', async () => {
    serve(items(45).map((item) => ({ ...item, status: 'draft' as const })));
    const { user, router } = renderApp('/editor/catalog');

    expect(await screen.findByText('Showing 1–20 of 45')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Next page' }));
    expect(await screen.findByText('Showing 21–40 of 45')).toBeInTheDocument();
    expect(router.state.location.search).toBe('?page=2');
    expect(sentRequests('GET', LIST).at(-1)?.url.searchParams.get('offset')).toBe('20');
  });

  it('shows the review queue: only items in review', async () => {
    serve([...items(2), summaryOf(makeItem({ title: { en: 'Waiting', lt: 'Laukia' }, status: 'in_review' }))]);
    renderApp('/editor/catalog/review');

    const table = await screen.findByRole('table', { name: 'Review queue' });
    expect(within(table).getAllByRole('row')).toHaveLength(2);
    expect(within(table).getByRole('link', { name: 'Waiting' })).toBeInTheDocument();
    expect(sentRequests('GET', LIST)[0]?.url.searchParams.getAll('status')).toEqual(['in_review']);
    expect(screen.queryByRole('button', { name: /Status/ })).not.toBeInTheDocument();
  });

  it('says so when the queue is empty, and when nothing is in the catalog yet', async () => {
    serve([]);
    const { router } = renderApp('/editor/catalog/review');
    expect(await screen.findByRole('heading', { name: 'No item is waiting for review.' })).toBeInTheDocument();

    await router.navigate('/editor/catalog');
    expect(await screen.findByRole('heading', { name: /The catalog has no items yet/ })).toBeInTheDocument();
  });

  it('downloads the export as a CSV file, with the status filter applied', async () => {
    const created: Blob[] = [];
    URL.createObjectURL = (blob: Blob) => {
      created.push(blob);
      return 'blob:csv';
    };
    URL.revokeObjectURL = () => undefined;
    serve(items(2), {
      'GET /api/catalog/exports/items.csv': () =>
        new Response('\uFEFFexternal_id,kind\r\nvrm-001,course\r\n', { headers: { 'Content-Type': 'text/csv; charset=utf-8' } }),
    });
    const { user } = renderApp('/editor/catalog?status=draft');

    await screen.findByRole('table', { name: 'Learning items' });
    await user.click(screen.getByRole('button', { name: 'Export CSV' }));

    expect(await screen.findByText('The CSV file was downloaded.')).toBeInTheDocument();
    expect(sentRequests('GET', '/api/catalog/exports/items.csv')[0]?.url.searchParams.get('status')).toBe('draft');
    expect(await created[0]?.text()).toContain('vrm-001,course');
  });

  it('says when the export fails', async () => {
    serve(items(1), { 'GET /api/catalog/exports/items.csv': () => problem(403, 'forbidden', 'Forbidden') });
    const { user } = renderApp('/editor/catalog');

    await screen.findByRole('table', { name: 'Learning items' });
    await user.click(screen.getByRole('button', { name: 'Export CSV' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('The CSV file could not be made');
  });
});
