/** Dates and times of workshop sessions: always shown as they are in Vilnius, in the reader's language. */

export const VILNIUS = 'Europe/Vilnius';

function format(language: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  return new Intl.DateTimeFormat(language, { timeZone: VILNIUS, ...options });
}

/** "Tuesday, December 8, 2026, 10:00 AM – 12:30 PM" / "2026 m. gruodžio 8 d., antradienis 10:00–12:30". */
export function formatSessionRange(startsAt: string, endsAt: string, language: string): string {
  return format(language, { dateStyle: 'full', timeStyle: 'short' }).formatRange(new Date(startsAt), new Date(endsAt));
}

/** A moment with date and time ("Dec 7, 2026, 10:00 AM"). */
export function formatMoment(iso: string, language: string): string {
  return format(language, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));
}

/** The time of day alone ("10:00"). */
export function formatTime(iso: string, language: string): string {
  return format(language, { timeStyle: 'short' }).format(new Date(iso));
}

/** A day written out ("Tuesday, December 8, 2026"). */
export function formatDay(day: CalendarDay, language: string): string {
  return format(language, { dateStyle: 'full' }).format(noonOf(day));
}

/** A month and year ("December 2026" / "2026 m. gruodis"). */
export function formatMonth(month: CalendarMonth, language: string): string {
  return format(language, { month: 'long', year: 'numeric' }).format(noonOf({ ...month, day: 15 }));
}

/** A weekday's name, long and short; `index` 0 is Monday. */
export function weekdayName(index: number, language: string, width: 'long' | 'short'): string {
  // 2024-01-01 was a Monday.
  return format(language, { weekday: width }).format(noonOf({ year: 2024, month: 1, day: 1 + index }));
}

export interface CalendarMonth {
  year: number;
  /** 1–12. */
  month: number;
}

export interface CalendarDay extends CalendarMonth {
  day: number;
}

/** Midday UTC is the same calendar day in Vilnius (UTC+2/+3), so it stands for the day safely. */
function noonOf({ year, month, day }: CalendarDay): Date {
  return new Date(Date.UTC(year, month - 1, day, 12));
}

/** The calendar day a moment falls on in Vilnius. */
export function vilniusDay(iso: string | Date): CalendarDay {
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone: VILNIUS, year: 'numeric', month: 'numeric', day: 'numeric' }).formatToParts(
    typeof iso === 'string' ? new Date(iso) : iso,
  );
  const part = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value);
  return { year: part('year'), month: part('month'), day: part('day') };
}

/** "2026-12-08": a key for a day, and the value of a `<time dateTime>`. */
export function dayKey({ year, month, day }: CalendarDay): string {
  return `${String(year)}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** "2026-12", the URL form of a month; undefined for anything else. */
export function parseMonth(value: string | null): CalendarMonth | undefined {
  const match = /^(\d{4})-(\d{2})$/.exec(value ?? '');
  if (!match) return undefined;
  const month = Number(match[2]);
  return month >= 1 && month <= 12 ? { year: Number(match[1]), month } : undefined;
}

export function monthKey({ year, month }: CalendarMonth): string {
  return `${String(year)}-${String(month).padStart(2, '0')}`;
}

export function addMonths({ year, month }: CalendarMonth, delta: number): CalendarMonth {
  const index = year * 12 + (month - 1) + delta;
  return { year: Math.floor(index / 12), month: (index % 12) + 1 };
}

/** The weeks of a month, Monday first; days outside the month are null. */
export function monthWeeks({ year, month }: CalendarMonth): (CalendarDay | null)[][] {
  const first = new Date(Date.UTC(year, month - 1, 1));
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const leading = (first.getUTCDay() + 6) % 7;
  const cells: (CalendarDay | null)[] = [
    ...Array.from({ length: leading }, () => null),
    ...Array.from({ length: daysInMonth }, (_, i) => ({ year, month, day: i + 1 })),
  ];
  while (cells.length % 7 !== 0) cells.push(null);
  return Array.from({ length: cells.length / 7 }, (_, week) => cells.slice(week * 7, week * 7 + 7));
}
