/** Catalog answers for the editor's route tests, shaped like the catalog service's. */
import { json, page, type Handler } from '@/testing/fake-api';
import { frameworkHandler } from '@/testing/framework';
import { MINISTRY_ID, PERSON_ID } from '@/testing/identity';

import type { ImportReport } from '../api/imports';
import type { ItemDetail, ItemSummary, ItemVersion } from '../api/items';

export const ITEM_ID = 'cccccccc-0000-4000-8000-000000000011';
export const OTHER_ITEM_ID = 'cccccccc-0000-4000-8000-000000000012';
export const OTHER_EDITOR = 'dddddddd-0000-4000-8000-000000000001';
export const EDITOR = { roles: ['learner', 'content_editor'] };
/** Another ministry: its public items are readable by everyone, changeable only by its own editors. */
export const OTHER_MINISTRY_ID = '55555555-0000-4000-8000-000000000001';

/** A micro-lesson written in English, its Lithuanian summary still missing, as a draft at version 3. */
export function makeItem(overrides: Partial<ItemDetail> = {}): ItemDetail {
  return {
    id: ITEM_ID,
    slug: 'strong-passwords',
    kind: 'micro_lesson',
    title: { en: 'Strong passwords', lt: 'Saugūs slaptažodžiai' },
    summary: { en: 'How to make one you can remember.' },
    body: { en: '## Why\n\nLong beats clever.' },
    body_html: { en: '<h2>Why</h2>\n<p>Long beats clever.</p>' },
    url: null,
    duration_minutes: 10,
    format: 'online_self_paced',
    provider: 'Digital Lithuania Academy',
    licence: 'CC-BY-4.0',
    cost_eur: '0.00',
    languages: ['en', 'lt'],
    accessibility: ['screen_reader_friendly'],
    competence_levels: [{ code: '4.1', level_min: 1, level_max: 2 }],
    competences: ['4.1'],
    level_min: 1,
    level_max: 2,
    prerequisites: [],
    external_id: null,
    owner_org_id: null,
    visibility: 'public',
    status: 'draft',
    version: 3,
    rating_count: 0,
    rating_average: null,
    created_at: '2026-11-01T10:00:00Z',
    updated_at: '2026-11-30T10:00:00Z',
    published_at: null,
    ...overrides,
  };
}

export function summaryOf(item: ItemDetail): ItemSummary {
  const summary: Partial<ItemDetail> = { ...item };
  delete summary.body;
  delete summary.body_html;
  delete summary.prerequisites;
  return summary as ItemSummary;
}

/** The versions of `item` up to its own, every one a draft unless `statuses` says otherwise. */
export function makeVersions(item: ItemDetail, statuses: Partial<Record<number, ItemVersion['status']>> = {}, notes: Partial<Record<number, string>> = {}): ItemVersion[] {
  const content: ItemVersion['content'] = {
    kind: item.kind,
    title: item.title,
    summary: item.summary,
    body: item.body,
    url: item.url,
    duration_minutes: item.duration_minutes,
    format: item.format,
    provider: item.provider,
    licence: item.licence,
    cost_eur: item.cost_eur,
    languages: item.languages,
    accessibility: item.accessibility,
    competence_levels: item.competence_levels,
    prerequisites: item.prerequisites,
    external_id: item.external_id,
    visibility: item.visibility,
  };
  return Array.from({ length: item.version }, (_, i) => ({
    version: i + 1,
    status: statuses[i + 1] ?? 'draft',
    content,
    note: notes[i + 1] ?? null,
    changed_by: i === 0 ? PERSON_ID : OTHER_EDITOR,
    changed_at: `2026-11-${String(20 + i).padStart(2, '0')}T10:00:00Z`,
  }));
}

/** The framework and one item (with its versions) for the editor's screens. */
export function itemHandlers(item: ItemDetail, versions: ItemVersion[] = makeVersions(item)): Record<string, Handler> {
  return {
    'GET /api/assessment/frameworks/digcomp-2.2': frameworkHandler(),
    'GET /api/catalog/items/:id': () => json(item),
    'GET /api/catalog/items/:id/versions': () => json(versions),
  };
}

const fold = (text: string) => text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();

/**
 * GET /api/catalog/items over `all`, as the service answers it: `status` (repeatable), `kind` and
 * `competence` filter; `q` keeps items whose title, summary (any language), slug or external id
 * contain it, case and diacritics ignored; `editable=true` keeps the items an editor of
 * `editorOrgs` may change (the platform's own and their organisations'); `limit` and `offset` page.
 */
export function listHandler(all: readonly ItemSummary[], editorOrgs: readonly string[] = [MINISTRY_ID]): Handler {
  return (url) => {
    const params = url.searchParams;
    const statuses = params.getAll('status');
    const kind = params.get('kind');
    const competence = params.get('competence');
    const q = fold(params.get('q') ?? '');
    const editable = params.get('editable') === 'true';
    const texts = (item: ItemSummary) => [...Object.values(item.title), ...Object.values(item.summary), item.slug, item.external_id ?? ''];
    const matching = all.filter(
      (item) =>
        (statuses.length === 0 ? item.status === 'published' : statuses.includes(item.status)) &&
        (!kind || item.kind === kind) &&
        (!competence || item.competences.includes(competence)) &&
        (!q || texts(item).some((text) => fold(text).includes(q))) &&
        (!editable || item.owner_org_id === null || editorOrgs.includes(item.owner_org_id)),
    );
    return page(matching, Number(params.get('limit') ?? '20'), Number(params.get('offset') ?? '0'));
  };
}

export function makeReport(overrides: Partial<ImportReport> = {}): ImportReport {
  return {
    mode: 'all_or_nothing',
    dry_run: true,
    imported: false,
    rows: 2,
    valid: 2,
    invalid: 0,
    created: 2,
    updated: 0,
    unchanged: 0,
    errors: [],
    items: [
      { row: 2, external_id: 'vrm-001', outcome: 'created', item_id: null },
      { row: 3, external_id: 'vrm-002', outcome: 'created', item_id: null },
    ],
    ...overrides,
  };
}
