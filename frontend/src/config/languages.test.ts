import { describe, expect, it } from 'vitest';

import { LANGUAGES, messages } from '@/config/languages';

function keys(value: unknown, prefix = ''): string[] {
  if (typeof value !== 'object' || value === null) return [prefix];
  return Object.entries(value).flatMap(([key, child]) => keys(child, prefix ? `${prefix}.${key}` : key));
}

function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  return typeof value === 'object' && value !== null ? Object.values(value).flatMap(strings) : [];
}

describe('locale files', () => {
  it('offer English and Lithuanian', () => {
    expect(LANGUAGES).toEqual(expect.arrayContaining(['en', 'lt']));
  });

  it.each(LANGUAGES)('%s has exactly the keys of en, none empty', (language) => {
    const reference = keys(messages.en).sort();
    expect(keys(messages[language]).sort()).toEqual(reference);
    expect(strings(messages[language]).filter((text) => text.trim() === '')).toEqual([]);
  });

  it('keeps the same interpolation placeholders in every language', () => {
    const placeholders = (text: string) => (text.match(/\{\{\s*\w+\s*\}\}/g) ?? []).sort();
    for (const language of LANGUAGES) {
      const reference = messages.en;
      for (const key of keys(reference)) {
        const get = (root: unknown) => key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], root);
        expect(placeholders(String(get(messages[language]))), `${language}:${key}`).toEqual(placeholders(String(get(reference))));
      }
    }
  });
});
