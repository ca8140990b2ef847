import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';

import { json, serveApi } from '@/testing/fake-api';
import { meHandlers, oidcProvider, signIn } from '@/testing/identity';
import { renderApp } from '@/testing/render-app';

import type { ResultListItem } from '../api/types';
import { makeFramework, makeResult } from '../testing/fake-assessment';

function serve(items: ResultListItem[]) {
  serveApi({
    ...oidcProvider(),
    ...meHandlers(),
    'GET /api/assessment/results': () => json({ items, total: items.length, limit: 100, offset: 0 }),
    'GET /api/assessment/frameworks/digcomp-2.2': () => json(makeFramework()),
  });
  signIn();
}

function withLevels(id: string, finishedAt: string, levels: number[]): ResultListItem {
  const base = makeResult();
  return {
    ...base,
    id,
    finished_at: finishedAt,
    areas: base.areas.map((area, i) => ({ ...area, level: levels[i] ?? area.level })),
  };
}

describe('past results', () => {
  it('shows growth per area over retakes as a chart and a table', async () => {
    // Newest first, as the service lists them.
    serve([
      withLevels('r2', '2027-03-01T10:00:00Z', [5, 5, 3, 6, 4]),
      withLevels('r1', '2026-11-30T10:00:00Z', [3, 5, 2, 4, 4]),
    ]);
    renderApp('/assessment/history');
    const table = await screen.findByRole('table', { name: 'Your level in each area, test by test' });
    const rows = within(table).getAllByRole('row');
    expect(rows.map((row) => [...row.querySelectorAll('th, td')].map((c) => c.textContent))).toEqual([
      ['Test', 'Information and data literacy', 'Communication and collaboration', 'Digital content creation', 'Safety', 'Problem solving'],
      [expect.stringMatching(/^Test 1, /), '3', '5', '2', '4', '4'],
      [expect.stringMatching(/^Test 2, /), '5', '5', '3', '6', '4'],
      ['Change since the first test', '+2', '0', '+1', '+2', '0'],
    ]);
    expect(screen.getByRole('img', { name: /Safety from 4 to 6/ })).toBeInTheDocument();
    expect(within(table).getByRole('link', { name: /^Test 2/ })).toHaveAttribute('href', '/assessment/results/r2');
  });

  it('invites to take the test when there is no result yet', async () => {
    serve([]);
    renderApp('/assessment/history');
    expect(await screen.findByRole('heading', { level: 2, name: 'You have not finished a test yet.' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Take the digital skills test' })).toHaveAttribute('href', '/assessment');
  });
});
