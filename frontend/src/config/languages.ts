import type en from '@/locales/en.json';

/** The shape every locale file follows; `en.json` is the reference (a test checks the others match). */
export type Messages = typeof en;
export type Language = string;

// Adding a language is a translation job: drop `<tag>.json` into src/locales and it is offered.
const modules = import.meta.glob<Messages>('../locales/*.json', { eager: true, import: 'default' });

export const messages: Readonly<Record<Language, Messages>> = Object.fromEntries(
  Object.entries(modules).map(([path, content]) => [path.replace(/^.*\/([^/]+)\.json$/, '$1'), content]),
);

export const LANGUAGES: readonly Language[] = Object.keys(messages).sort();

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && LANGUAGES.includes(value);
}
