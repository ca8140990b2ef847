"""What a supervisor is asked to decide: the registration requests of the people they supervise."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from catalog.items.models import LearningItem
from catalog.people.models import Person
from catalog.workshops import access, queue
from catalog.workshops.context import SCHEDULED, now
from catalog.workshops.models import Registration, Workshop, WorkshopSession
from catalog.workshops.schemas import PendingApproval
from catalog.workshops.views import workshop_ref
from kit.auth import Principal


async def my_approvals(
    db: AsyncSession, principal: Principal, *, limit: int, offset: int
) -> tuple[list[PendingApproval], int]:
    """Pending requests of the people the caller supervises, for sessions still to come (soonest
    first): a request for a cancelled or past session cannot be approved any more."""
    supervisor = access.person_of(principal)
    query = (
        select(Registration, Person.display_name, WorkshopSession, Workshop, LearningItem)
        .join(Person, Person.person_id == Registration.person_id)
        .join(WorkshopSession, WorkshopSession.id == Registration.session_id)
        .join(Workshop, Workshop.item_id == WorkshopSession.item_id)
        .join(LearningItem, LearningItem.id == Workshop.item_id)
        .where(
            Person.supervisor_id == supervisor,
            Person.erased.is_(False),
            Registration.status == queue.PENDING,
            WorkshopSession.status == SCHEDULED,
            WorkshopSession.ends_at >= now(),
        )
    )
    total = await db.scalar(select(func.count()).select_from(query.subquery())) or 0
    rows = await db.execute(
        query.order_by(WorkshopSession.starts_at, Registration.created_at, Registration.id)
        .limit(limit)
        .offset(offset)
    )
    items = [
        PendingApproval(
            registration_id=registration.id,
            person_id=registration.person_id,
            display_name=name,
            session_id=ws.id,
            starts_at=ws.starts_at,
            ends_at=ws.ends_at,
            timezone=ws.timezone,
            workshop=workshop_ref(workshop, item),
            requested_at=registration.created_at,
        )
        for registration, name, ws, workshop, item in rows.all()
    ]
    return items, total
