"""Turning the catalog's workshop events into e-mail, in each person's language.

Mail is identity's: it holds the addresses and languages. Each handler queues its messages in
the transaction that records the event in the inbox, so a redelivered event sends nothing twice
and a message is never lost (the sender loop delivers the queue). People who are suspended or
erased, or whom identity does not know, get nothing. Someone who gives back their own place
needs no message about it; a decline by the approver does get one.
"""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable, Mapping
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlalchemy.ext.asyncio import AsyncSession

from identity.accounts.registration import language_of
from identity.mail import templates
from identity.mail.service import queue_template
from identity.notifications.schemas import RegistrationEvent, ReminderEvent, SessionCancelledEvent
from identity.people.models import Person
from identity.settings import IdentitySettings
from kit.events.inbox import parse_payload

CONFIRMED = "catalog.registration.confirmed"
WAITLISTED = "catalog.registration.waitlisted"
PENDING = "catalog.registration.pending_approval"
PROMOTED = "catalog.registration.promoted"
CANCELLED = "catalog.registration.cancelled"
SESSION_CANCELLED = "catalog.workshop.session_cancelled"
REMINDER = "catalog.workshop.reminder"

Handler = Callable[[AsyncSession, dict[str, Any]], Awaitable[None]]

_EN_DASH = "\u2013"
_LOCAL_TIME = {"en": "{zone} time", "lt": "{zone} laiku"}
_ZONE_NAMES = {"Europe/Vilnius": {"en": "Vilnius", "lt": "Vilniaus"}}


def when(starts_at: datetime, ends_at: datetime, zone: str, language: str) -> str:
    """A session's time as people read it where it happens: `2026-12-15 09:00-13:00 (Vilnius time)`,
    with an en dash."""
    try:
        tz = ZoneInfo(zone)
    except (ZoneInfoNotFoundError, ValueError):
        tz, zone = ZoneInfo("UTC"), "UTC"
    start, end = starts_at.astimezone(tz), ends_at.astimezone(tz)
    until = f"{end:%H:%M}" if end.date() == start.date() else f"{end:%Y-%m-%d %H:%M}"
    name = _ZONE_NAMES.get(zone, {}).get(language, zone)
    return f"{start:%Y-%m-%d %H:%M}{_EN_DASH}{until} ({_LOCAL_TIME[language].format(zone=name)})"


def title_in(title: Mapping[str, str], language: str) -> str:
    """The workshop's title in `language`, else in the platform's default, else any."""
    return title.get(language) or title.get(templates.DEFAULT_LANGUAGE) or next(iter(title.values()), "")


class Notifier:
    """The handlers, with the settings they need for links."""

    def __init__(self, settings: IdentitySettings) -> None:
        self.base = settings.public_base_url.rstrip("/")

    def handlers(self) -> dict[str, Handler]:
        """What identity does with each catalog event it subscribes to."""
        return {
            CONFIRMED: self._registration("workshop_confirmed"),
            WAITLISTED: self._registration("workshop_waitlisted"),
            PROMOTED: self._registration("workshop_promoted"),
            CANCELLED: self.on_cancelled,
            PENDING: self.on_pending,
            SESSION_CANCELLED: self.on_session_cancelled,
            REMINDER: self.on_reminder,
        }

    def _registration(self, kind: str) -> Handler:
        async def handle(db: AsyncSession, data: dict[str, Any]) -> None:
            event = parse_payload(RegistrationEvent, data)
            await self._send(db, event.person_id, kind, event, position=event.waitlist_position or "")

        return handle

    async def on_cancelled(self, db: AsyncSession, data: dict[str, Any]) -> None:
        """A declined request is told; a place given back by its holder is not."""
        event = parse_payload(RegistrationEvent, data)
        if event.reason == "declined":
            await self._send(db, event.person_id, "workshop_declined", event)

    async def on_pending(self, db: AsyncSession, data: dict[str, Any]) -> None:
        """The person's supervisor is asked to decide (mentors and organisers see it in their list)."""
        event = parse_payload(RegistrationEvent, data)
        person = await _active(db, event.person_id)
        if person is None or person.supervisor_id is None:
            return
        await self._send(
            db,
            person.supervisor_id,
            "workshop_approval_request",
            event,
            person=person.display_name,
            path="/me/approvals",
        )

    async def on_session_cancelled(self, db: AsyncSession, data: dict[str, Any]) -> None:
        event = parse_payload(SessionCancelledEvent, data)
        for person_id in dict.fromkeys(event.person_ids):
            await self._send(db, person_id, "workshop_session_cancelled", event)

    async def on_reminder(self, db: AsyncSession, data: dict[str, Any]) -> None:
        event = parse_payload(ReminderEvent, data)
        await self._send(db, event.person_id, "workshop_reminder", event)

    async def _send(
        self,
        db: AsyncSession,
        person_id: uuid.UUID,
        kind: str,
        session: RegistrationEvent | SessionCancelledEvent | ReminderEvent,
        *,
        path: str | None = None,
        **fields: Any,
    ) -> None:
        """Queue `kind` to the person, in their language, if they are active."""
        person = await _active(db, person_id)
        if person is None:
            return
        language = templates.language_of(await language_of(db, person.id))
        await queue_template(
            db,
            to=person.email,
            kind=kind,
            language=language,
            name=person.display_name,
            workshop=title_in(session.title, language),
            when=when(session.starts_at, session.ends_at, session.timezone, language),
            link=f"{self.base}{path or f'/workshops/{session.item_id}'}",
            **fields,
        )


async def _active(db: AsyncSession, person_id: uuid.UUID) -> Person | None:
    """The person, if identity knows them and they may still sign in."""
    person = await db.get(Person, person_id)
    return person if person is not None and person.status == "active" else None
