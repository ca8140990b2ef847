import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';

import { json, problem, sentRequests, serveApi } from '@/testing/fake-api';
import { PERSON_ID, meHandlers, oidcProvider, signIn } from '@/testing/identity';
import { renderApp } from '@/testing/render-app';

import type { ItemChange, ItemDetail, ItemDocument } from '../api/items';
import { EDITOR, ITEM_ID, OTHER_EDITOR, itemHandlers, makeDetail, makeDocument, makeVersion } from '../testing/fake-items';

const PATH = `/api/assessment/items/${ITEM_ID}`;

function serve(detail: ItemDetail, extra: Parameters<typeof serveApi>[0] = {}) {
  serveApi({ ...oidcProvider(), ...meHandlers(), ...itemHandlers(detail), ...extra });
  signIn(EDITOR);
}

describe('editing an item', () => {
  it('edits every text side by side and saves a new version on top of the one it started from', { timeout: 45_000 }, async () => {
    const detail = makeDetail();
    serve(detail, {
      'PUT /api/assessment/items/:id': async (_, request) => {
        const body = (await request.json()) as ItemChange;
        const document: Partial<ItemChange> = { ...body };
        delete document.base_version;
        delete document.note;
        return json(makeDetail(makeVersion({ version: 4, document: document as ItemDocument, languages: ['en', 'lt'], note: body.note ?? null })));
      },
    });
    const { user } = renderApp(`/editor/items/${ITEM_ID}`);

    // Queries are kept within a section of the form: role queries over the whole long form are slow in jsdom.
    const question = await screen.findByRole('region', { name: 'Question' });
    const options = screen.getByRole('region', { name: 'Options' });
    const english = within(question).getByRole('textbox', { name: 'Question (English)' });
    const lithuanian = within(question).getByRole('textbox', { name: 'Question (Lithuanian)' });
    expect(english).toHaveValue('Which sign shows that this e-mail is not from the Registry?');
    expect(lithuanian).toHaveValue('');
    expect(within(options).getByRole('textbox', { name: 'Option A (Lithuanian)' })).toHaveValue('Siuntėjo domenas');
    const languages = screen.getByRole('region', { name: 'Languages' });
    expect(within(languages).getByText('English: complete')).toBeInTheDocument();
    expect(within(languages).getByText('Lithuanian: incomplete (texts to write: 1)')).toBeInTheDocument();

    // Pasted rather than typed key by key: the whole form re-renders per key, which jsdom makes slow.
    await user.click(lithuanian);
    await user.paste('Kuris požymis rodo, kad laiškas ne iš Registrų centro?');
    await user.type(within(options).getByRole('textbox', { name: 'Option B (English)' }), ' (polite)');
    await user.click(screen.getByLabelText('Change note'));
    await user.paste('Lithuanian question');
    expect(within(languages).getByText('Lithuanian: complete')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Save as a new version' }));

    expect(await screen.findByText('Saved: this is now version 4.')).toBeInTheDocument();
    const puts = sentRequests('PUT', PATH);
    expect(puts).toHaveLength(1);
    expect(puts[0]?.body).toEqual({
      key: 'c4-2-phishing-invoice',
      competence: '4.2',
      level: 3,
      type: 'single_choice',
      stem: {
        en: 'Which sign shows that this e-mail is not from the Registry?',
        lt: 'Kuris požymis rodo, kad laiškas ne iš Registrų centro?',
      },
      options: [
        { key: 'a', text: { en: 'The sender’s domain', lt: 'Siuntėjo domenas' } },
        { key: 'b', text: { en: 'The greeting (polite)', lt: 'Pasisveikinimas' } },
      ],
      answer: 'a',
      explanation: { en: 'Only the domain tells who sent it.', lt: 'Tik domenas parodo, kas siuntė.' },
      pretest: false,
      params: { a: 1.4, b: -0.9, c: 0.25 },
      base_version: 3,
      note: 'Lithuanian question',
    });
    // The next save builds on the version just written.
    expect(screen.getByRole('button', { name: 'Save as a new version' })).toBeDisabled();
    expect(screen.getByText('You are changing version 4. Saving keeps it and makes a new draft version.')).toBeInTheDocument();
  });

  it('tells the editor that someone else saved first, and reloads the newer version on request', async () => {
    let current = makeDetail();
    serveApi({
      ...oidcProvider(),
      ...meHandlers(),
      ...itemHandlers(current),
      'GET /api/assessment/items/:id': () => json(current),
      'PUT /api/assessment/items/:id': () => {
        // Another editor's version 4 landed meanwhile.
        current = makeDetail(
          makeVersion({ version: 4, author: OTHER_EDITOR, document: makeDocument({ stem: { en: 'Their newer question?' } }) }),
        );
        return problem(409, 'conflict', 'Conflict', { detail: 'The item changed since version 3.' });
      },
    });
    signIn(EDITOR);
    const { user } = renderApp(`/editor/items/${ITEM_ID}`);

    await user.click(await screen.findByRole('textbox', { name: 'Question (Lithuanian)' }));
    await user.paste('Mano klausimas?');
    await user.click(screen.getByRole('button', { name: 'Save as a new version' }));

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Someone else saved this item while you were editing');
    expect(alert).toHaveTextContent('Another editor saved a newer version, so yours was not saved.');
    expect(sentRequests('PUT', PATH)[0]?.body).toMatchObject({ base_version: 3 });
    expect(screen.queryByText(/Saved: this is now version/)).not.toBeInTheDocument();

    await user.click(within(alert).getByRole('button', { name: 'Reload the item' }));
    await waitFor(() => {
      expect(screen.getByRole('textbox', { name: 'Question (English)' })).toHaveValue('Their newer question?');
    });
    expect(screen.getByRole('textbox', { name: 'Question (Lithuanian)' })).toHaveValue('');
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
    expect(screen.getByText('You are changing version 4. Saving keeps it and makes a new draft version.')).toBeInTheDocument();
  });

  it('shows the API’s validation errors next to the fields they concern', async () => {
    serve(makeDetail(), {
      'PUT /api/assessment/items/:id': () =>
        problem(422, 'validation', 'Invalid input', {
          detail: 'Some fields are not valid.',
          errors: [
            { loc: ['body', 'stem', 'lt'], msg: 'String should have at most 3000 characters', type: 'string_too_long' },
            { loc: ['body', 'options', 1, 'text', 'en'], msg: 'String should have at least 1 character', type: 'string_too_short' },
            { loc: ['body'], msg: 'Value error, the answer of a single choice is one option key', type: 'value_error' },
          ],
        }),
    });
    const { user } = renderApp(`/editor/items/${ITEM_ID}`);

    await user.click(await screen.findByRole('textbox', { name: 'Question (Lithuanian)' }));
    await user.paste('Per ilgas');
    await user.click(screen.getByRole('button', { name: 'Save as a new version' }));

    expect(await screen.findByRole('alert')).toHaveTextContent('Check the fields marked below.');
    expect(screen.getByRole('textbox', { name: 'Question (Lithuanian)' })).toHaveAccessibleDescription('This is too long.');
    expect(screen.getByRole('textbox', { name: 'Question (English)' })).not.toHaveAccessibleDescription();
    expect(screen.getByRole('textbox', { name: 'Option B (English)' })).toHaveAccessibleDescription('Fill in this field.');
    expect(screen.getByRole('radiogroup', { name: 'Correct answer' })).toHaveAccessibleDescription(
      'Set the answer key: it must fit the type and use only the item’s options.',
    );

    // Editing a field (and leaving it) clears its error; the others stay until the next save.
    await user.type(screen.getByRole('textbox', { name: 'Question (Lithuanian)' }), '!');
    await user.tab();
    // …and it stays cleared while the editor goes on typing elsewhere.
    await user.type(screen.getByRole('textbox', { name: 'Question (English)' }), '?');
    expect(screen.getByRole('textbox', { name: 'Question (Lithuanian)' })).not.toHaveAccessibleDescription();
    expect(screen.getByRole('textbox', { name: 'Option B (English)' })).toHaveAccessibleDescription('Fill in this field.');
  });

  it('edits an e-mail stimulus side by side and sends it whole', { timeout: 45_000 }, async () => {
    const document = makeDocument({
      type: 'scenario',
      interaction: 'multiple_response',
      answer: ['a'],
      stimulus: {
        kind: 'email',
        from: 'Registrų centras <saskaitos@registru-centras.example>',
        subject: { en: 'Unpaid invoice' },
        body: { en: 'Pay within 24 hours.', lt: 'Apmokėkite per 24 valandas.' },
        links: [],
        attachments: [],
      },
    });
    serve(makeDetail(makeVersion({ document })), {
      'PUT /api/assessment/items/:id': () => json(makeDetail(makeVersion({ version: 4, document }))),
    });
    const { user } = renderApp(`/editor/items/${ITEM_ID}`);

    const stimulus = await screen.findByRole('region', { name: 'What the learner looks at' });
    expect(within(stimulus).getByRole('textbox', { name: 'From' })).toHaveValue('Registrų centras <saskaitos@registru-centras.example>');
    expect(within(stimulus).getByRole('textbox', { name: 'Message (Lithuanian)' })).toHaveValue('Apmokėkite per 24 valandas.');
    await user.click(within(stimulus).getByRole('textbox', { name: 'Subject (Lithuanian)' }));
    await user.paste('Neapmokėta sąskaita');
    await user.click(within(stimulus).getByRole('button', { name: 'Add an attachment' }));
    await user.click(within(stimulus).getByRole('textbox', { name: 'File name of attachment 1' }));
    await user.paste('saskaita.zip');
    await user.click(within(stimulus).getByRole('button', { name: 'Add a link' }));
    await user.click(within(stimulus).getByRole('textbox', { name: 'Text shown for link 1 (English)' }));
    await user.paste('Pay now');
    await user.click(within(stimulus).getByRole('textbox', { name: 'Where link 1 really goes' }));
    await user.paste('http://registru-centras.example/pay');
    const answer = screen.getByRole('region', { name: 'Answer key' });
    await user.click(within(answer).getByRole('checkbox', { name: 'B: The greeting' }));
    await user.click(screen.getByRole('button', { name: 'Save as a new version' }));

    expect(await screen.findByText('Saved: this is now version 4.')).toBeInTheDocument();
    expect(sentRequests('PUT', PATH)[0]?.body).toMatchObject({
      type: 'scenario',
      interaction: 'multiple_response',
      answer: ['a', 'b'],
      stimulus: {
        kind: 'email',
        from: 'Registrų centras <saskaitos@registru-centras.example>',
        subject: { en: 'Unpaid invoice', lt: 'Neapmokėta sąskaita' },
        body: { en: 'Pay within 24 hours.', lt: 'Apmokėkite per 24 valandas.' },
        links: [{ text: { en: 'Pay now' }, url: 'http://registru-centras.example/pay' }],
        attachments: ['saskaita.zip'],
      },
    });
    expect(sentRequests('PUT', PATH)[0]?.body).not.toHaveProperty('stimulus.to');
  });

  it('warns before leaving with unsaved changes', async () => {
    serve(makeDetail(), { 'GET /api/assessment/items': () => json({ items: [], total: 0, limit: 20, offset: 0 }) });
    const { user, router } = renderApp(`/editor/items/${ITEM_ID}`);

    await user.click(await screen.findByRole('textbox', { name: 'Question (Lithuanian)' }));
    await user.paste('Dar nebaigta');
    await user.click(screen.getByRole('link', { name: 'Back to the item bank' }));

    const dialog = await screen.findByRole('alertdialog', { name: 'Leave without saving?' });
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(router.state.location.pathname).toBe(`/editor/items/${ITEM_ID}`);
    expect(screen.getByRole('textbox', { name: 'Question (Lithuanian)' })).toHaveValue('Dar nebaigta');

    await user.click(screen.getByRole('link', { name: 'Back to the item bank' }));
    await user.click(within(await screen.findByRole('alertdialog')).getByRole('button', { name: 'Leave without saving' }));
    await waitFor(() => {
      expect(router.state.location.pathname).toBe('/editor/items');
    });
  });
});

describe('the review workflow', () => {
  it('submits a saved draft for review, but not while changes are unsaved', async () => {
    serve(makeDetail(), {
      'POST /api/assessment/items/:id/submit': () => json(makeDetail(makeVersion({ status: 'in_review' }))),
    });
    const { user } = renderApp(`/editor/items/${ITEM_ID}`);

    const workflow = await screen.findByRole('region', { name: 'Review and publishing' });
    await user.click(screen.getByRole('textbox', { name: 'Question (Lithuanian)' }));
    await user.paste('Juodraštis');
    expect(within(workflow).getByRole('button', { name: 'Submit for review' })).toBeDisabled();
    expect(within(workflow).getByText('Save your changes before you submit them for review.')).toBeInTheDocument();
    await user.clear(screen.getByRole('textbox', { name: 'Question (Lithuanian)' }));

    await user.click(within(workflow).getByRole('button', { name: 'Submit for review' }));
    expect(await within(workflow).findByText('Submitted for review.')).toBeInTheDocument();
    expect(sentRequests('POST', `${PATH}/submit`)[0]?.body).toEqual({ version: 3 });
    expect(within(workflow).getByRole('button', { name: 'Publish' })).toBeInTheDocument();
  });

  it('explains that the author of a version cannot publish it', async () => {
    serve(makeDetail(makeVersion({ status: 'in_review' })), {
      'POST /api/assessment/items/:id/publish': () =>
        problem(403, 'forbidden', 'Forbidden', { detail: 'The author of a version cannot publish it: another editor reviews it.' }),
    });
    const { user } = renderApp(`/editor/items/${ITEM_ID}`);

    const workflow = await screen.findByRole('region', { name: 'Review and publishing' });
    expect(within(workflow).getByText(/Version 3 is In review\./)).toBeInTheDocument();
    await user.click(within(workflow).getByRole('button', { name: 'Publish' }));

    const alert = await within(workflow).findByRole('alert');
    expect(alert).toHaveTextContent('You wrote this version, so you cannot publish it: another editor must review your change.');
    expect(sentRequests('POST', `${PATH}/publish`)[0]?.body).toEqual({ version: 3 });
  });

  it('sends a version back with the reviewer’s comment', async () => {
    serve(makeDetail(makeVersion({ status: 'in_review', author: OTHER_EDITOR })), {
      'POST /api/assessment/items/:id/reject': () =>
        json(makeDetail(makeVersion({ status: 'draft', author: OTHER_EDITOR, review_comment: 'Translate the question.' }))),
    });
    const { user } = renderApp(`/editor/items/${ITEM_ID}`);

    await user.click(await screen.findByRole('button', { name: 'Send back…' }));
    const dialog = await screen.findByRole('dialog', { name: 'Send this version back to its author' });
    await user.type(within(dialog).getByRole('textbox', { name: 'What should change' }), 'Translate the question.');
    await user.click(within(dialog).getByRole('button', { name: 'Send back' }));

    expect(await screen.findByText('Sent back to its author.')).toBeInTheDocument();
    expect(sentRequests('POST', `${PATH}/reject`)[0]?.body).toEqual({ version: 3, comment: 'Translate the question.' });
    expect(screen.getByText('Translate the question.', { selector: 'blockquote' })).toBeInTheDocument();
  });

  it('retires an active item only after confirming', async () => {
    serve(makeDetail(makeVersion({ status: 'active' }), { active_version: 3 }), {
      'POST /api/assessment/items/:id/retire': () =>
        json(makeDetail(makeVersion({ status: 'retired' }), { active_version: null })),
    });
    const { user } = renderApp(`/editor/items/${ITEM_ID}`);

    await user.click(await screen.findByRole('button', { name: 'Retire…' }));
    const dialog = await screen.findByRole('alertdialog', { name: 'Retire c4-2-phishing-invoice?' });
    expect(sentRequests('POST', `${PATH}/retire`)).toHaveLength(0);
    await user.click(within(dialog).getByRole('button', { name: 'Retire the item' }));

    expect(await screen.findByText('Retired: learners are no longer served this item.')).toBeInTheDocument();
    expect(sentRequests('POST', `${PATH}/retire`)).toHaveLength(1);
    expect(screen.queryByRole('button', { name: 'Retire…' })).not.toBeInTheDocument();
  });

  it('lists the versions with their author and note, and opens an old one read-only', async () => {
    const old = makeVersion({
      version: 2,
      status: 'superseded',
      author: OTHER_EDITOR,
      note: 'First translation',
      reviewer: PERSON_ID,
      reviewed_at: '2026-11-29T10:00:00Z',
      rejected_by: PERSON_ID,
      rejected_at: '2026-11-29T10:00:00Z',
      review_comment: 'Shorter options, please.',
    });
    const head = makeVersion();
    serveApi({
      ...oidcProvider(),
      ...meHandlers(),
      ...itemHandlers(makeDetail(head), [old, head]),
      'GET /api/assessment/items/:id/versions/:n': () => json(old),
    });
    signIn(EDITOR);
    const { user } = renderApp(`/editor/items/${ITEM_ID}`);

    const history = await screen.findByRole('table', { name: 'Versions of this item, newest first' });
    const rows = within(history).getAllByRole('row').slice(1);
    expect(rows.map((row) => [...row.querySelectorAll('th, td')].map((cell) => cell.textContent))).toEqual([
      ['Version 3', 'Draft', 'You', expect.stringContaining('2026'), '—', '—'],
      ['Version 2', 'Superseded', 'Editor dddddddd', expect.stringContaining('2026'), 'First translation', 'Sent back by You: Shorter options, please.'],
    ]);

    await user.click(within(history).getByRole('link', { name: 'Version 2' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Version 2 of c4-2-phishing-invoice' })).toBeInTheDocument();
    expect(screen.getByRole('textbox', { name: 'Question (English)' })).toHaveAttribute('readonly');
    expect(screen.queryByRole('button', { name: 'Save as a new version' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /Remove/ })).not.toBeInTheDocument();
  });
});
