"""Finding a workshop or session the caller may see, and the clock every rule reads."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from catalog.items.models import LearningItem
from catalog.workshops import access
from catalog.workshops.models import Workshop, WorkshopSession
from catalog.workshops.schemas import SessionStatus
from kit.auth import Principal
from kit.problems import NotFound

WORKSHOP_KIND = "workshop"
SCHEDULED = SessionStatus.scheduled.value


@dataclass(frozen=True)
class Context:
    """A workshop and its learning item."""

    workshop: Workshop
    item: LearningItem


def now() -> datetime:
    """The current time (one place, so every rule compares with the same clock)."""
    return datetime.now(tz=UTC)


async def workshop_context(db: AsyncSession, item_id: uuid.UUID, principal: Principal | None) -> Context:
    """A workshop the caller may see, or NotFound."""
    row = (
        await db.execute(
            select(Workshop, LearningItem)
            .join(LearningItem, LearningItem.id == Workshop.item_id)
            .where(Workshop.item_id == item_id)
        )
    ).first()
    if row is None or not access.may_read(principal, row[1]):
        raise NotFound("No workshop has this id.")
    return Context(row[0], row[1])


async def session_context(
    db: AsyncSession, session_id: uuid.UUID, principal: Principal | None, *, lock: bool = False
) -> tuple[WorkshopSession, Context]:
    """A session of a workshop the caller may see, or NotFound. `lock` takes the session row
    FOR UPDATE: every change to its registrations is serialised by it, so arrival order holds."""
    query = (
        select(WorkshopSession, Workshop, LearningItem)
        .join(Workshop, Workshop.item_id == WorkshopSession.item_id)
        .join(LearningItem, LearningItem.id == Workshop.item_id)
        .where(WorkshopSession.id == session_id)
    )
    if lock:
        query = query.with_for_update(of=WorkshopSession).execution_options(populate_existing=True)
    row = (await db.execute(query)).first()
    if row is None or not access.may_read(principal, row[2]):
        raise NotFound("No workshop session has this id.")
    return row[0], Context(row[1], row[2])
