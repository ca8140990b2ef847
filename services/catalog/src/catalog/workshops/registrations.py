"""Registering for sessions: seats, the waitlist and its promotion, cancelling, approval.

Every change to a session's registrations first locks the session row (SELECT ... FOR UPDATE), so
concurrent requests take turns: seats are counted by one request at a time, and `arrival` is the
order in which they were decided.
"""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta

from sqlalchemy import func, insert, select, text
from sqlalchemy.ext.asyncio import AsyncSession

from catalog.database import events
from catalog.items.models import LearningItem
from catalog.workshops import access, queue, views
from catalog.workshops.context import SCHEDULED, Context, now, session_context
from catalog.workshops.models import Registration as RegistrationRow
from catalog.workshops.models import Workshop, WorkshopSession
from catalog.workshops.schemas import (
    MyRegistration,
    Registration,
    RegistrationEvent,
    RegistrationStatus,
)
from kit.auth import Principal
from kit.events.outbox import publish
from kit.problems import Conflict, Forbidden, NotFound

CONFIRMED_EVENT = "catalog.registration.confirmed"
WAITLISTED_EVENT = "catalog.registration.waitlisted"
PENDING_EVENT = "catalog.registration.pending_approval"
PROMOTED_EVENT = "catalog.registration.promoted"
CANCELLED_EVENT = "catalog.registration.cancelled"
EVENT_OF_STATUS = {
    queue.CONFIRMED: CONFIRMED_EVENT,
    queue.WAITLISTED: WAITLISTED_EVENT,
    queue.PENDING: PENDING_EVENT,
}
# The next value of the arrival sequence: an approved registration joins the line when approved.
NEXT_ARRIVAL = text("nextval(pg_get_serial_sequence('catalog.registration', 'arrival'))")


async def _announce(
    db: AsyncSession,
    event_type: str,
    row: RegistrationRow,
    ws: WorkshopSession,
    context: Context,
    reason: str | None = None,
    *,
    position: int | None = None,
) -> Registration:
    """Publish a registration event; returns the registration as the API shows it. A waitlisted
    registration's `position` is looked up unless the caller knows it."""
    if row.status == queue.WAITLISTED and position is None:
        position = (await queue.positions(db, [row])).get(row.id)
    payload = RegistrationEvent(
        registration_id=row.id,
        person_id=row.person_id,
        session_id=ws.id,
        item_id=ws.item_id,
        title=context.item.title,
        starts_at=ws.starts_at,
        ends_at=ws.ends_at,
        timezone=ws.timezone,
        status=RegistrationStatus(row.status),
        waitlist_position=position,
        reason=reason,
    )
    await publish(db, events, event_type, payload.model_dump(mode="json"))
    return queue.registration_out(row, ws.item_id, position)


async def _seat_or_line(db: AsyncSession, ws: WorkshopSession) -> tuple[str, int | None]:
    """Confirmed while a seat is free, else waitlisted with the position at the end of the line
    (the caller holds the session lock)."""
    seats = (await queue.seats(db, [ws.id]))[ws.id]
    if seats.confirmed < ws.capacity:
        return queue.CONFIRMED, None
    return queue.WAITLISTED, seats.waitlisted + 1


async def register(
    db: AsyncSession, session_id: uuid.UUID, principal: Principal
) -> tuple[Registration, bool]:
    """Register the caller: (registration, created). A retry returns the same registration."""
    person = access.person_of(principal)
    ws, context = await session_context(db, session_id, principal, lock=True)
    existing = await queue.active_registration(db, ws.id, person)
    if existing is not None:
        position = (await queue.positions(db, [existing])).get(existing.id)
        return queue.registration_out(existing, ws.item_id, position), False
    if not access.offered(context.item):
        raise Conflict("This workshop is not open for registration.")
    if ws.status != SCHEDULED:
        raise Conflict("This session was cancelled.")
    if ws.starts_at <= now():
        raise Conflict("This session has started; registration is closed.")
    status, position = (
        (queue.PENDING, None) if context.workshop.requires_approval else await _seat_or_line(db, ws)
    )
    row = await db.scalar(
        insert(RegistrationRow)
        .values(id=uuid.uuid4(), session_id=ws.id, person_id=person, status=status)
        .returning(RegistrationRow)
    )
    assert row is not None
    return await _announce(db, EVENT_OF_STATUS[status], row, ws, context, position=position), True


