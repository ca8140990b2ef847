"""Who may see, edit and run a workshop. Seeing and editing are the learning item's rules
(`catalog.items.access`); running a session (attendees, attendance, approvals) is by relation:
the workshop's mentors (their profile's person) and organisers, and platform admins; a
registration request also by the registrant's supervisor (as identity announced them)."""

from __future__ import annotations

import uuid
from collections.abc import Collection

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from catalog.items import access as item_access
from catalog.items.models import LearningItem
from catalog.people.models import Person
from catalog.workshops.models import Mentor, Workshop, WorkshopMentor
from kit.auth import Principal
from kit.problems import Forbidden

may_edit = item_access.may_edit
may_read = item_access.may_read
visible_filter = item_access.visible_filter
is_editor = item_access.is_editor
PUBLISHED = "published"


def person_of(principal: Principal) -> uuid.UUID:
    """The person calling; machine clients do not register, attend or give feedback."""
    if principal.person_id is None:
        raise Forbidden("Only people can do this, not API clients.")
    return principal.person_id


def offered(item: LearningItem) -> bool:
    """Learners can register: the item is published (not a draft, not retired)."""
    return item.status == PUBLISHED


async def mentor_person_ids(db: AsyncSession, item_id: uuid.UUID) -> set[uuid.UUID]:
    """The DLA people who mentor this workshop."""
    rows = await db.scalars(
        select(Mentor.person_id)
        .join(WorkshopMentor, WorkshopMentor.mentor_id == Mentor.id)
        .where(WorkshopMentor.workshop_id == item_id, Mentor.person_id.is_not(None))
    )
    return {person for person in rows if person is not None}


def runs(principal: Principal | None, workshop: Workshop, mentors: Collection[uuid.UUID]) -> bool:
    """The caller mentors or organises this workshop, or is a platform admin (a person)."""
    if principal is None or principal.person_id is None:
        return False
    return (
        principal.is_platform_admin
        or principal.person_id in mentors
        or principal.person_id in workshop.organiser_ids
    )


async def require_runs(db: AsyncSession, principal: Principal, workshop: Workshop) -> uuid.UUID:
    """The calling person, if they mentor or organise the workshop (403 otherwise)."""
    person = person_of(principal)
    if not runs(principal, workshop, await mentor_person_ids(db, workshop.item_id)):
        raise Forbidden("Only this workshop's mentors and organisers can do this.")
    return person


async def supervises(db: AsyncSession, supervisor: uuid.UUID, person_id: uuid.UUID) -> bool:
    """`supervisor` is this person's supervisor, as the catalog last heard from identity."""
    found = await db.scalar(
        select(Person.person_id).where(
            Person.person_id == person_id, Person.supervisor_id == supervisor, Person.erased.is_(False)
        )
    )
    return found is not None
