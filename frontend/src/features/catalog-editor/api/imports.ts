/** CSV import and export of learning items (content editors), wrapped per operation. */
import { useMutation, useQueryClient } from '@tanstack/react-query';

import { api } from '@/api/client';
import { ApiProblem, toProblem, unwrap } from '@/api/problem';
import type { paths } from '@/api/schema';

type ImportItems = paths['/api/catalog/imports/items']['post'];
type ExportItems = paths['/api/catalog/exports/items.csv']['get'];

export type ImportReport = ImportItems['responses'][200]['content']['application/json'];
export type ImportMode = NonNullable<NonNullable<ImportItems['parameters']['query']>['mode']>;
export type RowError = ImportReport['errors'][number];
export type ImportedRow = ImportReport['items'][number];
export type ExportQuery = NonNullable<ExportItems['parameters']['query']>;

const MODE: Record<ImportMode, true> = { all_or_nothing: true, only_valid_rows: true };
export const IMPORT_MODES = Object.keys(MODE) as readonly ImportMode[];

export function isImportMode(value: unknown): value is ImportMode {
  return typeof value === 'string' && Object.hasOwn(MODE, value);
}

export interface ImportInput {
  file: Blob;
  mode: ImportMode;
  /** Check and report only; nothing is written. */
  dryRun: boolean;
}

/** The report a refused import carries in its problem document (bad rows, nothing written). */
export function reportOf(error: unknown): ImportReport | null {
  if (!(error instanceof ApiProblem)) return null;
  const { report } = error.extensions;
  return typeof report === 'object' && report !== null && 'errors' in report ? (report as ImportReport) : null;
}

/** The file's bytes as they are: the service, not the browser, decides whether they are UTF-8 text. */
function readBytes(file: Blob): Promise<Uint8Array> {
  // FileReader rather than Blob.arrayBuffer(), which older browsers (and jsdom) lack.
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => {
      resolve(new Uint8Array(reader.result as ArrayBuffer));
    };
    reader.onerror = () => {
      reject(reader.error ?? new Error('The file could not be read.'));
    };
    reader.readAsArrayBuffer(file);
  });
}

async function importItems({ file, mode, dryRun }: ImportInput): Promise<ImportReport> {
  const bytes = await readBytes(file);
  return unwrap(
    api.POST('/api/catalog/imports/items', {
      params: { query: { mode, dry_run: dryRun } },
      // The contract's body is the raw file; openapi-fetch would otherwise send it as JSON.
      body: bytes as unknown as string,
      bodySerializer: (body) => body,
      headers: { 'Content-Type': 'text/csv' },
    }),
  );
}

/**
 * Checks (dry run) or imports a CSV file. A file with bad rows in all-or-nothing mode is refused
 * with a 422 whose `report` lists them: `reportOf(error)` reads it.
 */
export function useImportItems() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: importItems,
    onSuccess: (report) => {
      if (report.imported) void queryClient.invalidateQueries({ queryKey: ['catalog-editor', 'items'] });
    },
  });
}

/** The items this editor may change, as a CSV file in the import's format. */
export async function exportItems(query: ExportQuery): Promise<Blob> {
  const { data, error, response } = await api.GET('/api/catalog/exports/items.csv', {
    params: { query },
    parseAs: 'blob',
    headers: { Accept: 'text/csv, application/problem+json' },
  });
  if (!response.ok || data === undefined) {
    throw toProblem(error, response);
  }
  return data;
}

