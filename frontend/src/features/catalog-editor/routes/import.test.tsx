import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';

import { json, problem, sentRequests, serveApi, type Handler } from '@/testing/fake-api';
import { meHandlers, oidcProvider, signIn } from '@/testing/identity';
import { renderApp } from '@/testing/render-app';

import type { ImportReport } from '../api/imports';
import { EDITOR, ITEM_ID, OTHER_ITEM_ID, makeReport } from '../testing/fake-catalog';

const IMPORT = '/api/catalog/imports/items';
const HEADER = 'external_id,kind,title_en,title_lt,summary_en,summary_lt,duration_minutes,languages,competences\n';
const BAD = `${HEADER}vrm-001,course,Passwords,Slaptažodžiai,Why,Kodėl,30,en;lt,4.1:1-2\nvrm-002,course,Phishing,,How,Kaip,soon,en;lt,9.9:1-2\n`;
const GOOD = `${HEADER}vrm-001,course,Passwords,Slaptažodžiai,Why,Kodėl,30,en;lt,4.1:1-2\nvrm-002,course,Phishing,Sukčiavimas,How,Kaip,20,en;lt,4.2:1-2\n`;

const BAD_REPORT = makeReport({
  valid: 1,
  invalid: 1,
  created: 1,
  errors: [
    { row: 3, column: 'duration_minutes', value: 'soon', reason: 'The duration must be a whole number of minutes, e.g. 45.', code: 'not_integer' },
    { row: 3, column: 'title_lt', value: '', reason: "The title in 'lt' is required: the catalog is bilingual.", code: 'required' },
    { row: 3, column: 'competences', value: '9.9:1-2', reason: '9.9 is not a DigComp 2.2 competence.', code: 'unknown_competence' },
    { row: 3, column: null, value: null, reason: 'Something new the interface does not know.', code: 'brand_new' },
  ],
  items: [{ row: 2, external_id: 'vrm-001', outcome: 'created', item_id: null }],
});

/** An import endpoint that judges the file by its text, as the service would. */
function importHandler(): Handler {
  return async (url, request) => {
    const text = await request.text();
    const dryRun = url.searchParams.get('dry_run') === 'true';
    if (text.includes('soon')) {
      return problem(422, 'csv-invalid-rows', 'Some rows are not valid', { detail: '1 of 2 rows have errors; nothing was imported.', report: BAD_REPORT });
    }
    const report: ImportReport = dryRun
      ? makeReport()
      : makeReport({
          dry_run: false,
          imported: true,
          items: [
            { row: 2, external_id: 'vrm-001', outcome: 'created', item_id: ITEM_ID },
            { row: 3, external_id: 'vrm-002', outcome: 'created', item_id: OTHER_ITEM_ID },
          ],
        });
    return json(report);
  };
}

function serve(handler: Handler = importHandler()) {
  serveApi({ ...oidcProvider(), ...meHandlers(), [`POST ${IMPORT}`]: handler });
  signIn(EDITOR);
}

function csv(text: string, name = 'items.csv') {
  return new File([text], name, { type: 'text/csv' });
}