def deadline(ws: WorkshopSession, context: Context) -> datetime:
    """The last moment a confirmed seat can be given back."""
    return ws.starts_at - timedelta(hours=context.workshop.cancellation_deadline_hours)


async def _promote_next(db: AsyncSession, ws: WorkshopSession, context: Context) -> None:
    """Give free seats to the first in line (the caller holds the session lock)."""
    if ws.status != SCHEDULED or ws.starts_at <= now():
        return
    free = (await queue.seats(db, [ws.id]))[ws.id].left(ws.capacity)
    if free == 0:
        return
    first = await db.scalars(
        select(RegistrationRow)
        .where(RegistrationRow.session_id == ws.id, RegistrationRow.status == queue.WAITLISTED)
        .order_by(RegistrationRow.arrival)
        .limit(free)
    )
    for row in first.all():
        row.status = queue.CONFIRMED
        row.promoted_at = now()
        await db.flush()
        await db.refresh(row)
        await _announce(db, PROMOTED_EVENT, row, ws, context)


async def _cancel(
    db: AsyncSession, row: RegistrationRow, ws: WorkshopSession, context: Context, reason: str
) -> Registration:
    held_seat = row.status == queue.CONFIRMED
    row.status = queue.CANCELLED
    row.cancelled_at = now()
    await db.flush()
    await db.refresh(row)
    out = await _announce(db, CANCELLED_EVENT, row, ws, context, reason)
    if held_seat:
        await _promote_next(db, ws, context)
    return out


async def cancel(db: AsyncSession, session_id: uuid.UUID, principal: Principal) -> Registration:
    """Cancel the caller's registration; a freed seat goes to the first waitlisted person at once.

    A confirmed seat can be given back until the workshop's deadline; a place in line or a request
    awaiting approval at any time. A retry after success returns the cancelled registration.
    """
    person = access.person_of(principal)
    ws, context = await session_context(db, session_id, principal, lock=True)
    row = await queue.active_registration(db, ws.id, person)
    if row is None:
        last = await db.scalar(
            select(RegistrationRow)
            .where(RegistrationRow.session_id == ws.id, RegistrationRow.person_id == person)
            .order_by(RegistrationRow.cancelled_at.desc().nulls_last())
            .limit(1)
        )
        if last is None:
            raise NotFound("You are not registered for this session.")
        return queue.registration_out(last, ws.item_id, None)
    if row.status == queue.CONFIRMED and ws.status == SCHEDULED and now() > deadline(ws, context):
        raise Conflict(
            f"Seats can be given back until {context.workshop.cancellation_deadline_hours} hours before "
            "the session starts; please tell the organisers instead."
        )
    return await _cancel(db, row, ws, context, "by_person")


async def _decision(
    db: AsyncSession, ws: WorkshopSession, context: Context, registration_id: uuid.UUID, principal: Principal
) -> tuple[uuid.UUID, RegistrationRow, bool]:
    """(the deciding person, the registration, whether they run the workshop).

    Besides those who run the workshop, the registrant's supervisor decides; to anyone else
    (the supervisor of someone else included) the request is forbidden, not missing.
    """
    person = access.person_of(principal)
    row = await db.get(RegistrationRow, registration_id)
    if row is not None and row.session_id != ws.id:
        row = None
    if access.runs(principal, context.workshop, await access.mentor_person_ids(db, ws.item_id)):
        if row is None:
            raise NotFound("No registration of this session has this id.")
        return person, row, True
    if row is None or not await access.supervises(db, person, row.person_id):
        raise Forbidden(
            "Only this workshop's mentors and organisers, or the person's supervisor, can do this."
        )
    return person, row, False


