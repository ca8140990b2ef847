"""The .ics files: one session, or every session a person holds a seat in."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import timedelta

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from catalog.items.models import LearningItem
from catalog.workshops import access, ics, queue
from catalog.workshops.context import SCHEDULED, Context, now, session_context
from catalog.workshops.mentors import mentors_of
from catalog.workshops.models import Registration, Workshop, WorkshopSession
from kit.auth import Principal

# How far back the personal calendar goes: recent sessions stay in it, old ones drop out.
HISTORY = timedelta(days=180)
MY_CALENDAR_NAME = {"en": "My DLA workshops", "lt": "Mano DLA seminarai"}


def _entry(ws: WorkshopSession, context: Context, mentors: Sequence[str], link: bool) -> ics.CalendarEntry:
    return ics.CalendarEntry(
        session_id=ws.id,
        title=context.item.title,
        summary=context.item.summary,
        starts_at=ws.starts_at,
        ends_at=ws.ends_at,
        cancelled=ws.status != SCHEDULED,
        location=ws.location or context.workshop.location,
        meeting_url=context.workshop.meeting_url if link else None,
        mentors=mentors,
        updated_at=ws.updated_at,
    )


async def session_calendar(
    db: AsyncSession, session_id: uuid.UUID, principal: Principal | None, languages: Sequence[str]
) -> bytes:
    """The .ics of one session; the meeting link only for a confirmed registrant or those who run it."""
    ws, context = await session_context(db, session_id, principal)
    mentors = (await mentors_of(db, [ws.item_id]))[ws.item_id]
    mine = None
    if principal is not None and principal.person_id is not None:
        mine = await queue.active_registration(db, ws.id, principal.person_id)
    people = {m.person_id for m in mentors if m.person_id}
    link = (
        (mine is not None and mine.status == queue.CONFIRMED)
        or access.runs(principal, context.workshop, people)
        or access.may_edit(principal, context.item)
    )
    entry = _entry(ws, context, [m.name for m in mentors], link)
    return ics.calendar([entry], languages, name=ics.pick(context.item.title, languages))


async def my_calendar(db: AsyncSession, principal: Principal, languages: Sequence[str]) -> bytes:
    """The .ics of every session the caller holds a confirmed seat in (recent and coming)."""
    person = access.person_of(principal)
    rows = (
        await db.execute(
            select(WorkshopSession, Workshop, LearningItem)
            .join(Registration, Registration.session_id == WorkshopSession.id)
            .join(Workshop, Workshop.item_id == WorkshopSession.item_id)
            .join(LearningItem, LearningItem.id == Workshop.item_id)
            .where(
                Registration.person_id == person,
                Registration.status == queue.CONFIRMED,
                WorkshopSession.ends_at >= now() - HISTORY,
            )
            .order_by(WorkshopSession.starts_at)
        )
    ).all()
    mentors = await mentors_of(db, list({ws.item_id for ws, _, _ in rows}))
    entries = [
        _entry(ws, Context(workshop, item), [m.name for m in mentors[ws.item_id]], True)
        for ws, workshop, item in rows
    ]
    return ics.calendar(entries, languages, name=ics.pick(MY_CALENDAR_NAME, languages))
