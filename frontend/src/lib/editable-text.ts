/** A multilingual text while an editor writes it: `{language: text}`, every interface language present. */
import { LANGUAGES } from '@/config/languages';

export type Text = Record<string, string>;

/** A text with every language empty. */
export function blank(): Text {
  return Object.fromEntries(LANGUAGES.map((language) => [language, '']));
}

/** The text with every language present (an empty one where it is not written yet). */
export function full(text: Readonly<Text> | null | undefined): Text {
  return { ...blank(), ...text };
}

/**
 * A text with its empty languages left out: the API reads a missing language as "not written yet".
 * `trim` also cuts the white space around each language's text (the catalog stores it trimmed).
 */
export function compact(text: Readonly<Text>, { trim = false } = {}): Text {
  return Object.fromEntries(
    Object.entries(text)
      .map(([language, value]): [string, string] => [language, trim ? value.trim() : value])
      .filter(([, value]) => value.trim() !== ''),
  );
}

/** Whether any language of the text is written. */
export function filled(text: Readonly<Text> | null | undefined): boolean {
  return Object.values(text ?? {}).some((value) => value.trim() !== '');
}
