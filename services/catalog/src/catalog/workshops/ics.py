"""iCalendar (RFC 5545) files of sessions, made with the `icalendar` library.

Times are written in Europe/Vilnius with its VTIMEZONE, so calendars show them as the organisers
meant them. A session's UID never changes, so a downloaded file updates the same calendar entry
(a cancelled session comes back as STATUS:CANCELLED with a higher SEQUENCE).
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

from icalendar import Calendar, Event

from catalog.workshops.models import VILNIUS

PRODID = "-//DLA//Workshops//EN"
UID_DOMAIN = "workshops.dla"


@dataclass(frozen=True)
class CalendarEntry:
    """What one VEVENT says about a session."""

    session_id: uuid.UUID
    title: dict[str, str]
    summary: dict[str, str]
    starts_at: datetime
    ends_at: datetime
    cancelled: bool
    location: str | None
    meeting_url: str | None
    mentors: Sequence[str]
    updated_at: datetime


def pick(texts: dict[str, str], languages: Sequence[str]) -> str:
    """The text in the first wanted language there is, else in the first language it has."""
    for language in languages:
        if texts.get(language):
            return texts[language]
    return next(iter(texts.values()), "")


def uid(session_id: uuid.UUID) -> str:
    """The stable UID of a session's calendar entry."""
    return f"session-{session_id}@{UID_DOMAIN}"


def _event(entry: CalendarEntry, languages: Sequence[str], stamp: datetime) -> Event:
    zone = ZoneInfo(VILNIUS)
    event = Event()
    event.add("uid", uid(entry.session_id))
    event.add("dtstamp", stamp)
    event.add("dtstart", entry.starts_at.astimezone(zone))
    event.add("dtend", entry.ends_at.astimezone(zone))
    event.add("summary", pick(entry.title, languages))
    lines = [pick(entry.summary, languages)]
    if entry.mentors:
        lines.append(", ".join(entry.mentors))
    if entry.meeting_url:
        lines.append(entry.meeting_url)
        event.add("url", entry.meeting_url)
    event.add("description", "\n\n".join(line for line in lines if line))
    where = entry.location or entry.meeting_url
    if where:
        event.add("location", where)
    event.add("status", "CANCELLED" if entry.cancelled else "CONFIRMED")
    event.add("sequence", 1 if entry.cancelled else 0)
    event.add("last-modified", entry.updated_at.astimezone(UTC))
    return event


def calendar(entries: Sequence[CalendarEntry], languages: Sequence[str], *, name: str) -> bytes:
    """A VCALENDAR of the entries, with the VTIMEZONE their times need."""
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", name)
    stamp = datetime.now(tz=UTC)
    for entry in entries:
        cal.add_component(_event(entry, languages, stamp))
    if entries:
        # The zone's rules for the years the sessions are in, not the library's default 1970-2038.
        first = min(e.starts_at for e in entries).year
        last = max(e.ends_at for e in entries).year
        cal.add_missing_timezones(first_date=date(first, 1, 1), last_date=date(last + 1, 1, 1))
    return bytes(cal.to_ical())
