import { languageName } from '@/lib/format';

const cache = new Map<string, string>();

/**
 * The name of content language `tag` in the interface language, remembered: the editors label two
 * fields per text with it, and building an Intl.DisplayNames each time makes every keystroke slow.
 */
export function contentLanguageName(tag: string, language: string): string {
  const key = `${tag}|${language}`;
  let name = cache.get(key);
  if (name === undefined) {
    name = languageName(tag, language);
    cache.set(key, name);
  }
  return name;
}
