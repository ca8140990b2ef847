"""Sessions and registrations as the API shows them: seats, deadlines, the caller's place."""

from __future__ import annotations

import uuid
from collections.abc import Mapping, Sequence
from datetime import timedelta

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from catalog.items.models import LearningItem
from catalog.workshops import access, queue
from catalog.workshops.mentors import mentors_of
from catalog.workshops.models import Mentor, Workshop, WorkshopFeedback, WorkshopSession
from catalog.workshops.models import Registration as RegistrationRow
from catalog.workshops.schemas import (
    Feedback,
    Registration,
    SessionOut,
    SessionStatus,
    WorkshopFormat,
    WorkshopRef,
)
from kit.auth import Principal


def workshop_ref(workshop: Workshop, item: LearningItem) -> WorkshopRef:
    """The short reference to a workshop that lists across workshops carry."""
    return WorkshopRef(
        item_id=item.id, slug=item.slug, title=item.title, format=WorkshopFormat(workshop.format)
    )


def feedback_out(row: WorkshopFeedback, session_id: uuid.UUID) -> Feedback:
    """The API shape of feedback."""
    return Feedback(
        registration_id=row.registration_id,
        session_id=session_id,
        rating=row.rating,
        comment=row.comment,
        created_at=row.created_at,
        updated_at=row.updated_at,
    )


async def feedback_of(
    db: AsyncSession, registrations: Sequence[RegistrationRow]
) -> dict[uuid.UUID, WorkshopFeedback]:
    """The feedback given on each registration that has some."""
    ids = [r.id for r in registrations if r.attended]
    if not ids:
        return {}
    rows = await db.scalars(select(WorkshopFeedback).where(WorkshopFeedback.registration_id.in_(ids)))
    return {row.registration_id: row for row in rows}


async def registrations_out(
    db: AsyncSession, rows: Sequence[RegistrationRow], item_of: Mapping[uuid.UUID, uuid.UUID]
) -> dict[uuid.UUID, Registration]:
    """Registrations (each with its waitlist position and feedback), by id; `item_of` maps a session
    to its workshop."""
    places = await queue.positions(db, rows)
    feedback = await feedback_of(db, rows)
    out = {}
    for row in rows:
        view = queue.registration_out(row, item_of[row.session_id], places.get(row.id))
        if row.id in feedback:
            view.feedback = feedback_out(feedback[row.id], row.session_id)
        out[row.id] = view
    return out


async def session_views(
    db: AsyncSession,
    sessions: Sequence[WorkshopSession],
    workshops: Mapping[uuid.UUID, Workshop],
    principal: Principal | None,
    mentors: Mapping[uuid.UUID, list[Mentor]] | None = None,
) -> list[SessionOut]:
    """Sessions with their seats, deadline and the caller's registration and role."""
    ids = [s.id for s in sessions]
    counts = await queue.seats(db, ids)
    person = principal.person_id if principal else None
    mine = await queue.my_registrations(db, ids, person) if person else {}
    mine_out = await registrations_out(db, list(mine.values()), {s.id: s.item_id for s in sessions})
    if mentors is None:
        mentors = await mentors_of(db, list({s.item_id for s in sessions}))
    out = []
    for ws in sessions:
        workshop, seats, registration = workshops[ws.item_id], counts[ws.id], mine.get(ws.id)
        mentor_people = {m.person_id for m in mentors.get(ws.item_id, []) if m.person_id}
        out.append(
            SessionOut(
                id=ws.id,
                item_id=ws.item_id,
                starts_at=ws.starts_at,
                ends_at=ws.ends_at,
                timezone=ws.timezone,
                capacity=ws.capacity,
                status=SessionStatus(ws.status),
                location=ws.location or workshop.location,
                confirmed=seats.confirmed,
                seats_left=seats.left(ws.capacity),
                waitlist_length=seats.waitlisted,
                cancellation_deadline=ws.starts_at - timedelta(hours=workshop.cancellation_deadline_hours),
                can_record_attendance=access.runs(principal, workshop, mentor_people),
                my_registration=mine_out[registration.id] if registration else None,
            )
        )
    return out