describe('importing items from a CSV file', () => {
  it('reports every bad row and imports nothing; the corrected file is checked, then imported as drafts', { timeout: 30_000 }, async () => {
    serve();
    const { user } = renderApp('/editor/catalog/import');

    const input = await screen.findByLabelText('CSV file');
    await user.upload(input, csv(BAD));
    await user.click(screen.getByRole('button', { name: 'Check the file' }));

    const check = await screen.findByRole('region', { name: 'Check of items.csv' });
    // Focus moves to the result, so a screen reader reads it next.
    await waitFor(() => {
      expect(within(check).getByRole('heading', { level: 2 })).toHaveFocus();
    });
    expect(check).toHaveTextContent('Rows: 2. Valid: 1. With errors: 1.');
    const table = within(check).getByRole('table', { name: 'Rows to fix (rows with errors: 1)' });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows).toHaveLength(4);
    expect(within(rows[0] as HTMLElement).getByRole('rowheader')).toHaveTextContent('Row 3');
    expect(rows[0]).toHaveTextContent('duration_minutes');
    expect(rows[0]).toHaveTextContent('soon');
    expect(rows[0]).toHaveTextContent('Write a whole number of minutes, e.g. 45.');
    expect(rows[1]).toHaveTextContent('title_lt');
    expect(rows[1]).toHaveTextContent('This cell is required and empty.');
    expect(rows[2]).toHaveTextContent('This is not a DigComp 2.2 competence');
    // A reason the interface has no words for is shown as the service wrote it, marked as English.
    expect(within(rows[3] as HTMLElement).getByText('Something new the interface does not know.')).toHaveAttribute('lang', 'en');
    expect(rows[3]).toHaveTextContent('The whole row');
    expect(check).toHaveTextContent('Nothing will be imported while a row has errors.');
    expect(within(check).queryByRole('button', { name: /Import/ })).not.toBeInTheDocument();
    const first = sentRequests('POST', IMPORT)[0];
    expect(first?.url.searchParams.get('dry_run')).toBe('true');
    expect(first?.url.searchParams.get('mode')).toBe('all_or_nothing');
    expect(first?.headers.get('Content-Type')).toBe('text/csv');
    expect(first?.body).toBe(BAD);

    // The editor fixes the file and chooses it again: the old report goes.
    await user.upload(input, csv(GOOD, 'items-fixed.csv'));
    expect(screen.queryByRole('region', { name: 'Check of items.csv' })).not.toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Check the file' }));
    const recheck = await screen.findByRole('region', { name: 'Check of items-fixed.csv' });
    expect(recheck).toHaveTextContent('Rows: 2. Valid: 2. With errors: 0.');
    expect(recheck).toHaveTextContent('Importing creates 2, updates 0 and leaves 0 unchanged.');
    expect(within(recheck).queryByRole('table')).not.toBeInTheDocument();

    await user.click(within(recheck).getByRole('button', { name: 'Import the valid rows (2)' }));
    const imported = await screen.findByRole('region', { name: 'Imported' });
    expect(imported).toHaveTextContent('Created: 2. Updated: 0. Unchanged: 0.');
    expect(within(imported).getByRole('link', { name: 'vrm-002' })).toHaveAttribute('href', `/editor/catalog/${OTHER_ITEM_ID}`);
    expect(within(imported).getAllByText('Created (draft)')).toHaveLength(2);
    const last = sentRequests('POST', IMPORT).at(-1);
    expect(last?.url.searchParams.get('dry_run')).toBe('false');
    expect(last?.body).toBe(GOOD);
  });

  it('imports only the valid rows when the editor asks for that', async () => {
    serve((url) => {
      const dryRun = url.searchParams.get('dry_run') === 'true';
      return json({ ...BAD_REPORT, mode: 'only_valid_rows', dry_run: dryRun, imported: !dryRun });
    });
    const { user } = renderApp('/editor/catalog/import');

    await user.upload(await screen.findByLabelText('CSV file'), csv(BAD));
    await user.click(screen.getByRole('radio', { name: 'Import only the valid rows' }));
    await user.click(screen.getByRole('button', { name: 'Check the file' }));

    const check = await screen.findByRole('region', { name: 'Check of items.csv' });
    expect(within(check).getByRole('table', { name: /Rows to fix/ })).toBeInTheDocument();
    await user.click(within(check).getByRole('button', { name: 'Import the valid rows (1)' }));

    expect(await screen.findByRole('region', { name: 'Imported' })).toHaveTextContent('Created: 1.');
    expect(sentRequests('POST', IMPORT).map((r) => r.url.searchParams.get('mode'))).toEqual(['only_valid_rows', 'only_valid_rows']);
  });

  it('explains a file it cannot read at all, in the interface’s words and the service’s', async () => {
    serve(() =>
      problem(415, 'csv-encoding', 'The file is not UTF-8 text', {
        detail: "Byte 0xE0 on line 2 is not UTF-8 (Windows-1257 or another code page?). Save the file as 'CSV UTF-8 (comma delimited)' and upload it again.",
      }),
    );
    const { user } = renderApp('/editor/catalog/import');

    await user.upload(await screen.findByLabelText('CSV file'), new File([new Uint8Array([0x61, 0x0a, 0xe0])], 'old.csv'));
    await user.click(screen.getByRole('button', { name: 'Check the file' }));

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('The file could not be read');
    expect(alert).toHaveTextContent('The file is not saved as UTF-8 text.');
    expect(within(alert).getByText(/Byte 0xE0 on line 2/)).toHaveAttribute('lang', 'en');
  });

  it('asks for a file before checking', async () => {
    serve();
    const { user } = renderApp('/editor/catalog/import');

    await user.click(await screen.findByRole('button', { name: 'Check the file' }));
    expect(screen.getByLabelText('CSV file')).toHaveAccessibleDescription('Choose a CSV file first.');
    expect(screen.getByLabelText('CSV file')).toHaveAttribute('aria-invalid', 'true');
    expect(sentRequests('POST', IMPORT)).toEqual([]);
  });
});
