"""Workshops: the workshop part of a learning item, and reading workshops with their sessions."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import delete, func, literal_column, select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from catalog.items.models import LearningItem
from catalog.items.service import editable_item
from catalog.workshops import access, queue
from catalog.workshops.context import SCHEDULED, WORKSHOP_KIND, Context, now, workshop_context
from catalog.workshops.mentors import mentor_out, mentors_of
from catalog.workshops.models import Mentor, Workshop, WorkshopMentor, WorkshopSession
from catalog.workshops.schemas import (
    SessionOut,
    WorkshopDetail,
    WorkshopFormat,
    WorkshopIn,
    WorkshopSummary,
)
from catalog.workshops.views import session_views
from kit.auth import Principal
from kit.problems import Conflict, Invalid


async def put_workshop(
    db: AsyncSession, item_id: uuid.UUID, data: WorkshopIn, principal: Principal
) -> tuple[Workshop, bool]:
    """Set the workshop part of a `workshop` item: (row, created); a retried PUT leaves the same state."""
    item = await editable_item(db, principal, item_id)
    if item.kind != WORKSHOP_KIND:
        raise Conflict(f"This learning item is a {item.kind}, not a workshop.")
    known = set(await db.scalars(select(Mentor.id).where(Mentor.id.in_(data.mentor_ids))))
    unknown = [str(m) for m in data.mentor_ids if m not in known]
    if unknown:
        raise Invalid(f"No mentor has the id {', '.join(unknown)}.")
    values: dict[str, Any] = {
        "format": data.format.value,
        "location": data.location,
        "meeting_url": str(data.meeting_url) if data.meeting_url else None,
        "requires_approval": data.requires_approval,
        "cancellation_deadline_hours": data.cancellation_deadline_hours,
        "organiser_ids": list(dict.fromkeys(data.organiser_ids)),
    }
    statement = insert(Workshop).values(item_id=item_id, **values)
    inserted: bool = (
        await db.execute(
            statement.on_conflict_do_update(
                index_elements=[Workshop.item_id], set_={**values, "updated_at": func.now()}
            ).returning(literal_column("xmax = 0"))
        )
    ).scalar_one()
    await db.execute(delete(WorkshopMentor).where(WorkshopMentor.workshop_id == item_id))
    if data.mentor_ids:
        await db.execute(
            insert(WorkshopMentor),
            [
                {"workshop_id": item_id, "mentor_id": mentor, "position": n}
                for n, mentor in enumerate(data.mentor_ids)
            ],
        )
    workshop = await db.get(Workshop, item_id, populate_existing=True)
    assert workshop is not None
    return workshop, inserted


def _summary_fields(
    context: Context, mentors: list[Mentor], sessions: list[SessionOut], private: bool
) -> dict[str, Any]:
    item, workshop = context.item, context.workshop
    return {
        "item_id": item.id,
        "slug": item.slug,
        "status": item.status,
        "title": item.title,
        "summary": item.summary,
        "competence_levels": item.competence_levels,
        "competences": item.competences,
        "level_min": item.level_min,
        "level_max": item.level_max,
        "languages": item.languages,
        "duration_minutes": item.duration_minutes,
        "rating_count": item.rating_count,
        "rating_average": round(item.rating_sum / item.rating_count, 2) if item.rating_count else None,
        "format": WorkshopFormat(workshop.format),
        "location": workshop.location,
        "requires_approval": workshop.requires_approval,
        "cancellation_deadline_hours": workshop.cancellation_deadline_hours,
        "mentors": [mentor_out(m, private=private) for m in mentors],
        "sessions": sessions,
    }


async def get_workshop(db: AsyncSession, item_id: uuid.UUID, principal: Principal | None) -> WorkshopDetail:
    """One workshop with every session; the meeting link only for those who may have it."""
    context = await workshop_context(db, item_id, principal)
    rows = list(
        await db.scalars(
            select(WorkshopSession)
            .where(WorkshopSession.item_id == item_id)
            .order_by(WorkshopSession.starts_at)
        )
    )
    all_mentors = await mentors_of(db, [item_id])
    sessions = await session_views(db, rows, {item_id: context.workshop}, principal, all_mentors)
    mentors = all_mentors[item_id]
    editor = access.may_edit(principal, context.item)
    runner = access.runs(principal, context.workshop, {m.person_id for m in mentors if m.person_id})
    confirmed = any(s.my_registration and s.my_registration.status == queue.CONFIRMED for s in sessions)
    return WorkshopDetail(
        **_summary_fields(context, mentors, sessions, editor),
        body_html=context.item.body_html,
        meeting_url=context.workshop.meeting_url if editor or runner or confirmed else None,
        organiser_ids=context.workshop.organiser_ids if editor or runner else [],
    )


async def list_workshops(
    db: AsyncSession,
    principal: Principal | None,
    *,
    limit: int,
    offset: int,
    format: WorkshopFormat | None = None,
    competence: str | None = None,
    language: str | None = None,
    upcoming_only: bool = False,
) -> tuple[list[WorkshopSummary], int]:
    """Published workshops the caller may see, soonest next session first, with upcoming sessions."""
    current = now()
    next_start = (
        select(func.min(WorkshopSession.starts_at))
        .where(
            WorkshopSession.item_id == Workshop.item_id,
            WorkshopSession.status == SCHEDULED,
            WorkshopSession.starts_at > current,
        )
        .correlate(Workshop)
        .scalar_subquery()
    )
    query = (
        select(Workshop, LearningItem)
        .join(LearningItem, LearningItem.id == Workshop.item_id)
        .where(LearningItem.status == access.PUBLISHED, access.visible_filter(principal))
    )
    if format:
        query = query.where(Workshop.format == format.value)
    if competence:
        query = query.where(LearningItem.competences.contains([competence]))
    if language:
        query = query.where(LearningItem.languages.contains([language]))
    if upcoming_only:
        query = query.where(next_start.is_not(None))
    total = await db.scalar(select(func.count()).select_from(query.subquery()))
    rows = (
        await db.execute(
            query.order_by(next_start.asc().nulls_last(), LearningItem.slug).limit(limit).offset(offset)
        )
    ).all()
    workshops = {w.item_id: w for w, _ in rows}
    upcoming = list(
        await db.scalars(
            select(WorkshopSession)
            .where(
                WorkshopSession.item_id.in_(workshops),
                WorkshopSession.status == SCHEDULED,
                WorkshopSession.starts_at > current,
            )
            .order_by(WorkshopSession.starts_at)
        )
    )
    mentors = await mentors_of(db, list(workshops))
    views = await session_views(db, upcoming, workshops, principal, mentors)
    out = []
    for workshop, item in rows:
        context = Context(workshop, item)
        sessions = [s for s in views if s.item_id == item.id]
        out.append(
            WorkshopSummary(
                **_summary_fields(context, mentors[item.id], sessions, access.may_edit(principal, item))
            )
        )
    return out, total or 0
