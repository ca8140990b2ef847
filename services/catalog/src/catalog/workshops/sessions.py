"""Sessions: scheduling and cancelling (editors), reading with seats and the caller's place."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import func, or_, select, text
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from catalog.database import events
from catalog.items.models import LearningItem
from catalog.items.service import editable_item
from catalog.workshops import access, queue
from catalog.workshops.context import SCHEDULED, now, session_context
from catalog.workshops.models import Mentor, Registration, Workshop, WorkshopMentor, WorkshopSession
from catalog.workshops.schemas import (
    ListedSession,
    SessionCancelledEvent,
    SessionIn,
    SessionOut,
    SessionStatus,
)
from catalog.workshops.views import session_views, workshop_ref
from kit.auth import Principal
from kit.events.outbox import publish
from kit.problems import Conflict, Forbidden, NotFound

SESSION_CANCELLED = "catalog.workshop.session_cancelled"


async def add_session(
    db: AsyncSession, item_id: uuid.UUID, data: SessionIn, principal: Principal
) -> tuple[WorkshopSession, bool]:
    """Schedule a session: (session, created). The same start again returns it if nothing differs."""
    await editable_item(db, principal, item_id)
    if await db.get(Workshop, item_id) is None:
        raise NotFound("This item has no workshop details yet: set them first.")
    values = {
        "item_id": item_id,
        "starts_at": data.starts_at,
        "ends_at": data.ends_at,
        "capacity": data.capacity,
        "location": data.location,
    }
    created = await db.scalar(
        insert(WorkshopSession)
        .values(id=uuid.uuid4(), status=SCHEDULED, **values)
        .on_conflict_do_nothing(
            index_elements=[WorkshopSession.item_id, WorkshopSession.starts_at],
            # A literal, not a parameter: a prepared statement must still infer the partial index.
            index_where=text("status = 'scheduled'"),
        )
        .returning(WorkshopSession)
    )
    if created is not None:
        return created, True
    existing = await db.scalar(
        select(WorkshopSession).where(
            WorkshopSession.item_id == item_id,
            WorkshopSession.starts_at == data.starts_at,
            WorkshopSession.status == SCHEDULED,
        )
    )
    assert existing is not None, "ON CONFLICT skipped the row, so it exists"
    if (existing.ends_at, existing.capacity, existing.location) != (
        data.ends_at,
        data.capacity,
        data.location,
    ):
        raise Conflict("A session of this workshop starts at that time already, with other details.")
    return existing, False


async def cancel_session(db: AsyncSession, session_id: uuid.UUID, principal: Principal) -> WorkshopSession:
    """Cancel a session (idempotent); everyone holding a place hears of it once."""
    ws, context = await session_context(db, session_id, principal, lock=True)
    if not access.may_edit(principal, context.item):
        raise Forbidden("This workshop belongs to another organisation.")
    if ws.status == SCHEDULED:
        ws.status = SessionStatus.cancelled.value
        ws.cancelled_at = now()
        await db.flush()
        holders = await db.scalars(
            select(Registration.person_id)
            .where(Registration.session_id == ws.id, Registration.status != queue.CANCELLED)
            .order_by(Registration.arrival)
        )
        payload = SessionCancelledEvent(
            session_id=ws.id,
            item_id=ws.item_id,
            title=context.item.title,
            starts_at=ws.starts_at,
            ends_at=ws.ends_at,
            timezone=ws.timezone,
            person_ids=list(holders),
        )
        await publish(db, events, SESSION_CANCELLED, payload.model_dump(mode="json"))
    return ws


async def get_session(db: AsyncSession, session_id: uuid.UUID, principal: Principal | None) -> SessionOut:
    """One session with its seats, waitlist length and the caller's registration."""
    ws, context = await session_context(db, session_id, principal)
    return (await session_views(db, [ws], {ws.item_id: context.workshop}, principal))[0]


async def _listed(
    db: AsyncSession, query: Any, principal: Principal | None, *, limit: int, offset: int
) -> tuple[list[ListedSession], int]:
    total = await db.scalar(select(func.count()).select_from(query.subquery()))
    ordered = query.order_by(WorkshopSession.starts_at, WorkshopSession.id).limit(limit).offset(offset)
    rows = (await db.execute(ordered)).all()
    views = await session_views(db, [s for s, _, _ in rows], {w.item_id: w for _, w, _ in rows}, principal)
    listed = [
        ListedSession(**view.model_dump(), workshop=workshop_ref(workshop, item))
        for view, (_, workshop, item) in zip(views, rows, strict=True)
    ]
    return listed, total or 0


def _sessions_query() -> Any:
    return (
        select(WorkshopSession, Workshop, LearningItem)
        .join(Workshop, Workshop.item_id == WorkshopSession.item_id)
        .join(LearningItem, LearningItem.id == Workshop.item_id)
    )


async def list_sessions(
    db: AsyncSession,
    principal: Principal | None,
    *,
    starts_from: datetime,
    starts_before: datetime,
    limit: int,
    offset: int,
) -> tuple[list[ListedSession], int]:
    """Sessions of published workshops starting in a period (the calendar view)."""
    query = _sessions_query().where(
        LearningItem.status == access.PUBLISHED,
        access.visible_filter(principal),
        WorkshopSession.starts_at >= starts_from,
        WorkshopSession.starts_at < starts_before,
    )
    return await _listed(db, query, principal, limit=limit, offset=offset)


async def sessions_i_run(
    db: AsyncSession, principal: Principal, *, upcoming: bool | None, limit: int, offset: int
) -> tuple[list[ListedSession], int]:
    """Sessions of the workshops the caller mentors or organises (the mentor's own view)."""
    person = access.person_of(principal)
    mentored = (
        select(WorkshopMentor.workshop_id)
        .join(Mentor, Mentor.id == WorkshopMentor.mentor_id)
        .where(Mentor.person_id == person)
    )
    query = _sessions_query().where(
        or_(Workshop.item_id.in_(mentored), Workshop.organiser_ids.contains([person]))
    )
    if upcoming is not None:
        current = now()
        query = query.where(
            WorkshopSession.ends_at >= current if upcoming else WorkshopSession.ends_at < current
        )
    return await _listed(db, query, principal, limit=limit, offset=offset)
