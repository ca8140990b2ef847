import type { TFunction } from 'i18next';

import { pickText } from '@/lib/localized-text';

import type { Competence } from '../api/framework';
import type { Accessibility, Duration, ItemDetail } from '../api/types';

// Records, not lists, so the compiler insists on every value the contract has, and no other.
const KINDS: Record<ItemDetail['kind'], true> = {
  micro_lesson: true,
  course: true,
  video: true,
  external_course: true,
  use_case: true,
  document: true,
  workshop: true,
};
const ACCESSIBILITY: Record<Accessibility, true> = {
  captions: true,
  transcript: true,
  screen_reader_friendly: true,
  easy_to_read: true,
};
const DURATIONS: Record<Duration, true> = { short: true, medium: true, long: true };
const FORMATS: Record<ItemDetail['format'], true> = { online_self_paced: true, online_live: true, in_person: true, blended: true };

function isKnown<T extends string>(table: Readonly<Record<T, true>>, value: unknown): value is T {
  return typeof value === 'string' && Object.hasOwn(table, value);
}

/** Every kind, in the order the filters list them. */
export const KIND_ORDER = Object.keys(KINDS) as readonly ItemDetail['kind'][];
export const ACCESSIBILITY_ORDER = Object.keys(ACCESSIBILITY) as readonly Accessibility[];
export const DURATION_ORDER = Object.keys(DURATIONS) as readonly Duration[];

export const isKind = (value: unknown): value is ItemDetail['kind'] => isKnown(KINDS, value);
export const isAccessibility = (value: unknown): value is Accessibility => isKnown(ACCESSIBILITY, value);
export const isDuration = (value: unknown): value is Duration => isKnown(DURATIONS, value);

/** A kind's name; a kind this interface does not know yet shows as the service wrote it. */
export function kindLabel(kind: string, t: TFunction): string {
  return isKnown(KINDS, kind) ? t(`catalog.kind.${kind}`) : kind;
}

export function accessibilityLabel(feature: string, t: TFunction): string {
  return isKnown(ACCESSIBILITY, feature) ? t(`catalog.accessibility.${feature}`) : feature;
}

/** A duration bucket of the filter ("Up to 15 minutes"). */
export function durationLabel(bucket: string, t: TFunction): string {
  return isKnown(DURATIONS, bucket) ? t(`catalog.duration.${bucket}`) : bucket;
}

export function formatLabel(format: string, t: TFunction): string {
  return isKnown(FORMATS, format) ? t(`catalog.format.${format}`) : format;
}

/** "4.1 Protecting devices": a competence tag by its code and DigComp name (the code alone until names load). */
export function competenceLabel(code: string, competences: ReadonlyMap<string, Competence>, language: string): string {
  const competence = competences.get(code);
  const name = competence ? pickText(competence.title, language)?.text : undefined;
  return name ? `${code} ${name}` : code;
}

/** An average rating with one decimal in the reader's number format ("4.5", "4,5"). */
export function formatRating(average: number, language: string): string {
  return new Intl.NumberFormat(language, { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(average);
}