async def approve(
    db: AsyncSession, session_id: uuid.UUID, registration_id: uuid.UUID, principal: Principal
) -> Registration:
    """An organiser or the person's supervisor approves a request: a seat if one is free, else the
    end of the line (idempotent)."""
    ws, context = await session_context(db, session_id, principal, lock=True)
    decider, row, _ = await _decision(db, ws, context, registration_id, principal)
    if row.status != queue.PENDING:
        if row.status == queue.CANCELLED:
            raise Conflict("This registration was cancelled.")
        position = (await queue.positions(db, [row])).get(row.id)
        return queue.registration_out(row, ws.item_id, position)
    if ws.status != SCHEDULED:
        raise Conflict("This session was cancelled.")
    row.status, _ = await _seat_or_line(db, ws)
    row.decided_by = decider
    row.arrival = int((await db.execute(select(NEXT_ARRIVAL))).scalar_one())
    await db.flush()
    await db.refresh(row)
    return await _announce(db, EVENT_OF_STATUS[row.status], row, ws, context)


async def decline(
    db: AsyncSession, session_id: uuid.UUID, registration_id: uuid.UUID, principal: Principal
) -> Registration:
    """An organiser or the person's supervisor declines a request; an organiser may also take back
    a place. A freed seat is passed on."""
    ws, context = await session_context(db, session_id, principal, lock=True)
    decider, row, runs = await _decision(db, ws, context, registration_id, principal)
    if row.status == queue.CANCELLED:
        return queue.registration_out(row, ws.item_id, None)
    if not runs and row.status != queue.PENDING:
        raise Forbidden("Only this workshop's mentors and organisers can take back a place.")
    row.decided_by = decider
    return await _cancel(db, row, ws, context, "declined")


async def my_registrations(
    db: AsyncSession,
    principal: Principal,
    *,
    upcoming: bool | None,
    include_cancelled: bool,
    limit: int,
    offset: int,
) -> tuple[list[MyRegistration], int]:
    """The caller's own registrations, soonest session first (the past ones latest first)."""
    person = access.person_of(principal)
    query = (
        select(RegistrationRow, WorkshopSession, Workshop, LearningItem)
        .join(WorkshopSession, WorkshopSession.id == RegistrationRow.session_id)
        .join(Workshop, Workshop.item_id == WorkshopSession.item_id)
        .join(LearningItem, LearningItem.id == Workshop.item_id)
        .where(RegistrationRow.person_id == person)
    )
    if not include_cancelled:
        query = query.where(RegistrationRow.status != queue.CANCELLED)
    order = WorkshopSession.starts_at.asc()
    if upcoming is not None:
        current = now()
        query = query.where(
            WorkshopSession.ends_at >= current if upcoming else WorkshopSession.ends_at < current
        )
        order = order if upcoming else WorkshopSession.starts_at.desc()
    total = await db.scalar(select(func.count()).select_from(query.subquery()))
    rows = (
        await db.execute(query.order_by(order, RegistrationRow.arrival).limit(limit).offset(offset))
    ).all()
    registrations = await views.registrations_out(
        db, [r for r, _, _, _ in rows], {ws.id: ws.item_id for _, ws, _, _ in rows}
    )
    sessions = {ws.id: ws for _, ws, _, _ in rows}
    session_out = {
        view.id: view.model_copy(update={"my_registration": None})
        for view in await views.session_views(
            db, list(sessions.values()), {w.item_id: w for _, _, w, _ in rows}, principal
        )
    }
    return [
        MyRegistration(
            **registrations[row.id].model_dump(),
            session=session_out[ws.id],
            workshop=views.workshop_ref(workshop, item),
            meeting_url=workshop.meeting_url if row.status == queue.CONFIRMED else None,
        )
        for row, ws, workshop, item in rows
    ], total or 0


async def promote_next(db: AsyncSession, ws: WorkshopSession, context: Context) -> None:
    """Give a session's free seats to the first in line, exactly as a cancellation does (the caller
    holds the session lock); for seats freed outside this module, e.g. by a person's erasure."""
    await _promote_next(db, ws, context)
