/**
 * The catalog's closed vocabularies (item kinds, formats, accessibility features) from its contract,
 * listed once for the catalog and its editor.
 */
import type { components } from '@/api/schema';
import { isKnown } from '@/lib/known';

type Schemas = components['schemas'];

export type ItemKind = Schemas['catalog.ItemKind'];
export type ItemFormat = Schemas['catalog.ItemFormat'];
export type AccessibilityFeature = Schemas['catalog.Accessibility'];

// Records, not lists, so the compiler insists on every value the contract has, and no other.
const KIND: Record<ItemKind, true> = {
  micro_lesson: true,
  course: true,
  video: true,
  external_course: true,
  use_case: true,
  document: true,
  workshop: true,
};
const FORMAT: Record<ItemFormat, true> = { online_self_paced: true, online_live: true, in_person: true, blended: true };
const ACCESSIBILITY: Record<AccessibilityFeature, true> = {
  captions: true,
  transcript: true,
  screen_reader_friendly: true,
  easy_to_read: true,
};

/** Every value, in the order forms and filters list them. */
export const ITEM_KINDS = Object.keys(KIND) as readonly ItemKind[];
export const ITEM_FORMATS = Object.keys(FORMAT) as readonly ItemFormat[];
export const ACCESSIBILITY_FEATURES = Object.keys(ACCESSIBILITY) as readonly AccessibilityFeature[];

export const isItemKind = (value: unknown): value is ItemKind => isKnown(KIND, value);
export const isItemFormat = (value: unknown): value is ItemFormat => isKnown(FORMAT, value);
export const isAccessibilityFeature = (value: unknown): value is AccessibilityFeature => isKnown(ACCESSIBILITY, value);
