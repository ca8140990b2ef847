import type { TFunction } from 'i18next';

import { ApiProblem, type FieldProblem } from '@/api/problem';

import { STIMULUS_KINDS } from '../api/items';

/** The problems of a refused save, placed by field name (`stem.lt`, `options.1.text.en`), and the rest. */
export interface PlacedErrors {
  byField: Record<string, string>;
  /** Problems of the whole item, or of a field the form does not show, in the service's words. */
  general: string[];
}

/** The field name a problem's `loc` points at: ["body", "stimulus", "email", "subject", "lt"] → "stimulus.subject.lt". */
export function fieldName(loc: readonly (string | number)[]): string {
  const parts = loc[0] === 'body' ? loc.slice(1) : [...loc];
  // A stimulus is a tagged union: pydantic names the kind that was tried, the form does not.
  if (parts[0] === 'stimulus' && (STIMULUS_KINDS as readonly unknown[]).includes(parts[1])) parts.splice(1, 1);
  // The answer is a union of shapes: every shape's complaint is about the answer key.
  if (parts[0] === 'answer') return 'answer';
  return parts.map(String).join('.');
}

function message(problem: FieldProblem, name: string, isText: boolean, t: TFunction): string {
  const { type } = problem;
  // A text with no language at all is sent as {}: "too short" means "write it".
  if (isText && type === 'too_short') return t('itemEditor.errors.textEmpty');
  if (type === 'missing' || type.startsWith('string_too_short')) return t('forms.required');
  if (type.startsWith('string_too_long')) return t('forms.tooLong');
  if (type === 'string_pattern_mismatch' && name === 'key') return t('itemEditor.errors.key');
  if (type === 'too_short') return t('itemEditor.errors.tooFew');
  if (type === 'too_long') return t('itemEditor.errors.tooMany');
  if (type.startsWith('greater_than') || type.startsWith('less_than')) return t('forms.outOfRange');
  if (name === 'answer') return t('itemEditor.errors.answer');
  return t('forms.invalid');
}

/** No problem at all: what the form starts with and goes back to after a save. */
export const NO_ERRORS: PlacedErrors = { byField: {}, general: [] };

/** Where the item's own checks (a model-level "Value error") point, by what they say. */
function nameOfItemCheck(msg: string): string | undefined {
  if (/\banswer\b/.test(msg)) return 'answer';
  if (/interaction and a stimulus/.test(msg)) return 'stimulus.kind';
  return undefined;
}

/** Places each problem of a refused save next to its field; `shown` says which fields the form has. */
export function placeErrors(
  error: unknown,
  shown: ReadonlySet<string>,
  texts: ReadonlySet<string>,
  t: TFunction,
): PlacedErrors {
  const placed: PlacedErrors = { byField: {}, general: [] };
  if (!(error instanceof ApiProblem)) return placed;
  for (const problem of error.errors) {
    let name = fieldName(problem.loc);
    if (name === '') name = nameOfItemCheck(problem.msg) ?? '';
    if (name && shown.has(name)) {
      placed.byField[name] ??= name === 'answer' && problem.type.startsWith('value_error') ? t('itemEditor.errors.answer') : message(problem, name, texts.has(name), t);
    } else {
      placed.general.push(problem.msg);
    }
  }
  return placed;
}
