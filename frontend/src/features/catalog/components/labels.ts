import type { TFunction } from 'i18next';

import { isAccessibilityFeature, isItemFormat, isItemKind } from '@/api/catalog-terms';
import { isKnown } from '@/lib/known';

import type { Duration } from '../api/types';

// Records, not lists, so the compiler insists on every value the contract has, and no other.
const DURATIONS: Record<Duration, true> = { short: true, medium: true, long: true };

export const DURATION_ORDER = Object.keys(DURATIONS) as readonly Duration[];

export const isDuration = (value: unknown): value is Duration => isKnown(DURATIONS, value);

/** A kind's name; a kind this interface does not know yet shows as the service wrote it. */
export function kindLabel(kind: string, t: TFunction): string {
  return isItemKind(kind) ? t(`catalog.kind.${kind}`) : kind;
}

export function accessibilityLabel(feature: string, t: TFunction): string {
  return isAccessibilityFeature(feature) ? t(`catalog.accessibility.${feature}`) : feature;
}

/** A duration bucket of the filter ("Up to 15 minutes"). */
export function durationLabel(bucket: string, t: TFunction): string {
  return isKnown(DURATIONS, bucket) ? t(`catalog.duration.${bucket}`) : bucket;
}

export function formatLabel(format: string, t: TFunction): string {
  return isItemFormat(format) ? t(`catalog.format.${format}`) : format;
}

/** An average rating with one decimal in the reader's number format ("4.5", "4,5"). */
export function formatRating(average: number, language: string): string {
  return new Intl.NumberFormat(language, { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(average);
}
