import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';

import { json, serveApi } from '@/testing/fake-api';
import { meHandlers, oidcProvider, signIn } from '@/testing/identity';
import { renderApp } from '@/testing/render-app';

import { EDITOR, ITEM_ID, itemHandlers, makeItem, makeVersions } from '../testing/fake-catalog';

describe('previewing an item as a learner', () => {
  it('shows the saved item in the chosen language, its lesson text as the service rendered it', async () => {
    const item = makeItem({
      body_html: { en: '<h2>Why</h2>\n<p>Long beats clever.</p>', lt: '<h2>Kodėl</h2>\n<p>Ilgas geriau nei gudrus.</p>' },
    });
    serveApi({ ...oidcProvider(), ...meHandlers(), ...itemHandlers(item) });
    signIn(EDITOR);
    const { user, router } = renderApp(`/editor/catalog/${ITEM_ID}/preview?language=en`);

    const english = await screen.findByRole('region', { name: 'Preview in English' });
    expect(within(english).getByRole('heading', { level: 2, name: 'Strong passwords' })).toBeInTheDocument();
    // The lesson is set as on the learner's item page: the same region, marked with its language.
    const lesson = within(english).getByRole('region', { name: 'Lesson' });
    expect(within(lesson).getByRole('heading', { level: 2, name: 'Why' })).toBeInTheDocument();
    expect(lesson.firstElementChild).toHaveAttribute('lang', 'en');
    expect(english).toHaveTextContent('10 min');
    expect(english).toHaveTextContent('Works with screen readers');
    expect(screen.getByText('Version 3 (Draft) as a learner sees it.')).toBeInTheDocument();

    await user.click(screen.getByRole('radio', { name: 'Lithuanian' }));
    const lithuanian = await screen.findByRole('region', { name: 'Preview in Lithuanian' });
    expect(router.state.location.search).toBe('?language=lt');
    // The learner reads everything in the item's language, the labels included.
    expect(lithuanian.firstElementChild).toHaveAttribute('lang', 'lt');
    expect(within(within(lithuanian).getByRole('region', { name: 'Pamoka' })).getByRole('heading', { level: 2, name: 'Kodėl' })).toBeInTheDocument();
    expect(lithuanian).toHaveTextContent('Tinka ekrano skaitytuvams');
    // The Lithuanian summary is not written: the editor sees that, as the learner would miss it.
    expect(lithuanian).toHaveTextContent('Šia kalba santraukos dar nėra.');
  });
});

describe('an earlier version', () => {
  it('is shown read-only with who made it', async () => {
    const item = makeItem();
    serveApi({
      ...oidcProvider(),
      ...meHandlers(),
      ...itemHandlers(item),
      'GET /api/catalog/items/:id/versions/:number': (_, __, params) => json(makeVersions(item, {}, { 1: 'First draft' })[Number(params.number) - 1]),
    });
    signIn(EDITOR);
    renderApp(`/editor/catalog/${ITEM_ID}/versions/1`);

    expect(await screen.findByText('First draft')).toBeInTheDocument();
    expect(screen.getByRole('heading', { level: 1, name: 'Version 1' })).toBeInTheDocument();
    expect(screen.getByText('You')).toBeInTheDocument();
    expect(screen.getByRole('textbox', { name: 'Title (English)' })).toHaveAttribute('readonly');
    expect(screen.queryByRole('button', { name: 'Save as a new version' })).not.toBeInTheDocument();
  });
});
