import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';

import { json, problem, sentRequests, serveApi } from '@/testing/fake-api';
import { meHandlers, oidcProvider, signIn } from '@/testing/identity';
import { renderApp } from '@/testing/render-app';

import type { ItemCreate } from '../api/items';
import { EDITOR, ITEM_ID, itemHandlers, makeItem } from '../testing/fake-catalog';

function serve(extra: Parameters<typeof serveApi>[0] = {}) {
  serveApi({ ...oidcProvider(), ...meHandlers(), ...itemHandlers(makeItem({ version: 1 })), ...extra });
  signIn(EDITOR);
}

describe('writing a new item', () => {
  it('writes both languages side by side, tags competences with levels and saves a draft', { timeout: 30_000 }, async () => {
    serve({
      'POST /api/catalog/items': async (_, request) => {
        const body = (await request.json()) as ItemCreate;
        return json(makeItem({ id: ITEM_ID, version: 1, title: body.title }), 201);
      },
    });
    const { user, router } = renderApp('/editor/catalog/new');

    const texts = await screen.findByRole('region', { name: 'Texts' });
    await user.click(within(texts).getByRole('textbox', { name: 'Title (English)' }));
    await user.paste('Strong passwords & two-step sign-in');
    await user.click(within(texts).getByRole('textbox', { name: 'Title (Lithuanian)' }));
    await user.paste('Kas yra saugus slaptažodis');
    await user.click(within(texts).getByRole('textbox', { name: 'Summary (English)' }));
    await user.paste('Make one you can remember.');
    await user.click(within(texts).getByRole('textbox', { name: 'Summary (Lithuanian)' }));
    await user.paste('Kaip susikurti įsimenamą.');
    await user.click(within(texts).getByRole('textbox', { name: 'Text of the lesson (English)' }));
    await user.paste('## Why\n\nLong beats clever.');

    const about = screen.getByRole('region', { name: 'What it is' });
    await user.type(within(about).getByRole('textbox', { name: 'Duration in minutes' }), '15');

    const competences = screen.getByRole('region', { name: 'Competences it develops' });
    await user.click(within(competences).getByRole('button', { name: 'Add a competence' }));
    expect(within(competences).getByRole('status')).toHaveTextContent('Competence 1 was added');
    await user.click(within(competences).getByRole('button', { name: /Competence 1/ }));
    await user.click(await screen.findByRole('option', { name: '4.1 Protecting devices' }));
    await user.click(within(competences).getByRole('button', { name: /To level \(competence 1\)/ }));
    await user.click(await screen.findByRole('option', { name: '3 – Level 3 name' }));

    const visibility = screen.getByRole('region', { name: 'Who owns it and who can find it' });
    // The slug follows the English title until the editor writes one.
    expect(within(visibility).getByRole('textbox', { name: 'Address name (slug)' })).toHaveValue('strong-passwords-two-step-sign-in');
    await user.click(within(visibility).getByRole('radio', { name: /My organisation only/ }));

    await user.click(screen.getByRole('button', { name: 'Save the draft' }));

    await waitFor(() => {
      expect(router.state.location.pathname).toBe(`/editor/catalog/${ITEM_ID}`);
    });
    expect(sentRequests('POST', '/api/catalog/items')[0]?.body).toEqual({
      kind: 'micro_lesson',
      title: { en: 'Strong passwords & two-step sign-in', lt: 'Kas yra saugus slaptažodis' },
      summary: { en: 'Make one you can remember.', lt: 'Kaip susikurti įsimenamą.' },
      body: { en: '## Why\n\nLong beats clever.' },
      url: null,
      duration_minutes: 15,
      format: 'online_self_paced',
      provider: null,
      licence: null,
      cost_eur: '0.00',
      languages: ['lt', 'en'],
      accessibility: [],
      competence_levels: [{ code: '4.1', level_min: 1, level_max: 3 }],
      prerequisites: [],
      external_id: null,
      visibility: 'organisation',
      slug: 'strong-passwords-two-step-sign-in',
      owner: 'organisation',
    });
    expect(await screen.findByText('Saved: this is now version 1.')).toBeInTheDocument();
  });

  it('does not send an item without a duration, and says which field is missing', async () => {
    serve();
    const { user } = renderApp('/editor/catalog/new');

    await user.click(await screen.findByRole('button', { name: 'Save the draft' }));

    expect(await screen.findByRole('alert')).toHaveTextContent('Check the fields marked below.');
    expect(screen.getByRole('textbox', { name: 'Duration in minutes' })).toHaveAccessibleDescription(/Fill in this field\./);
    expect(sentRequests('POST', '/api/catalog/items')).toEqual([]);
  });

  it('shows the service’s validation errors next to their fields, and a taken slug at the slug', async () => {
    serve({
      'POST /api/catalog/items': () =>
        problem(422, 'validation', 'Invalid input', {
          errors: [
            { loc: ['body', 'title', 'lt'], msg: 'Value error, HTML tags are not allowed here; write plain text', type: 'value_error' },
            { loc: ['body', 'url'], msg: 'Input should be a valid URL', type: 'url_parsing' },
            { loc: ['body'], msg: 'Value error, each competence may be tagged only once', type: 'value_error' },
          ],
        }),
    });
    const { user } = renderApp('/editor/catalog/new');

    await user.type(await screen.findByRole('textbox', { name: 'Duration in minutes' }), '5');
    await user.click(screen.getByRole('button', { name: 'Save the draft' }));

    expect(await screen.findByRole('alert')).toHaveTextContent('Check the fields marked below.');
    expect(screen.getByRole('textbox', { name: 'Title (Lithuanian)' })).toHaveAccessibleDescription('Write plain text here: HTML tags are not allowed.');
    expect(screen.getByRole('textbox', { name: 'Title (English)' })).not.toHaveAccessibleDescription();
    expect(screen.getByRole('textbox', { name: 'External address' })).toHaveAccessibleDescription(/Enter a full web address/);
    expect(screen.getByText('Tag each competence only once.')).toBeInTheDocument();
  });

  it('tells the editor when another item has the slug', async () => {
    serve({ 'POST /api/catalog/items': () => problem(409, 'conflict', 'Conflict', { detail: "An item with slug 'x' already exists" }) });
    const { user } = renderApp('/editor/catalog/new');

    await user.type(await screen.findByRole('textbox', { name: 'Duration in minutes' }), '5');
    await user.click(screen.getByRole('button', { name: 'Save the draft' }));

    expect(await screen.findByRole('alert')).toHaveTextContent('Another item already has this address name.');
    expect(screen.getByRole('textbox', { name: 'Address name (slug)' })).toHaveAccessibleDescription(/Another item already has this address name/);
  });
});
