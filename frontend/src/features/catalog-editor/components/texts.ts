/** A multilingual text of an item: `{language: text}`, every interface language present while it is edited. */
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

/** A text with its empty languages left out: the API reads a missing language as "not written yet". */
export function compact(text: Readonly<Text>): Text {
  return Object.fromEntries(
    Object.entries(text)
      .map(([language, value]): [string, string] => [language, value.trim()])
      .filter(([, value]) => value !== ''),
  );
}
