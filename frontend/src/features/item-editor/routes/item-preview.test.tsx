import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';

import { json, problem, sentRequests, serveApi } from '@/testing/fake-api';
import { meHandlers, oidcProvider, signIn } from '@/testing/identity';
import { renderApp } from '@/testing/render-app';

import { EDITOR, ITEM_ID, itemHandlers, makeDetail, makePreview } from '../testing/fake-items';

describe('previewing an item as a learner sees it', () => {
  it('shows the question, the stimulus and the options in the order they are served, per language', async () => {
    serveApi({
      ...oidcProvider(),
      ...meHandlers(),
      ...itemHandlers(makeDetail()),
      'GET /api/assessment/items/:id/preview': (url) =>
        url.searchParams.get('language') === 'lt'
          ? problem(422, 'validation', 'Invalid input', { detail: "This item is not complete in 'lt'." })
          : json(makePreview()),
    });
    signIn(EDITOR);
    const { user } = renderApp(`/editor/items/${ITEM_ID}/preview?language=en`);

    const preview = await screen.findByRole('region', { name: 'The item in English' });
    expect(within(preview).getByText('Which sign shows that this e-mail is not from the Registry?')).toBeInTheDocument();
    const email = within(preview).getByRole('figure', { name: 'E-mail' });
    expect(within(email).getByText('Unpaid invoice: pay within 24 hours')).toBeInTheDocument();
    expect(within(email).getByText('Registrų centras <saskaitos@registru-centras.example>')).toBeInTheDocument();
    expect(within(email).getByText('Dear customer,')).toBeInTheDocument();
    expect(within(email).getByText('(link goes to http://registru-centras.example/pay)')).toBeInTheDocument();
    const options = within(preview).getByRole('list', { name: 'Options' });
    expect(within(options).getAllByRole('listitem').map((li) => li.textContent)).toEqual(['The greeting', 'The sender’s domain']);
    expect(preview.querySelector('[lang="en"]')).not.toBeNull();
    expect(sentRequests('GET', `/api/assessment/items/${ITEM_ID}/preview`)[0]?.url.searchParams.get('language')).toBe('en');

    await user.click(screen.getByRole('radio', { name: 'Lithuanian' }));
    expect(
      await screen.findByRole('heading', {
        level: 2,
        name: 'This item is not complete in Lithuanian yet, so learners in this language are not served it.',
      }),
    ).toBeInTheDocument();
    expect(sentRequests('GET', `/api/assessment/items/${ITEM_ID}/preview`).at(-1)?.url.searchParams.get('language')).toBe('lt');
  });

  it('labels a Lithuanian preview in Lithuanian, whatever the interface language', async () => {
    serveApi({
      ...oidcProvider(),
      ...meHandlers(),
      ...itemHandlers(makeDetail()),
      'GET /api/assessment/items/:id/preview': () =>
        json(
          makePreview({
            language: 'lt',
            stem: 'Kuris požymis rodo, kad laiškas ne iš Registrų centro?',
            stimulus: { kind: 'document', title: 'Sutartis', body: 'Eilutė 1\nEilutė 2' },
            options: [
              { key: 'a', text: 'Domenas' },
              { key: 'b', text: 'Pasisveikinimas' },
            ],
          }),
        ),
    });
    signIn(EDITOR);
    renderApp(`/editor/items/${ITEM_ID}/preview?language=lt`);

    const preview = await screen.findByRole('region', { name: 'The item in Lithuanian' });
    expect(within(preview).getByRole('figure', { name: 'Dokumentas' })).toHaveTextContent('Sutartis');
    expect(within(preview).getByRole('figure', { name: 'Dokumentas' })).toHaveTextContent('Eilutė 1 Eilutė 2');
    expect(within(preview).getByRole('list', { name: 'Atsakymų variantai' })).toBeInTheDocument();
  });
});
