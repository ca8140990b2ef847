import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';

import { json, problem, sentRequests, serveApi } from '@/testing/fake-api';
import { meHandlers, oidcProvider, signIn } from '@/testing/identity';
import { renderApp } from '@/testing/render-app';

import type { ServedItem } from '../api/types';
import { fakeSession, ITEMS, makeResult, RESULT_ID, SESSION_ID } from '../testing/fake-assessment';

const SESSION_URL = `/assessment/sessions/${SESSION_ID}`;

function puts() {
  return sentRequests('PUT').map((r) => ({ position: r.url.pathname.split('/').at(-1), body: r.body }));
}

function start(items: ServedItem[] = [ITEMS.single], extra: Parameters<typeof fakeSession>[0] = { items }) {
  const fake = fakeSession({ ...extra, items });
  serveApi({ ...oidcProvider(), ...meHandlers(), ...fake.handlers, 'GET /api/assessment/results/:id': () => json(makeResult()) });
  signIn();
  return { ...renderApp(SESSION_URL), fake };
}

async function question(number: number) {
  return screen.findByRole('heading', { level: 2, name: `Question ${String(number)}` });
}

describe('taking the test', () => {
  it('answers a single choice with the arrow keys and sends the choice', async () => {
    const { user } = start([ITEMS.single, ITEMS.multiple]);
    const heading = await question(1);
    await waitFor(() => {
      expect(heading).toHaveFocus();
    });
    const group = screen.getByRole('radiogroup', { name: 'Which one is right?' });

    await user.tab();
    expect(within(group).getByRole('radio', { name: 'Option A' })).toHaveFocus();
    await user.keyboard('{ArrowDown}');
    expect(within(group).getByRole('radio', { name: 'Option B' })).toBeChecked();
    await user.tab();
    expect(screen.getByRole('button', { name: 'Next' })).toHaveFocus();
    await user.keyboard('{Enter}');

    const next = await question(2);
    await waitFor(() => {
      expect(next).toHaveFocus();
    });
    const [sent] = puts();
    expect(sent?.position).toBe('1');
    expect(sent?.body).toMatchObject({ item_id: 'v-single', answer: { choice: 'b' } });
    expect((sent?.body as { time_ms: number }).time_ms).toBeGreaterThanOrEqual(0);
    expect(sent?.body).not.toHaveProperty('skipped');
  });

  it('answers a multiple response with Space on each box', async () => {
    const { user } = start([ITEMS.multiple, ITEMS.single]);
    await question(1);
    const group = screen.getByRole('group', { name: 'Which ones are right?' });
    expect(screen.getByRole('button', { name: 'Next' })).toBeDisabled();

    await user.tab();
    await user.keyboard(' ');
    await user.tab();
    await user.tab();
    await user.keyboard(' ');
    expect(within(group).getByRole('checkbox', { name: 'Option A' })).toBeChecked();
    expect(within(group).getByRole('checkbox', { name: 'Option B' })).not.toBeChecked();
    expect(within(group).getByRole('checkbox', { name: 'Option C' })).toBeChecked();
    await user.tab();
    await user.keyboard('{Enter}');

    await question(2);
    expect(puts()[0]?.body).toMatchObject({ item_id: 'v-multiple', answer: { choices: ['a', 'c'] } });
  });

  it('orders with the move buttons, announcing each new place and keeping focus on the moved item', async () => {
    const { user } = start([ITEMS.ordering, ITEMS.single]);
    await question(1);
    const list = screen.getByRole('group', { name: 'Put the steps in order.' });

    // "Open the file" is second: move it to the top.
    const upOpen = within(list).getByRole('button', { name: 'Move up: Open the file' });
    upOpen.focus();
    await user.keyboard('{Enter}');
    expect(await screen.findByText('“Open the file” is now number 1 of 3.')).toBeInTheDocument();
    // At the top "Move up" is disabled; focus stays on the moved item, on its other button.
    expect(within(list).getByRole('button', { name: 'Move down: Open the file' })).toHaveFocus();

    // "Edit the file" is third: one up.
    within(list).getByRole('button', { name: 'Move up: Edit the file' }).focus();
    await user.keyboard('{Enter}');
    expect(within(list).getByRole('button', { name: 'Move up: Edit the file' })).toHaveFocus();
    expect(screen.getByText('“Edit the file” is now number 2 of 3.')).toBeInTheDocument();
    expect(within(list).getAllByRole('listitem').map((li) => li.querySelector('.ordering__text')?.textContent)).toEqual([
      'Open the file',
      'Edit the file',
      'Save the file',
    ]);

    // On to Next: past "Move down" of the last two items.
    await user.tab();
    await user.tab();
    await user.tab();
    expect(screen.getByRole('button', { name: 'Next' })).toHaveFocus();
    await user.keyboard('{Enter}');
    await question(2);
    expect(puts()[0]?.body).toMatchObject({ item_id: 'v-ordering', answer: { order: ['b', 'c', 'a'] } });
  });

  it('matches each option to a category with a radio group per option', async () => {
    const { user } = start([ITEMS.matching, ITEMS.single]);
    await question(1);
    expect(screen.getByRole('button', { name: 'Next' })).toBeDisabled();

    await user.tab();
    expect(screen.getByRole('radiogroup', { name: 'A name' })).toContainElement(document.activeElement as HTMLElement);
    await user.keyboard(' ');
    await user.tab();
    await user.keyboard('{ArrowRight}');
    expect(within(screen.getByRole('radiogroup', { name: 'The weather' })).getByRole('radio', { name: 'Not personal data' })).toBeChecked();
    await user.tab();
    await user.keyboard('{Enter}');

    await question(2);
    expect(puts()[0]?.body).toMatchObject({ item_id: 'v-matching', answer: { matches: { a: 'x', b: 'y' } } });
  });

  it('shows a scenario e-mail with where its link really goes, and answers it as its interaction', async () => {
    const { user } = start([ITEMS.scenario, ITEMS.single]);
    await question(1);
    const email = screen.getByRole('figure', { name: 'E-mail' });
    expect(email).toHaveTextContent('Registrų centras <saskaitos@registru-centras.info>');
    expect(email).toHaveTextContent('Unpaid invoice: pay within 24 hours');
    expect(within(email).getByText('(link goes to http://registru-centras.info/pay)')).toBeInTheDocument();
    expect(within(email).getByRole('list', { name: 'Attachments' })).toHaveTextContent('saskaita_2026.zip');
    expect(within(email).queryByRole('link')).not.toBeInTheDocument();

    const group = screen.getByRole('group', { name: 'Which signs show that this e-mail is not from the Registry?' });
    await user.tab();
    expect(within(group).getByRole('checkbox', { name: /domain/ })).toHaveFocus();
    await user.keyboard(' ');
    await user.tab();
    await user.keyboard(' ');
    expect(within(group).getByRole('checkbox', { name: /24-hour/ })).toBeChecked();
    await user.tab();
    await user.tab();
    expect(screen.getByRole('button', { name: 'Next' })).toHaveFocus();
    await user.keyboard('{Enter}');
    await question(2);
    expect(puts()[0]?.body).toMatchObject({ item_id: 'v-scenario', answer: { choices: ['a', 'b'] } });
  });

  it('shows honest progress from the server as a progress bar', async () => {
    start([ITEMS.single, ITEMS.single, ITEMS.single, ITEMS.single]);
    await question(1);
    const bar = screen.getByRole('progressbar', { name: 'Progress' });
    expect(bar).toHaveAttribute('aria-valuenow', '0');
    // Four items likely left, the one on screen among them.
    expect(bar).toHaveAttribute('aria-valuetext', 'Question 1 · about 3 more');
    expect(screen.getByText('Question 1 · about 3 more')).toBeVisible();
    expect(screen.queryByText(/minute|timer/i)).not.toBeInTheDocument();
  });

  it('skips a question with skipped: true and no answer', async () => {
    const { user } = start([ITEMS.single, ITEMS.multiple]);
    await question(1);
    await user.click(screen.getByRole('button', { name: 'Skip' }));
    await question(2);
    expect(puts()[0]?.body).toMatchObject({ item_id: 'v-single', skipped: true });
    expect(puts()[0]?.body).not.toHaveProperty('answer');
    expect(screen.getByRole('progressbar', { name: 'Progress' })).toHaveAttribute('aria-valuetext', 'Question 2 · probably the last one');
  });

  it('keeps the answer on screen when the network fails and sends the very same answer again on retry', async () => {
    let failing = true;
    const { user } = start([ITEMS.single, ITEMS.multiple], {
      items: [],
      failPut: () => (failing ? problem(503, 'unavailable', 'Service unavailable') : undefined),
    });
    await question(1);
    await user.click(screen.getByRole('radio', { name: 'Option C' }));
    await user.click(screen.getByRole('button', { name: 'Next' }));

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Your answer was not saved yet');
    expect(alert).toHaveTextContent('It is still on screen. Nothing is lost.');
    expect(screen.getByRole('radio', { name: 'Option C' })).toBeChecked();
    expect(screen.getByRole('heading', { level: 2, name: 'Question 1' })).toBeInTheDocument();

    failing = false;
    await user.click(within(alert).getByRole('button', { name: 'Try again' }));
    await question(2);
    const [first, second] = puts();
    expect(second?.body).toEqual(first?.body);
    expect(second?.position).toBe('1');
  });

  it('after a refused answer loads the question again and lets it be answered anew', async () => {
    let refuse = true;
    const { user } = start([ITEMS.single, ITEMS.multiple], {
      items: [],
      failPut: () => (refuse ? problem(409, 'already-answered', 'Position already answered') : undefined),
    });
    await question(1);
    await user.click(screen.getByRole('radio', { name: 'Option A' }));
    await user.click(screen.getByRole('button', { name: 'Next' }));
    const alert = await screen.findByRole('alert');
    expect(within(alert).queryByRole('button', { name: 'Try again' })).not.toBeInTheDocument();

    refuse = false;
    await user.click(within(alert).getByRole('button', { name: 'Load the current question' }));
    await waitFor(() => {
      expect(screen.queryByRole('alert')).not.toBeInTheDocument();
    });
    await user.click(screen.getByRole('radio', { name: 'Option B' }));
    await user.click(screen.getByRole('button', { name: 'Next' }));
    await question(2);
    expect(puts().at(-1)?.body).toMatchObject({ item_id: 'v-single', answer: { choice: 'b' } });
  });

  it('pauses, goes back to the start page and resumes there', async () => {
    const { user, router } = start([ITEMS.single, ITEMS.multiple]);
    await question(1);
    const currentAsked = () => sentRequests('GET', `/api/assessment/sessions/${SESSION_ID}/current`).length;
    const before = currentAsked();
    await user.click(screen.getByRole('button', { name: 'Pause' }));

    expect(await screen.findByRole('heading', { level: 2, name: 'Your test is paused' })).toBeInTheDocument();
    // A paused session has no current item: it is not asked for (the service would refuse, 409).
    expect(currentAsked()).toBe(before);
    expect(router.state.location.pathname).toBe('/assessment');
    expect(sentRequests('POST', `/api/assessment/sessions/${SESSION_ID}/pause`)).toHaveLength(1);

    await user.click(screen.getByRole('button', { name: 'Resume the test' }));
    const heading = await question(1);
    await waitFor(() => {
      expect(heading).toHaveFocus();
    });
    expect(router.state.location.pathname).toBe(SESSION_URL);
    expect(sentRequests('POST', `/api/assessment/sessions/${SESSION_ID}/resume`)).toHaveLength(1);
  });

  it('finishes when the engine has nothing more to ask and opens the result', async () => {
    const { user, router } = start([ITEMS.single]);
    await question(1);
    await user.click(screen.getByRole('radio', { name: 'Option A' }));
    await user.click(screen.getByRole('button', { name: 'Next' }));

    expect(await screen.findByRole('heading', { level: 2, name: 'You have answered all the questions' })).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Finish and see my result' }));
    await waitFor(() => {
      expect(router.state.location.pathname).toBe(`/assessment/results/${RESULT_ID}`);
    });
    expect(await screen.findByRole('heading', { level: 1, name: 'Your digital skills result' })).toBeInTheDocument();
    expect(sentRequests('POST', `/api/assessment/sessions/${SESSION_ID}/finish`)).toHaveLength(1);
  });

  it('shows the items in the session language, marked with it, in a Lithuanian interface too', async () => {
    localStorage.setItem('dla.language', 'lt');
    start([ITEMS.single], { items: [], session: { language: 'en' } });
    expect(await screen.findByRole('heading', { level: 2, name: '1 klausimas' })).toBeInTheDocument();
    expect(screen.getByText('Which one is right?').closest('[lang]')).toHaveAttribute('lang', 'en');
    expect(screen.getByRole('button', { name: 'Toliau' })).toBeDisabled();
  });
});
