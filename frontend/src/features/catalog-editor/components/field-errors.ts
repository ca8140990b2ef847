import type { TFunction } from 'i18next';

import { ApiProblem, type FieldProblem } from '@/api/problem';

/** The problems of a refused save, placed by field name (`title.lt`, `competence_levels.0.level_max`), and the rest. */
export interface PlacedErrors {
  byField: Record<string, string>;
  /** Problems of the whole item, or of a field the form does not show, in the service's (English) words. */
  general: string[];
}

export const NO_ERRORS: PlacedErrors = { byField: {}, general: [] };

/** The field name a problem's `loc` points at: ["body", "title", "lt"] → "title.lt". */
export function fieldName(loc: readonly (string | number)[]): string {
  const parts = loc[0] === 'body' ? loc.slice(1) : [...loc];
  return parts.map(String).join('.');
}

function message(problem: FieldProblem, t: TFunction): string {
  const { type, msg } = problem;
  if (/HTML/.test(msg)) return t('catalogEditor.errors.markup');
  if (type === 'missing' || type.startsWith('string_too_short')) return t('forms.required');
  if (type === 'too_short') return t('catalogEditor.errors.oneLanguage');
  if (type.startsWith('string_too_long') || type === 'too_long') return t('forms.tooLong');
  if (type === 'string_pattern_mismatch') return t('catalogEditor.errors.slug');
  if (type.startsWith('url')) return t('catalogEditor.errors.url');
  if (type.startsWith('greater_than') || type.startsWith('less_than') || type.startsWith('decimal')) return t('forms.outOfRange');
  if (/level_max must not be below/.test(msg)) return t('catalogEditor.errors.levels');
  return t('forms.invalid');
}

/** Where the item's own checks (a model-level "Value error") point, by what they say. */
function nameOfItemCheck(msg: string): string | undefined {
  if (/competence may be tagged only once/.test(msg)) return 'competence_levels';
  if (/must be owned by it/.test(msg)) return 'owner';
  return undefined;
}

function itemCheckMessage(name: string, t: TFunction): string {
  return name === 'owner' ? t('catalogEditor.errors.privateOwner') : t('catalogEditor.errors.competenceTwice');
}

/** Places each problem of a refused save next to its field; `shown` says which fields the form has. */
export function placeErrors(error: unknown, shown: ReadonlySet<string>, t: TFunction): PlacedErrors {
  const placed: PlacedErrors = { byField: {}, general: [] };
  if (!(error instanceof ApiProblem)) return placed;
  for (const problem of error.errors) {
    let name = fieldName(problem.loc);
    const check = name === '' ? nameOfItemCheck(problem.msg) : undefined;
    if (check) name = check;
    // A level range's own check names the tag, not one of its two levels: show it at the higher one.
    if (/^competence_levels\.\d+$/.test(name)) name = `${name}.level_max`;
    if (name && shown.has(name)) {
      placed.byField[name] ??= check ? itemCheckMessage(check, t) : message(problem, t);
    } else {
      placed.general.push(problem.msg);
    }
  }
  // A problem with no field list (an unknown prerequisite, a taken external id) has only its detail.
  if (error.errors.length === 0 && error.detail) placed.general.push(error.detail);
  return placed;
}
