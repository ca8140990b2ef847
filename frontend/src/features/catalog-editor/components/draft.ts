/**
 * The catalog editor's working copy of an item: every text holds every interface language (empty
 * while it is written or translated), numbers as the fields hold them. `toContent` turns it into
 * the API's shape, `fromItem` and `fromContent` back.
 */
import type { AccessibilityFeature, ItemFormat, ItemKind } from '@/api/catalog-terms';
import { blank, compact, full, type Text } from '@/lib/editable-text';

import type { ItemDetail, ItemVersion, Visibility } from '../api/items';

export interface CompetenceTag {
  code: string;
  levelMin: number;
  levelMax: number;
}

/** Who owns a new item and who sees it; a stored item keeps its owner, only its visibility changes. */
export type Ownership = 'platform' | 'organisation_public' | 'organisation_private';

export interface Draft {
  kind: ItemKind;
  title: Text;
  summary: Text;
  body: Text;
  /** NaN while the field is empty. */
  durationMinutes: number;
  format: ItemFormat;
  provider: string;
  licence: string;
  /** NaN while the field is empty (sent as 0: free). */
  costEur: number;
  languages: string[];
  accessibility: AccessibilityFeature[];
  competences: CompetenceTag[];
  prerequisites: string[];
  url: string;
  externalId: string;
  visibility: Visibility;
  note: string;
}

/** A new item's own fields: its slug (the natural key) and its owner. */
export interface NewItemFields {
  slug: string;
  /** Whether the editor wrote the slug: until then it follows the title. */
  slugEdited: boolean;
  ownership: Ownership;
}

export type ItemContent = ItemVersion['content'];

export function newDraft(): Draft {
  return {
    kind: 'micro_lesson',
    title: blank(),
    summary: blank(),
    body: blank(),
    durationMinutes: Number.NaN,
    format: 'online_self_paced',
    provider: '',
    licence: '',
    costEur: 0,
    languages: ['lt', 'en'],
    accessibility: [],
    competences: [],
    prerequisites: [],
    url: '',
    externalId: '',
    visibility: 'public',
    note: '',
  };
}

export function newItemFields(): NewItemFields {
  return { slug: '', slugEdited: false, ownership: 'platform' };
}

function decimal(value: string): number {
  const number = Number(value);
  return Number.isFinite(number) ? number : 0;
}

/** The editable fields of a stored item or of one of its versions. */
export function fromContent(content: ItemContent | ItemDetail): Draft {
  return {
    kind: content.kind,
    title: full(content.title),
    summary: full(content.summary),
    body: full(content.body),
    durationMinutes: content.duration_minutes,
    format: content.format,
    provider: content.provider ?? '',
    licence: content.licence ?? '',
    costEur: decimal(content.cost_eur),
    languages: [...content.languages],
    accessibility: [...content.accessibility],
    competences: content.competence_levels.map((tag) => ({ code: tag.code, levelMin: tag.level_min, levelMax: tag.level_max })),
    prerequisites: [...content.prerequisites],
    url: content.url ?? '',
    externalId: content.external_id ?? '',
    visibility: content.visibility,
    note: '',
  };
}

export function fromItem(item: ItemDetail): Draft {
  return fromContent(item);
}

/** The item's content as the API takes it: empty languages and empty optional fields left out. */
export function toContent(draft: Draft): ItemContent {
  const optional = (value: string) => value.trim() || null;
  return {
    kind: draft.kind,
    title: compact(draft.title, { trim: true }),
    summary: compact(draft.summary, { trim: true }),
    body: compact(draft.body, { trim: true }),
    url: optional(draft.url),
    // The form refuses to send an empty duration (see `missingFields`); NaN never reaches the API.
    duration_minutes: draft.durationMinutes,
    format: draft.format,
    provider: optional(draft.provider),
    licence: optional(draft.licence),
    cost_eur: (Number.isFinite(draft.costEur) ? draft.costEur : 0).toFixed(2),
    languages: draft.languages,
    accessibility: draft.accessibility,
    competence_levels: draft.competences
      .filter((tag) => tag.code !== '')
      .map((tag) => ({ code: tag.code, level_min: tag.levelMin, level_max: tag.levelMax })),
    prerequisites: draft.prerequisites,
    external_id: optional(draft.externalId),
    visibility: draft.visibility,
  };
}

/** Compares two drafts by what would be saved (not by the change note). */
export function fingerprint(draft: Draft): string {
  return JSON.stringify(toContent(draft));
}

/** `Strong passwords & 2FA` → `strong-passwords-2fa`; Lithuanian letters lose their marks. */
export function slugify(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80)
    .replace(/-+$/, '');
}

/** The owner and visibility a new item is sent with. */
export function ownershipFields(ownership: Ownership): { owner: 'platform' | 'organisation'; visibility: Visibility } {
  switch (ownership) {
    case 'platform':
      return { owner: 'platform', visibility: 'public' };
    case 'organisation_public':
      return { owner: 'organisation', visibility: 'public' };
    case 'organisation_private':
      return { owner: 'organisation', visibility: 'organisation' };
  }
}

/** The field names the form shows, for placing the service's errors next to them (a new item also has its slug and owner). */
export function fieldNames(draft: Draft, isNew = false): Set<string> {
  const names = new Set([
    'kind',
    'duration_minutes',
    'format',
    'provider',
    'licence',
    'cost_eur',
    'languages',
    'accessibility',
    'competence_levels',
    'prerequisites',
    'url',
    'external_id',
    'visibility',
    'note',
    ...(isNew ? ['slug', 'owner'] : []),
  ]);
  for (const field of ['title', 'summary', 'body'] as const) {
    names.add(field);
    for (const language of Object.keys(draft[field])) names.add(`${field}.${language}`);
  }
  draft.competences.forEach((_, index) => {
    for (const part of ['code', 'level_min', 'level_max']) names.add(`competence_levels.${String(index)}.${part}`);
    names.add(`competence_levels.${String(index)}`);
  });
  return names;
}

/** Required fields the form can check itself, before asking the service. */
export function missingFields(draft: Draft): string[] {
  return Number.isFinite(draft.durationMinutes) ? [] : ['duration_minutes'];
}
