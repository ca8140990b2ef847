import type { TFunction } from 'i18next';

import { ApiProblem } from '@/api/problem';

/**
 * The field errors of a validation problem, by field name, for a react-aria Form's `validationErrors`.
 * Messages are the interface's own (the service's are English); `loc` is ["body", field, ...].
 */
export function fieldErrors(error: unknown, t: TFunction): Record<string, string> {
  if (!(error instanceof ApiProblem)) return {};
  const result: Record<string, string> = {};
  for (const problem of error.errors) {
    const [where, field] = problem.loc;
    if (where !== 'body' || typeof field !== 'string' || field in result) continue;
    result[field] = fieldMessage(problem.type, t);
  }
  return result;
}

function fieldMessage(type: string, t: TFunction): string {
  if (type === 'missing') return t('forms.required');
  if (type.startsWith('string_too_long') || type === 'too_long') return t('forms.tooLong');
  if (type.startsWith('string_too_short') || type === 'too_short') return t('forms.tooShort');
  if (type.includes('email')) return t('forms.email');
  if (type.startsWith('greater_than') || type.startsWith('less_than')) return t('forms.outOfRange');
  return t('forms.invalid');
}

/** Native-validation helpers that answer in the interface language rather than the browser's. */
export function requiredText(t: TFunction) {
  return (value: string) => (value.trim() ? null : t('forms.required'));
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function emailText(t: TFunction) {
  return (value: string) => {
    if (!value.trim()) return t('forms.required');
    return EMAIL.test(value.trim()) ? null : t('forms.email');
  };
}

export function passwordText(t: TFunction) {
  return (value: string) => {
    if (!value) return t('forms.required');
    return value.length >= 8 ? null : t('forms.passwordLength');
  };
}
