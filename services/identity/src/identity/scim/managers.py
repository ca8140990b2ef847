"""Setting a User's manager (the person's supervisor).

identity.people.service assigns only active supervisors. An HR system mirrors its own records,
where a manager on leave (suspended here) still manages people, and a sync that suspends the
manager before updating the reports must not fail half way; a person can already keep a supervisor
who is suspended later. So a suspended manager is assigned here with the same loop check, event and
audit entry as the people service's. Should the people service accept suspended supervisors, this
module reduces to its `set_supervisor`.
"""

from __future__ import annotations

import uuid

from scim2_models import InvalidValueException
from sqlalchemy import func, literal, select
from sqlalchemy.ext.asyncio import AsyncSession

from identity.people import events
from identity.people import service as people
from identity.people.access import Actor
from identity.people.models import Person


async def _reports_to(db: AsyncSession, supervisor_id: uuid.UUID, person_id: uuid.UUID) -> bool:
    """Whether `supervisor_id` reports (directly or not) to `person_id`."""
    chain = (
        select(Person.id, Person.supervisor_id, literal(1).label("depth"))
        .where(Person.id == supervisor_id)
        .cte("chain", recursive=True)
    )
    chain = chain.union_all(
        select(Person.id, Person.supervisor_id, chain.c.depth + 1)
        .join(chain, Person.id == chain.c.supervisor_id)
        .where(chain.c.depth < people.MAX_CHAIN)
    )
    return bool(await db.scalar(select(func.count()).select_from(chain).where(chain.c.id == person_id)))


async def set_manager(
    db: AsyncSession, person: Person, manager_id: uuid.UUID | None, *, actor: Actor
) -> None:
    """Give the person this manager (None: none); events and audit as the people service has them."""
    manager = await db.get(Person, manager_id) if manager_id is not None else None
    if manager is None or manager.status == "active":
        await people.set_supervisor(db, person, manager_id, actor=actor)
        return
    if manager.status != "suspended":
        raise InvalidValueException(detail="manager: no User has this id.")
    if manager.id == person.id or await _reports_to(db, manager.id, person.id):
        raise InvalidValueException(
            detail="manager: this User (directly or not) reports to the person changed."
        )
    if person.supervisor_id == manager.id:
        return
    before = person.supervisor_id
    person.supervisor_id = manager.id
    await db.flush()
    await events.emit(
        db,
        events.SUPERVISOR_CHANGED,
        events.SupervisorChangedEvent(id=person.id, from_supervisor_id=before, supervisor_id=manager.id),
    )
    await people.audit(
        db,
        actor,
        "person.supervisor_changed",
        person,
        await people.unit_path(db, person.unit_id),
        {"from_supervisor_id": str(before) if before else None, "supervisor_id": str(manager.id)},
    )
