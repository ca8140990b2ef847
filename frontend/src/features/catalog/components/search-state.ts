/**
 * A catalog search as the URL holds it, so a search can be bookmarked, shared and gone back to.
 * Multi-valued filters repeat their parameter (`?kind=video&kind=course`); a value the URL holds
 * that is not a known one is dropped rather than sent.
 */
import { isAccessibilityFeature, isItemKind } from '@/api/catalog-terms';

import type { Accessibility, Duration, ItemDetail, SearchParams, Sort } from '../api/types';
import { isDuration } from './labels';

const SORT_TABLE: Record<Sort, true> = { relevance: true, newest: true, title: true, duration: true, rating: true };
/** Every order, as the sort box lists them. */
export const SORTS = Object.keys(SORT_TABLE) as readonly Sort[];

export const LEVELS = [1, 2, 3, 4, 5, 6, 7, 8] as const;

export interface SearchState {
  q: string;
  kind: ItemDetail['kind'][];
  competence: string[];
  duration: Duration[];
  language: string[];
  accessibility: Accessibility[];
  level: number | undefined;
  upcoming: boolean;
  sort: Sort | undefined;
}

/** The filters that take several values at once, by their URL (and API) parameter name. */
export type MultiFilter = 'kind' | 'competence' | 'duration' | 'language' | 'accessibility';

const COMPETENCE = /^[1-9]\.[1-9]$/;
const LANGUAGE = /^[a-z]{2,3}$/;
const MAX_QUERY = 200;

export function isSort(value: unknown): value is Sort {
  return typeof value === 'string' && Object.hasOwn(SORT_TABLE, value);
}

// Sorted, so one search has one URL and one cache entry whatever order its filters were chosen in.
function all<T extends string>(params: URLSearchParams, name: string, valid: (value: string) => value is T): T[] {
  return [...new Set(params.getAll(name))].filter(valid).sort();
}

const matching = (pattern: RegExp) => (value: string): value is string => pattern.test(value);

export function readSearch(params: URLSearchParams): SearchState {
  const level = Number(params.get('level'));
  const sort = params.get('sort');
  return {
    q: (params.get('q') ?? '').trim().slice(0, MAX_QUERY),
    kind: all(params, 'kind', isItemKind),
    competence: all(params, 'competence', matching(COMPETENCE)),
    duration: all(params, 'duration', isDuration),
    language: all(params, 'language', matching(LANGUAGE)),
    accessibility: all(params, 'accessibility', isAccessibilityFeature),
    level: LEVELS.some((known) => known === level) ? level : undefined,
    upcoming: params.get('upcoming') === 'true',
    sort: isSort(sort) ? sort : undefined,
  };
}

export function writeSearch(state: SearchState): URLSearchParams {
  const params = new URLSearchParams();
  const append = (name: string, values: readonly string[]) => {
    for (const value of [...values].sort()) params.append(name, value);
  };
  if (state.q) params.set('q', state.q);
  append('kind', state.kind);
  append('competence', state.competence);
  if (state.level !== undefined) params.set('level', String(state.level));
  append('duration', state.duration);
  append('language', state.language);
  append('accessibility', state.accessibility);
  if (state.upcoming) params.set('upcoming', 'true');
  if (state.sort) params.set('sort', state.sort);
  return params;
}

export const EMPTY_SEARCH: SearchState = {
  q: '',
  kind: [],
  competence: [],
  duration: [],
  language: [],
  accessibility: [],
  level: undefined,
  upcoming: false,
  sort: undefined,
};

/** Whether any filter (not the words, not the order) narrows the results. */
export function hasFilters(state: SearchState): boolean {
  const lists = [state.kind, state.competence, state.duration, state.language, state.accessibility];
  return lists.some((list) => list.length > 0) || state.level !== undefined || state.upcoming;
}

/** The same search without its filters: the words and the order stay. */
export function withoutFilters(state: SearchState): SearchState {
  return { ...EMPTY_SEARCH, q: state.q, sort: state.sort };
}

/** The order results are shown in: relevance when words were given, newest first when browsing. */
export function effectiveSort(state: SearchState): Sort {
  if (state.sort === 'relevance' && !state.q) return 'newest';
  return state.sort ?? (state.q ? 'relevance' : 'newest');
}

/** The API's question for a search, with the reader's language (whose items come first). */
export function toSearchParams(state: SearchState, language: string): Omit<SearchParams, 'cursor' | 'limit'> {
  return {
    ...(state.q ? { q: state.q } : {}),
    ...(state.kind.length ? { kind: state.kind } : {}),
    ...(state.competence.length ? { competence: state.competence } : {}),
    ...(state.level !== undefined ? { level: state.level } : {}),
    ...(state.duration.length ? { duration: state.duration } : {}),
    ...(state.language.length ? { language: state.language } : {}),
    ...(state.accessibility.length ? { accessibility: state.accessibility } : {}),
    ...(state.upcoming ? { has_upcoming_session: true } : {}),
    sort: effectiveSort(state),
    lang: language,
  };
}
