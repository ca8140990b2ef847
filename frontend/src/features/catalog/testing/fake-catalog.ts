import { json, problem, type Handler } from '@/testing/fake-api';

import type { FacetValue, Facets, ItemDetail, SearchHit, SearchPage } from '../api/types';

let sequence = 0;

function nextId(): string {
  sequence += 1;
  return `00000000-0000-4000-8000-${String(sequence).padStart(12, '0')}`;
}

/** A search result card with sensible defaults; override what the test is about. */
export function makeHit(overrides: Partial<SearchHit> = {}): SearchHit {
  const id = overrides.id ?? nextId();
  return {
    id,
    slug: `item-${id.slice(-4)}`,
    kind: 'micro_lesson',
    title: { en: `Lesson ${id.slice(-4)}`, lt: `Pamoka ${id.slice(-4)}` },
    summary: { en: 'What it teaches.', lt: 'Ko ji moko.' },
    duration_minutes: 10,
    languages: ['en', 'lt'],
    competences: ['4.1'],
    level_min: 1,
    level_max: 2,
    accessibility: [],
    rating_average: null,
    rating_count: 0,
    has_upcoming_session: false,
    ...overrides,
  };
}

/** A published item as its page reads it. */
export function makeDetail(overrides: Partial<ItemDetail> = {}): ItemDetail {
  const id = overrides.id ?? nextId();
  return {
    id,
    slug: `item-${id.slice(-4)}`,
    kind: 'micro_lesson',
    title: { en: 'Strong passwords and two-step sign-in', lt: 'Kas yra saugus slaptažodis ir kaip jį susikurti' },
    summary: { en: 'What makes a password hard to guess.', lt: 'Koks slaptažodis sunkiai atspėjamas.' },
    body: { en: '## Why\n\nBecause.', lt: '## Kodėl\n\nTodėl.' },
    body_html: {
      en: '<h2>What is a password for?</h2><p>A password is the key to your work account.</p><ul><li>It is <strong>long</strong>.</li><li>It is used only once.</li></ul>',
      lt: '<h2>Kam reikalingas slaptažodis?</h2><p>Slaptažodis – tai jūsų darbo paskyros raktas.</p><ul><li><strong>Ilgas</strong>.</li><li>Naudojamas tik vienoje vietoje.</li></ul>',
    },
    url: null,
    duration_minutes: 6,
    format: 'online_self_paced',
    provider: 'Digital Lithuania Academy',
    licence: 'CC-BY-4.0',
    cost_eur: '0.00',
    languages: ['en', 'lt'],
    accessibility: ['screen_reader_friendly', 'easy_to_read'],
    competence_levels: [{ code: '4.1', level_min: 1, level_max: 2 }],
    competences: ['4.1'],
    level_min: 1,
    level_max: 2,
    prerequisites: [],
    external_id: null,
    owner_org_id: null,
    visibility: 'public',
    status: 'published',
    version: 1,
    rating_count: 0,
    rating_average: null,
    created_at: '2026-11-01T00:00:00Z',
    updated_at: '2026-11-01T00:00:00Z',
    published_at: '2026-11-01T00:00:00Z',
    ...overrides,
  };
}

function count(values: readonly string[]): FacetValue[] {
  const counts = new Map<string, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  return [...counts].map(([value, n]) => ({ value, count: n }));
}

/** Facets counted over `hits` (the fake counts the current results; the service counts disjunctively). */
export function facetsOf(hits: readonly SearchHit[]): Facets {
  const bucket = (minutes: number) => (minutes <= 15 ? 'short' : minutes <= 60 ? 'medium' : 'long');
  return {
    kind: count(hits.map((hit) => hit.kind)),
    competence: count(hits.flatMap((hit) => hit.competences)),
    level: count(hits.flatMap((hit) => Array.from({ length: hit.level_max - hit.level_min + 1 }, (_, i) => String(hit.level_min + i)))),
    language: count(hits.flatMap((hit) => hit.languages)),
    accessibility: count(hits.flatMap((hit) => hit.accessibility)),
    duration: count(hits.map((hit) => bucket(hit.duration_minutes))),
    has_upcoming_session: count(hits.map((hit) => String(hit.has_upcoming_session))),
  };
}

/**
 * A search endpoint over `hits`: `q` matches titles (any language, case and diacritics ignored),
 * kind and language filter (their facets counted disjunctively), and `cursor` is the offset of the
 * next page.
 */
export function searchHandler(hits: readonly SearchHit[], overrides: Partial<SearchPage> = {}): Handler {
  const fold = (text: string) => text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
  return (url) => {
    const params = url.searchParams;
    const q = fold(params.get('q') ?? '');
    const kinds = params.getAll('kind');
    const languages = params.getAll('language');
    const byWords = hits.filter((hit) => !q || Object.values(hit.title).some((title) => fold(title).includes(q)));
    const ofKind = (hit: SearchHit) => kinds.length === 0 || kinds.includes(hit.kind);
    const inLanguage = (hit: SearchHit) => languages.length === 0 || languages.some((language) => hit.languages.includes(language));
    const matching = byWords.filter((hit) => ofKind(hit) && inLanguage(hit));
    // As the service does: each facet counts the matches of every *other* filter.
    const facets = {
      ...facetsOf(matching),
      kind: facetsOf(byWords.filter(inLanguage)).kind,
      language: facetsOf(byWords.filter(ofKind)).language,
    };
    const limit = Number(params.get('limit') ?? '20');
    const cursor = params.get('cursor');
    if (cursor !== null && !/^\d+$/.test(cursor)) return problem(422, 'validation', 'Bad cursor');
    const offset = Number(cursor ?? '0');
    const end = offset + limit;
    return json({
      items: matching.slice(offset, end),
      next_cursor: end < matching.length ? String(end) : null,
      total: matching.length,
      facets,
      match: q ? 'all' : null,
      language: params.get('lang'),
      ...overrides,
    } satisfies SearchPage);
  };
}
