import { env } from '@/config/env';

export interface PickedText {
  text: string;
  lang: string;
}

/**
 * The best version of a multilingual text for `language`: that language, else the default one,
 * else any other that exists; `lang` tells which one it is so the page can mark it.
 */
export function pickText(text: Readonly<Record<string, string>>, language: string): PickedText | undefined {
  const order = [language, env.defaultLanguage, ...Object.keys(text).sort()];
  for (const lang of order) {
    const value = text[lang];
    if (value) return { text: value, lang };
  }
  return undefined;
}
