import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';

import { json, sentRequests, serveApi } from '@/testing/fake-api';
import { makeFramework } from '@/testing/framework';
import { meHandlers, oidcProvider, signIn } from '@/testing/identity';
import { renderApp } from '@/testing/render-app';

import type { ItemCreate, ItemDetail, ItemDocument } from '../api/items';
import { EDITOR, ITEM_ID, makeDetail, makeVersion } from '../testing/fake-items';

describe('writing a new item', () => {
  it('sends the whole document in both languages and opens the new draft version 1', { timeout: 60_000 }, async () => {
    let created: ItemDetail | undefined;
    serveApi({
      ...oidcProvider(),
      ...meHandlers(),
      'GET /api/assessment/frameworks/digcomp-2.2': () => json(makeFramework()),
      'POST /api/assessment/items': async (_, request) => {
        const document: Partial<ItemCreate> = (await request.json()) as ItemCreate;
        delete document.framework;
        created = makeDetail(makeVersion({ version: 1, document: document as ItemDocument, languages: ['en'] }));
        return json(created, 201);
      },
      'GET /api/assessment/items/:id': () => json(created),
      'GET /api/assessment/items/:id/versions': () => json(created ? [created.head] : []),
    });
    signIn(EDITOR);
    const { user, router } = renderApp('/editor/items/new');

    const measures = await screen.findByRole('region', { name: 'What the item measures' });
    await user.click(within(measures).getByRole('textbox', { name: 'Key' }));
    await user.paste('c1-1-search-terms');
    await user.click(within(measures).getByRole('button', { name: /Competence/ }));
    await user.click(await screen.findByRole('option', { name: '1.1 Browsing and searching' }));
    await user.click(within(measures).getByRole('button', { name: /Level/ }));
    await user.click(await screen.findByRole('option', { name: '2 – Level 2 name' }));

    const question = screen.getByRole('region', { name: 'Question' });
    await user.click(within(question).getByRole('textbox', { name: 'Question (English)' }));
    await user.paste('Which words find the form fastest?');
    await user.click(within(question).getByRole('textbox', { name: 'Question (Lithuanian)' }));
    await user.paste('Kurie žodžiai greičiausiai randa formą?');

    const options = screen.getByRole('region', { name: 'Options' });
    for (const [name, text] of [
      ['Option A (English)', 'Form name'],
      ['Option A (Lithuanian)', 'Formos pavadinimas'],
      ['Option B (English)', 'Help'],
      ['Option B (Lithuanian)', 'Pagalba'],
    ] as const) {
      await user.click(within(options).getByRole('textbox', { name }));
      await user.paste(text);
    }
    await user.click(within(options).getByRole('button', { name: 'Add an option' }));
    expect(within(options).getByRole('textbox', { name: 'Option C (English)' })).toHaveValue('');
    await user.click(within(options).getByRole('button', { name: 'Remove Option C' }));
    expect(within(options).queryByRole('textbox', { name: 'Option C (English)' })).not.toBeInTheDocument();
    await user.click(within(options).getByRole('button', { name: 'Move Option B up' }));
    expect(screen.getByText('Option B is now in position 1.')).toBeInTheDocument();

    await user.click(within(screen.getByRole('region', { name: 'Answer key' })).getByRole('radio', { name: 'A: Form name' }));
    await user.click(screen.getByRole('textbox', { name: 'Explanation (English)' }));
    await user.paste('The form’s own name is the most specific term.');
    expect(within(screen.getByRole('region', { name: 'Languages' })).getByText('Lithuanian: incomplete (texts to write: 1)')).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Save the draft' }));

    expect(await screen.findByText('Saved: this is now version 1.')).toBeInTheDocument();
    expect(router.state.location.pathname).toBe(`/editor/items/${ITEM_ID}`);
    expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument();
    expect(sentRequests('POST', '/api/assessment/items')[0]?.body).toEqual({
      framework: 'digcomp-2.2',
      key: 'c1-1-search-terms',
      competence: '1.1',
      level: 2,
      type: 'single_choice',
      stem: { en: 'Which words find the form fastest?', lt: 'Kurie žodžiai greičiausiai randa formą?' },
      options: [
        { key: 'b', text: { en: 'Help', lt: 'Pagalba' } },
        { key: 'a', text: { en: 'Form name', lt: 'Formos pavadinimas' } },
      ],
      answer: 'a',
      explanation: { en: 'The form’s own name is the most specific term.' },
      pretest: false,
    });
  });
});
