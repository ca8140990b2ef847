import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';

import { json, problem, sentRequests, serveApi } from '@/testing/fake-api';
import { meHandlers, oidcProvider, signIn } from '@/testing/identity';
import { renderApp } from '@/testing/render-app';

import type { ItemChange, ItemDetail } from '../api/items';
import { EDITOR, ITEM_ID, OTHER_ITEM_ID, itemHandlers, makeItem, makeVersions, summaryOf } from '../testing/fake-catalog';

const PATH = `/api/catalog/items/${ITEM_ID}`;

function serve(item: ItemDetail, extra: Parameters<typeof serveApi>[0] = {}) {
  serveApi({ ...oidcProvider(), ...meHandlers(), ...itemHandlers(item), ...extra });
  signIn(EDITOR);
}

describe('editing an item', () => {
  it('translates side by side and saves a new version on top of the one it started from', { timeout: 30_000 }, async () => {
    serve(makeItem(), {
      'PUT /api/catalog/items/:id': async (_, request) => {
        const body = (await request.json()) as ItemChange;
        return json(makeItem({ version: 4, summary: body.summary }));
      },
    });
    const { user } = renderApp(`/editor/catalog/${ITEM_ID}`);

    const texts = await screen.findByRole('region', { name: 'Texts' });
    expect(within(texts).getByRole('textbox', { name: 'Summary (English)' })).toHaveValue('How to make one you can remember.');
    const lithuanian = within(texts).getByRole('textbox', { name: 'Summary (Lithuanian)' });
    expect(lithuanian).toHaveValue('');
    await user.click(lithuanian);
    await user.paste('Kaip susikurti įsimenamą.');
    await user.click(screen.getByRole('textbox', { name: 'Change note' }));
    await user.paste('Lithuanian summary');
    await user.click(screen.getByRole('button', { name: 'Save as a new version' }));

    expect(await screen.findByText('Saved: this is now version 4.')).toBeInTheDocument();
    const body = sentRequests('PUT', PATH)[0]?.body as ItemChange;
    expect(body).toMatchObject({
      base_version: 3,
      note: 'Lithuanian summary',
      summary: { en: 'How to make one you can remember.', lt: 'Kaip susikurti įsimenamą.' },
      competence_levels: [{ code: '4.1', level_min: 1, level_max: 2 }],
      duration_minutes: 10,
      cost_eur: '0.00',
    });
    expect(body).not.toHaveProperty('slug');
    // The next save builds on the version just written.
    expect(screen.getByRole('button', { name: 'Save as a new version' })).toBeDisabled();
    expect(screen.getByText(/You are changing version 4\./)).toBeInTheDocument();
  });

  it('tells the editor that someone else saved first (409), and reloads the newer version on request', async () => {
    let current = makeItem();
    serve(current, {
      'GET /api/catalog/items/:id': () => json(current),
      'PUT /api/catalog/items/:id': () => {
        current = makeItem({ version: 4, title: { en: 'Their newer title', lt: 'Jų naujesnis pavadinimas' } });
        return problem(409, 'conflict', 'Conflict', { detail: 'The item changed since version 3.' });
      },
    });
    const { user } = renderApp(`/editor/catalog/${ITEM_ID}`);

    await user.click(await screen.findByRole('textbox', { name: 'Summary (Lithuanian)' }));
    await user.paste('Mano santrauka');
    await user.click(screen.getByRole('button', { name: 'Save as a new version' }));

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Someone else saved this item while you were editing');
    expect(sentRequests('PUT', PATH)[0]?.body).toMatchObject({ base_version: 3 });
    expect(screen.queryByText(/Saved: this is now version/)).not.toBeInTheDocument();

    await user.click(within(alert).getByRole('button', { name: 'Reload the item' }));
    await waitFor(() => {
      expect(screen.getByRole('textbox', { name: 'Title (English)' })).toHaveValue('Their newer title');
    });
    expect(screen.getByRole('textbox', { name: 'Summary (Lithuanian)' })).toHaveValue('');
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });

  it('places the service’s validation errors next to their fields', async () => {
    serve(makeItem(), {
      'PUT /api/catalog/items/:id': () =>
        problem(422, 'validation', 'Invalid input', {
          errors: [
            { loc: ['body', 'summary', 'en'], msg: 'Value error, HTML tags are not allowed here; write plain text', type: 'value_error' },
            { loc: ['body', 'competence_levels', 0], msg: 'Value error, level_max must not be below level_min', type: 'value_error' },
            { loc: ['body', 'owner'], msg: 'Something the form does not show', type: 'value_error' },
          ],
        }),
    });
    const { user } = renderApp(`/editor/catalog/${ITEM_ID}`);

    await user.click(await screen.findByRole('textbox', { name: 'Summary (English)' }));
    await user.paste(' <script>');
    await user.click(screen.getByRole('button', { name: 'Save as a new version' }));

    expect(await screen.findByRole('alert')).toHaveTextContent('Check the fields marked below.');
    expect(screen.getByRole('textbox', { name: 'Summary (English)' })).toHaveAccessibleDescription('Write plain text here: HTML tags are not allowed.');
    expect(screen.getByRole('button', { name: /To level \(competence 1\)/ }).closest('.select-field')).toHaveTextContent(
      'The highest level must not be below the lowest.',
    );
    expect(screen.getByText('Something the form does not show')).toBeInTheDocument();
  });

  it('submits a draft for review and then publishes it', async () => {
    let current = makeItem({ summary: { en: 'Done.', lt: 'Atlikta.' } });
    const step = (status: ItemDetail['status']) => () => {
      current = { ...current, status, version: current.version + 1, published_at: status === 'published' ? '2026-12-01T10:00:00Z' : null };
      return json(current);
    };
    serve(current, {
      'GET /api/catalog/items/:id': () => json(current),
      'GET /api/catalog/items/:id/versions': () => json(makeVersions(current)),
      'POST /api/catalog/items/:id/submit': step('in_review'),
      'POST /api/catalog/items/:id/publish': step('published'),
    });
    const { user } = renderApp(`/editor/catalog/${ITEM_ID}`);

    const workflow = await screen.findByRole('region', { name: 'Review and publishing' });
    expect(workflow).toHaveTextContent('Version 3 is Draft.');
    await user.click(within(workflow).getByRole('button', { name: 'Submit for review' }));
    expect(await within(workflow).findByText('Submitted for review.')).toBeInTheDocument();
    expect(sentRequests('POST', `${PATH}/submit`)[0]?.body).toEqual({ base_version: 3 });
    expect(workflow).toHaveTextContent('Version 4 is In review.');

    await user.click(within(workflow).getByRole('button', { name: 'Publish' }));
    expect(await within(workflow).findByText('Published: learners can find it now.')).toBeInTheDocument();
    expect(sentRequests('POST', `${PATH}/publish`)[0]?.body).toEqual({ base_version: 4 });
    expect(workflow).toHaveTextContent('Version 5 is Published.');
    expect(within(workflow).queryByRole('button', { name: 'Publish' })).not.toBeInTheDocument();
  });

  it('keeps the editor from submitting unsaved changes', async () => {
    serve(makeItem());
    const { user } = renderApp(`/editor/catalog/${ITEM_ID}`);

    await user.click(await screen.findByRole('textbox', { name: 'Summary (Lithuanian)' }));
    await user.paste('Naujas');
    const workflow = screen.getByRole('region', { name: 'Review and publishing' });
    expect(within(workflow).getByRole('button', { name: 'Submit for review' })).toBeDisabled();
    expect(workflow).toHaveTextContent('Save your changes before you submit or publish.');
  });

  it('sends an item in review back with a note, which its authors then see', async () => {
    let current = makeItem({ status: 'in_review', version: 4 });
    let versions = makeVersions(current, { 4: 'in_review' });
    serve(current, {
      'GET /api/catalog/items/:id': () => json(current),
      'GET /api/catalog/items/:id/versions': () => json(versions),
      'POST /api/catalog/items/:id/request-changes': async (_, request) => {
        const { note } = (await request.json()) as { note: string };
        current = { ...current, status: 'draft', version: 5 };
        versions = makeVersions(current, { 4: 'in_review' }, { 5: note });
        return json(current);
      },
    });
    const { user } = renderApp(`/editor/catalog/${ITEM_ID}`);

    const workflow = await screen.findByRole('region', { name: 'Review and publishing' });
    await user.click(within(workflow).getByRole('button', { name: 'Request changes…' }));
    const dialog = await screen.findByRole('dialog', { name: 'Request changes' });
    await user.click(within(dialog).getByRole('button', { name: 'Send back to draft' }));
    // The note is required: nothing is sent without it.
    expect(sentRequests('POST', `${PATH}/request-changes`)).toEqual([]);
    await user.type(within(dialog).getByRole('textbox', { name: 'What should change' }), 'Add the Lithuanian body.');
    await user.click(within(dialog).getByRole('button', { name: 'Send back to draft' }));

    expect(await within(workflow).findByText('Sent back to draft with your note.')).toBeInTheDocument();
    expect(sentRequests('POST', `${PATH}/request-changes`)[0]?.body).toEqual({ base_version: 4, note: 'Add the Lithuanian body.' });
    expect(await within(workflow).findByText('Add the Lithuanian body.')).toBeInTheDocument();
    expect(workflow).toHaveTextContent('A reviewer asked for changes:');
  });

  it('asks before retiring, and then the item can no longer change', async () => {
    let current = makeItem({ status: 'published', version: 5, published_at: '2026-11-30T10:00:00Z' });
    serve(current, {
      'GET /api/catalog/items/:id': () => json(current),
      'POST /api/catalog/items/:id/retire': () => {
        current = { ...current, status: 'retired', version: 6 };
        return json(current);
      },
    });
    const { user } = renderApp(`/editor/catalog/${ITEM_ID}`);

    const workflow = await screen.findByRole('region', { name: 'Review and publishing' });
    await user.click(within(workflow).getByRole('button', { name: 'Retire…' }));
    const dialog = await screen.findByRole('alertdialog', { name: 'Retire “Strong passwords”?' });
    await user.click(within(dialog).getByRole('button', { name: 'Retire the item' }));

    expect(await within(workflow).findByText('Retired: learners no longer find it.')).toBeInTheDocument();
    expect(screen.getByText(/This item is retired: it can no longer change/)).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Save as a new version' })).not.toBeInTheDocument();
  });

  it('explains that a step needs the missing texts first (422)', async () => {
    serve(makeItem(), {
      'POST /api/catalog/items/:id/submit': () =>
        problem(422, 'validation', 'Invalid input', { detail: 'The item needs these texts first: summary (lt).' }),
    });
    const { user } = renderApp(`/editor/catalog/${ITEM_ID}`);

    const workflow = await screen.findByRole('region', { name: 'Review and publishing' });
    await user.click(within(workflow).getByRole('button', { name: 'Submit for review' }));
    const alert = await within(workflow).findByRole('alert');
    expect(alert).toHaveTextContent('The item needs its title and summary in English and Lithuanian first.');
    expect(within(alert).getByText('The item needs these texts first: summary (lt).')).toHaveAttribute('lang', 'en');
  });

  it('lists the version history, newest first, each version linked', async () => {
    const item = makeItem();
    serve(item, { 'GET /api/catalog/items/:id/versions': () => json(makeVersions(item, {}, { 2: 'Fixed a typo' })) });
    renderApp(`/editor/catalog/${ITEM_ID}`);

    const table = await screen.findByRole('table', { name: 'Versions of this item, newest first' });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows.map((row) => within(row).getByRole('link').textContent)).toEqual(['Version 3', 'Version 2', 'Version 1']);
    expect(rows[1]).toHaveTextContent('Fixed a typo');
    expect(rows[2]).toHaveTextContent('You');
    expect(within(rows[0] as HTMLElement).getByRole('link')).toHaveAttribute('href', `/editor/catalog/${ITEM_ID}/versions/3`);
  });

  it('adds a prerequisite found by a search of published items, and removes one', async () => {
    const other = makeItem({ id: OTHER_ITEM_ID, slug: 'locking', title: { en: 'Locking your screen', lt: 'Ekrano užrakinimas' }, status: 'published' });
    const item = makeItem();
    serve(item, {
      'GET /api/catalog/items/:id': (_, __, params) => json(params.id === OTHER_ITEM_ID ? other : item),
      'GET /api/catalog/search': (url) =>
        json({
          items: url.searchParams.get('q') === 'lock' ? [{ ...summaryOf(other), has_upcoming_session: false, score: 1 }] : [],
          next_cursor: null,
          total: 1,
          facets: {},
        }),
      'PUT /api/catalog/items/:id': () => json(makeItem({ version: 4, prerequisites: [OTHER_ITEM_ID] })),
    });
    const { user } = renderApp(`/editor/catalog/${ITEM_ID}`);

    const section = await screen.findByRole('region', { name: 'What to do first' });
    expect(section).toHaveTextContent('Nothing to do first.');
    await user.type(within(section).getByRole('combobox', { name: 'Add an item to do first' }), 'lock');
    await user.click(await screen.findByRole('option', { name: 'Locking your screen' }));
    // The list box's popover hides the rest of the page from screen readers until it has closed.
    expect(await within(section).findByRole('button', { name: 'Remove Locking your screen' })).toBeInTheDocument();
    expect(within(section).getByRole('combobox', { name: 'Add an item to do first' })).toHaveValue('');
    expect(within(section).getByRole('combobox', { name: 'Add an item to do first' })).toHaveFocus();

    await user.click(screen.getByRole('button', { name: 'Save as a new version' }));
    expect(await screen.findByText('Saved: this is now version 4.')).toBeInTheDocument();
    expect(sentRequests('PUT', PATH)[0]?.body).toMatchObject({ prerequisites: [OTHER_ITEM_ID] });

    await user.click(within(section).getByRole('button', { name: 'Remove Locking your screen' }));
    expect(section).toHaveTextContent('Nothing to do first.');
    expect(within(section).getByRole('combobox', { name: 'Add an item to do first' })).toHaveFocus();
  });

  it('says when the item cannot be loaded', async () => {
    serve(makeItem(), { 'GET /api/catalog/items/:id': () => problem(404, 'not-found', 'Not found') });
    renderApp(`/editor/catalog/${ITEM_ID}`);

    expect(await screen.findByRole('alert')).toHaveTextContent('The item could not be loaded');
  });
});
