/** Locale-aware formatting through Intl, so no unit or language name needs a translation entry. */

/** "1 h 30 min" / "1 val. 30 min." */
export function formatDuration(minutes: number, language: string): string {
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  const unit = (value: number, name: 'hour' | 'minute') =>
    new Intl.NumberFormat(language, { style: 'unit', unit: name, unitDisplay: 'short' }).format(value);
  if (hours === 0) return unit(rest, 'minute');
  return rest === 0 ? unit(hours, 'hour') : `${unit(hours, 'hour')} ${unit(rest, 'minute')}`;
}

/** The name of language `tag`, written in `language` ("Lithuanian", "lietuvių"). */
export function languageName(tag: string, language: string): string {
  try {
    return new Intl.DisplayNames([language], { type: 'language' }).of(tag) ?? tag;
  } catch {
    return tag;
  }
}

/** A list joined the way `language` does it ("A, B, and C" / "A, B ir C"). */
export function formatList(values: readonly string[], language: string): string {
  return new Intl.ListFormat(language, { style: 'long', type: 'conjunction' }).format(values);
}

/** A wait in the largest sensible unit, rounded up ("3 minutes" / "3 minutės", "45 seconds"). */
export function formatWait(seconds: number, language: string): string {
  const [value, unit] =
    seconds >= 5400 ? [Math.ceil(seconds / 3600), 'hour'] : seconds >= 60 ? [Math.ceil(seconds / 60), 'minute'] : [Math.max(1, seconds), 'second'];
  return new Intl.NumberFormat(language, { style: 'unit', unit, unitDisplay: 'long' }).format(value);
}

/** A date and time in the reader's language ("22 Nov 2026, 14:05"). */
export function formatDateTime(iso: string, language: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'short' }).format(date);
}
