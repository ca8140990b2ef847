import { screen, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';

import { json, problem, serveApi } from '@/testing/fake-api';
import { meHandlers, oidcProvider, signIn } from '@/testing/identity';
import { renderApp } from '@/testing/render-app';

import { makeFramework, makeResult, RESULT_ID } from '../testing/fake-assessment';

function serve(result: () => Response = () => json(makeResult())) {
  serveApi({
    ...oidcProvider(),
    ...meHandlers(),
    'GET /api/assessment/results/:id': result,
    'GET /api/assessment/frameworks/digcomp-2.2': () => json(makeFramework()),
  });
  signIn();
}

describe('a result', () => {
  it('has a table alternative to the chart: area, level and range', async () => {
    serve();
    renderApp(`/assessment/results/${RESULT_ID}`);
    const table = await screen.findByRole('table', { name: 'Your level in each area' });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows.map((row) => [...row.querySelectorAll('th, td')].map((cell) => cell.textContent))).toEqual([
      ['1. Information and data literacy', '4 (Level name 4)', '3 to 5'],
      ['2. Communication and collaboration', '5 (Level name 5)', '4 to 6'],
      ['3. Digital content creation', '2 (Level name 2)', '1 to 3'],
      ['4. Safety', '6 (Level name 6)', '5 to 7'],
      ['5. Problem solving', '3 (Level name 3)', '2 to 4'],
    ]);
    const chart = screen.getByRole('img', { name: /^Chart of your levels:/ });
    expect(chart.tagName.toLowerCase()).toBe('svg');
    expect(chart).toHaveAccessibleName(expect.stringContaining('Safety level 6') as string);
  });

  it('says what each level means and what the next step is, with competence ranges', async () => {
    serve();
    renderApp(`/assessment/results/${RESULT_ID}`);
    const safety = await screen.findByRole('region', { name: 'Safety' });
    expect(safety).toHaveTextContent('At level 6: You can do the things of level 6.');
    expect(safety).toHaveTextContent('Next step, level 7: You can do the things of level 7.');
    const competences = within(safety).getByRole('list', { name: 'Competences in this area' });
    expect(within(competences).getByRole('listitem')).toHaveTextContent('4.1 Competence 4.1 level 6 (likely 5 to 7)');
  });

  it('folds the review: your answer, the right answer and why', async () => {
    serve();
    const { user } = renderApp(`/assessment/results/${RESULT_ID}`);
    const first = await screen.findByRole('button', { name: 'Question 1: not right' });
    expect(first).toHaveAttribute('aria-expanded', 'false');
    expect(screen.getByText('Because B is the one the rules ask for.')).not.toBeVisible();

    first.focus();
    await user.keyboard('{Enter}');
    expect(first).toHaveAttribute('aria-expanded', 'true');
    expect(screen.getByText('Because B is the one the rules ask for.')).toBeVisible();
    const panel = screen.getByText('Because B is the one the rules ask for.').closest('dl');
    expect(panel).toHaveTextContent('Your answerOption A');
    expect(panel).toHaveTextContent('The right answerOption B');

    await user.click(screen.getByRole('button', { name: 'Question 2: skipped' }));
    expect(screen.getByText('You skipped this question.')).toBeVisible();
  });

  it('prints with the Print button', async () => {
    const print = vi.fn();
    vi.stubGlobal('print', print);
    serve();
    const { user } = renderApp(`/assessment/results/${RESULT_ID}`);
    await user.click(await screen.findByRole('button', { name: 'Print' }));
    expect(print).toHaveBeenCalledOnce();
  });

  it('explains a result that is not there', async () => {
    serve(() => problem(404, 'not-found', 'Not found'));
    renderApp(`/assessment/results/${RESULT_ID}`);
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Your result could not be loaded');
    expect(alert).toHaveTextContent('What you asked for was not found.');
  });
});
