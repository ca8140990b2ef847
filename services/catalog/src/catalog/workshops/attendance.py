"""After a session: the attendee list, attendance recorded by mentors and organisers, feedback."""

from __future__ import annotations

import uuid
from datetime import timedelta

from sqlalchemy import literal_column, select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from catalog.database import events
from catalog.people.service import display_names
from catalog.workshops import access, queue, views
from catalog.workshops.context import SCHEDULED, Context, now, session_context
from catalog.workshops.models import Registration as RegistrationRow
from catalog.workshops.models import WorkshopFeedback, WorkshopSession
from catalog.workshops.schemas import (
    AttendanceIn,
    AttendedEvent,
    Attendee,
    AttendeeList,
    Feedback,
    FeedbackIn,
    RegistrationStatus,
    SessionFeedback,
)
from kit.auth import Principal
from kit.events.outbox import publish
from kit.problems import Conflict, NotFound

ATTENDED = "catalog.workshop.attended"
# Attendance can be taken at the door, a little before the start.
ATTENDANCE_OPENS_BEFORE = timedelta(hours=1)
STATUS_ORDER = {queue.CONFIRMED: 0, queue.PENDING: 1, queue.WAITLISTED: 2, queue.CANCELLED: 3}


async def attendees(
    db: AsyncSession, session_id: uuid.UUID, principal: Principal, *, include_cancelled: bool = False
) -> AttendeeList:
    """Everyone registered: confirmed first, then requests, then the waitlist in its order."""
    ws, context = await session_context(db, session_id, principal)
    await access.require_runs(db, principal, context.workshop)
    query = select(RegistrationRow).where(RegistrationRow.session_id == ws.id)
    if not include_cancelled:
        query = query.where(RegistrationRow.status != queue.CANCELLED)
    rows = list(await db.scalars(query.order_by(RegistrationRow.arrival)))
    places = await queue.positions(db, rows)
    rows.sort(key=lambda r: STATUS_ORDER[r.status])  # stable: arrival order within each status
    session = (await views.session_views(db, [ws], {ws.item_id: context.workshop}, principal))[0]
    names = await display_names(db, {r.person_id for r in rows})
    return AttendeeList(
        session=session,
        workshop=views.workshop_ref(context.workshop, context.item),
        items=[_attendee(r, places.get(r.id), names.get(r.person_id)) for r in rows],
    )


def _attendee(row: RegistrationRow, position: int | None, display_name: str | None = None) -> Attendee:
    return Attendee(
        registration_id=row.id,
        person_id=row.person_id,
        display_name=display_name,
        status=RegistrationStatus(row.status),
        waitlist_position=position,
        registered_at=row.created_at,
        attended=row.attended,
        attended_recorded_at=row.attended_recorded_at,
    )


def _event(row: RegistrationRow, ws: WorkshopSession, context: Context) -> AttendedEvent:
    item = context.item
    assert row.attended is not None
    assert row.attended_recorded_at is not None
    return AttendedEvent(
        person_id=row.person_id,
        item_id=item.id,
        session_id=ws.id,
        attended=row.attended,
        competences=item.competence_levels,
        level_min=item.level_min,
        level_max=item.level_max,
        duration_minutes=item.duration_minutes,
        attended_at=ws.starts_at,
        recorded_at=row.attended_recorded_at,
    )


async def record_attendance(
    db: AsyncSession, session_id: uuid.UUID, data: AttendanceIn, principal: Principal
) -> Attendee:
    """Record whether a confirmed registrant attended; pathways hear of each change once."""
    ws, context = await session_context(db, session_id, principal)
    recorder = await access.require_runs(db, principal, context.workshop)
    if ws.status != SCHEDULED:
        raise Conflict("This session was cancelled.")
    if now() < ws.starts_at - ATTENDANCE_OPENS_BEFORE:
        raise Conflict("Attendance can be recorded from an hour before the session starts.")
    row = await queue.active_registration(db, ws.id, data.person_id, lock=True)
    if row is None:
        raise NotFound("This person is not registered for this session.")
    if row.status != queue.CONFIRMED:
        raise Conflict("Only confirmed registrants can be marked as attended.")
    before = row.attended
    if before != data.attended:
        row.attended = data.attended
        row.attended_recorded_by = recorder
        row.attended_recorded_at = now()
        await db.flush()
        # A first "absent" says nothing new; attending, or taking it back, does.
        if data.attended or before:
            await publish(db, events, ATTENDED, _event(row, ws, context).model_dump(mode="json"))
    names = await display_names(db, [row.person_id])
    return _attendee(row, None, names.get(row.person_id))


async def give_feedback(
    db: AsyncSession, session_id: uuid.UUID, data: FeedbackIn, principal: Principal
) -> tuple[Feedback, bool]:
    """The caller's feedback on a session they attended: (feedback, created); sending again edits it."""
    person = access.person_of(principal)
    ws, _ = await session_context(db, session_id, principal)
    row = await queue.active_registration(db, ws.id, person)
    if row is None:
        raise NotFound("You are not registered for this session.")
    if row.attended is not True:
        raise Conflict("Feedback opens once your attendance has been recorded.")
    comment = data.comment or None
    statement = insert(WorkshopFeedback).values(registration_id=row.id, rating=data.rating, comment=comment)
    inserted: bool = (
        await db.execute(
            statement.on_conflict_do_update(
                index_elements=[WorkshopFeedback.registration_id],
                set_={"rating": data.rating, "comment": comment, "updated_at": now()},
            ).returning(literal_column("xmax = 0"))
        )
    ).scalar_one()
    saved = await db.get(WorkshopFeedback, row.id, populate_existing=True)
    assert saved is not None
    return views.feedback_out(saved, ws.id), inserted


async def session_feedback(db: AsyncSession, session_id: uuid.UUID, principal: Principal) -> SessionFeedback:
    """All feedback on a session, for its mentors and organisers."""
    ws, context = await session_context(db, session_id, principal)
    await access.require_runs(db, principal, context.workshop)
    rows = list(
        await db.scalars(
            select(WorkshopFeedback)
            .join(RegistrationRow, RegistrationRow.id == WorkshopFeedback.registration_id)
            .where(RegistrationRow.session_id == ws.id)
            .order_by(WorkshopFeedback.updated_at.desc())
        )
    )
    average = round(sum(r.rating for r in rows) / len(rows), 2) if rows else None
    return SessionFeedback(
        count=len(rows), rating_average=average, items=[views.feedback_out(r, ws.id) for r in rows]
    )
