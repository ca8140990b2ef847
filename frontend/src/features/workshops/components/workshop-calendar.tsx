import { Link } from 'react-router';
import { Button } from 'react-aria-components';
import { useTranslation } from 'react-i18next';

import { pickText } from '@/lib/localized-text';

import type { SessionOut, WorkshopSummary } from '../api/types';
import { upcomingSessions } from './sessions';
import {
  addMonths,
  dayKey,
  formatDay,
  formatMonth,
  formatTime,
  monthWeeks,
  vilniusDay,
  weekdayName,
  type CalendarDay,
  type CalendarMonth,
} from './vilnius-time';

interface CalendarEntry {
  session: SessionOut;
  workshop: WorkshopSummary;
}

function entriesByDay(workshops: readonly WorkshopSummary[]): Map<string, CalendarEntry[]> {
  const byDay = new Map<string, CalendarEntry[]>();
  const entries = workshops
    .flatMap((workshop) => upcomingSessions(workshop.sessions).map((session) => ({ session, workshop })))
    .sort((a, b) => a.session.starts_at.localeCompare(b.session.starts_at));
  for (const entry of entries) {
    const key = dayKey(vilniusDay(entry.session.starts_at));
    byDay.set(key, [...(byDay.get(key) ?? []), entry]);
  }
  return byDay;
}

/** The month to open on: the one of the soonest session, else this month. */
export function firstMonth(workshops: readonly WorkshopSummary[]): CalendarMonth {
  const soonest = workshops
    .flatMap((workshop) => upcomingSessions(workshop.sessions))
    .sort((a, b) => a.starts_at.localeCompare(b.starts_at))[0];
  const { year, month } = vilniusDay(soonest ? soonest.starts_at : new Date());
  return { year, month };
}

interface WorkshopCalendarProps {
  workshops: readonly WorkshopSummary[];
  month: CalendarMonth;
  onMonthChange: (month: CalendarMonth) => void;
}

function DayCell({ day, entries, today }: { day: CalendarDay; entries: readonly CalendarEntry[]; today: string }) {
  const { i18n } = useTranslation();
  const language = i18n.language;
  const key = dayKey(day);
  return (
    <td className={entries.length > 0 ? 'calendar__cell calendar__cell--busy' : 'calendar__cell'} {...(key === today ? { 'aria-current': 'date' as const } : {})}>
      <time dateTime={key} className="calendar__date">
        {day.day}
      </time>
      {entries.length > 0 && (
        <ul className="calendar__sessions">
          {entries.map(({ session, workshop }) => (
            <li key={session.id}>
              <Link to={`/workshops/${workshop.item_id}`}>
                <span className="visually-hidden">{formatDay(day, language)},</span> {formatTime(session.starts_at, language)}{' '}
                <span lang={pickText(workshop.title, language)?.lang}>{pickText(workshop.title, language)?.text}</span>
              </Link>
            </li>
          ))}
        </ul>
      )}
    </td>
  );
}

/** A month as a table, Monday first, with each day's sessions as links; previous and next month buttons. */
export function WorkshopCalendar({ workshops, month, onMonthChange }: WorkshopCalendarProps) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const byDay = entriesByDay(workshops);
  const weeks = monthWeeks(month);
  const today = dayKey(vilniusDay(new Date()));
  const title = formatMonth(month, language);
  const count = weeks.flat().reduce((sum, day) => sum + (day ? (byDay.get(dayKey(day))?.length ?? 0) : 0), 0);

  return (
    <section aria-labelledby="calendar-heading" className="calendar">
      <div className="toolbar">
        <h2 id="calendar-heading">{title}</h2>
        <div className="calendar__nav">
          <Button className="react-aria-Button button--secondary" onPress={() => { onMonthChange(addMonths(month, -1)); }}>
            {t('workshops.calendar.previous')}
          </Button>
          <Button className="react-aria-Button button--secondary" onPress={() => { onMonthChange(addMonths(month, 1)); }}>
            {t('workshops.calendar.next')}
          </Button>
        </div>
      </div>
      <p role="status">{count > 0 ? t('workshops.calendar.count', { month: title, number: count }) : t('workshops.calendar.none', { month: title })}</p>
      <table className="table calendar__grid">
        <caption className="visually-hidden">{t('workshops.calendar.caption', { month: title })}</caption>
        <thead>
          <tr>
            {Array.from({ length: 7 }, (_, index) => (
              <th key={index} scope="col">
                <span aria-hidden="true">{weekdayName(index, language, 'short')}</span>
                <span className="visually-hidden">{weekdayName(index, language, 'long')}</span>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {weeks.map((week) => (
            <tr key={dayKey(week.find((day) => day !== null) ?? { ...month, day: 1 })}>
              {week.map((day, index) =>
                day ? <DayCell key={dayKey(day)} day={day} entries={byDay.get(dayKey(day)) ?? []} today={today} /> : <td key={`empty-${String(index)}`} />,
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
