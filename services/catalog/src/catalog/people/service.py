"""Keeping `person` from identity's events, and erasing what the catalog holds about a person.

The name is the one of `identity.person.created`, then of each `identity.person.renamed`; the
supervisor the one of `created`, then of each `identity.person.supervisor_changed`. Events may
arrive out of order, so a `created` never replaces what a later event set already. Erasure is
final: the row stays as a tombstone without a name and a late event changes nothing. Duplicates
never reach the handlers (the inbox drops them), and applying the same event twice gives the same
rows anyway.
"""

from __future__ import annotations

import uuid
from collections.abc import Collection
from typing import Any

from sqlalchemy import delete, func, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.ext.asyncio import AsyncSession

from catalog.items.models import ItemCompletion, ItemRating, LearningItem
from catalog.people.models import Person
from catalog.people.schemas import PersonCreated, PersonErased, PersonRenamed, SupervisorChanged
from catalog.workshops import queue
from catalog.workshops.context import Context
from catalog.workshops.models import Registration, Workshop, WorkshopFeedback, WorkshopSession
from catalog.workshops.registrations import promote_next
from kit.events.inbox import parse_payload

PERSON_CREATED = "identity.person.created"
PERSON_ERASED = "identity.person.erased"
PERSON_RENAMED = "identity.person.renamed"
SUPERVISOR_CHANGED = "identity.person.supervisor_changed"


async def on_person_created(session: AsyncSession, data: dict[str, Any]) -> None:
    """Handle `identity.person.created`: keep the name and supervisor, unless the person was erased."""
    event = parse_payload(PersonCreated, data)
    statement = pg_insert(Person).values(
        person_id=event.id, display_name=_name(event.display_name), supervisor_id=event.supervisor_id
    )
    await session.execute(
        statement.on_conflict_do_update(
            index_elements=[Person.person_id],
            # A row already here got its supervisor from a later `supervisor_changed` and any name
            # from a later `renamed`: a `created` delivered late only fills in a missing name.
            set_={
                "display_name": func.coalesce(Person.display_name, statement.excluded.display_name),
                "updated_at": func.now(),
            },
            where=Person.erased.is_(False),
        )
    )


async def on_person_renamed(session: AsyncSession, data: dict[str, Any]) -> None:
    """Handle `identity.person.renamed`: the new name from now on (an erased person stays nameless)."""
    event = parse_payload(PersonRenamed, data)
    await _apply(session, event.id, display_name=_name(event.display_name))


async def _apply(session: AsyncSession, person_id: uuid.UUID, **values: Any) -> None:
    """Create the person's row with `values`, or set those columns unless the person was erased."""
    statement = pg_insert(Person).values(person_id=person_id, **values)
    await session.execute(
        statement.on_conflict_do_update(
            index_elements=[Person.person_id],
            set_={**{name: statement.excluded[name] for name in values}, "updated_at": func.now()},
            where=Person.erased.is_(False),
        )
    )


def _name(display_name: str) -> str | None:
    """The name as kept: trimmed, at most 200 characters, None when blank."""
    return display_name.strip()[:200] or None


async def on_supervisor_changed(session: AsyncSession, data: dict[str, Any]) -> None:
    """Handle `identity.person.supervisor_changed`: the new supervisor decides from now on.

    A person the catalog has not heard of yet gets a nameless row (their `created` fills the
    name in); an erased person stays without one.
    """
    event = parse_payload(SupervisorChanged, data)
    await _apply(session, event.id, supervisor_id=event.supervisor_id)


async def on_person_erased(session: AsyncSession, data: dict[str, Any]) -> None:
    """Handle `identity.person.erased`: delete their ratings, completions, registrations and
    feedback (passing freed seats on), and keep a nameless tombstone, all in this transaction."""
    person_id = parse_payload(PersonErased, data).id
    values: dict[str, Any] = {"display_name": None, "supervisor_id": None, "erased": True}
    statement = pg_insert(Person).values(person_id=person_id, **values)
    await session.execute(
        statement.on_conflict_do_update(
            index_elements=[Person.person_id], set_={**values, "updated_at": func.now()}
        )
    )
    # Nobody is supervised by an erased person any more.
    await session.execute(
        update(Person)
        .where(Person.supervisor_id == person_id)
        .values(supervisor_id=None, updated_at=func.now())
    )
    await _erase_ratings(session, person_id)
    await session.execute(delete(ItemCompletion).where(ItemCompletion.person_id == person_id))
    await _erase_registrations(session, person_id)


async def _erase_ratings(session: AsyncSession, person_id: uuid.UUID) -> None:
    """Delete the person's ratings and take them out of each item's count and sum.

    The items are locked first (in id order, so two erasures cannot deadlock), as rating does,
    so a concurrent rating of the same item never loses an update.
    """
    rated = select(ItemRating.item_id).where(ItemRating.person_id == person_id)
    await session.execute(
        select(LearningItem.id).where(LearningItem.id.in_(rated)).order_by(LearningItem.id).with_for_update()
    )
    removed = await session.execute(
        delete(ItemRating)
        .where(ItemRating.person_id == person_id)
        .returning(ItemRating.item_id, ItemRating.rating)
    )
    for item_id, rating in removed.all():
        await session.execute(
            update(LearningItem)
            .where(LearningItem.id == item_id)
            # `updated_at` is the content's: a withdrawn rating does not change the item.
            .values(
                rating_count=LearningItem.rating_count - 1,
                rating_sum=LearningItem.rating_sum - rating,
                updated_at=LearningItem.updated_at,
            )
            .execution_options(synchronize_session="fetch")
        )


async def _erase_registrations(session: AsyncSession, person_id: uuid.UUID) -> None:
    """Delete the person's registrations (every status) and feedback; a confirmed seat they held
    goes to the first in line, as when a registration is cancelled.

    Each session is locked first (in id order), as every change to its registrations is.
    """
    held = select(Registration.session_id).where(Registration.person_id == person_id)
    sessions = await session.execute(
        select(WorkshopSession, Workshop, LearningItem)
        .join(Workshop, Workshop.item_id == WorkshopSession.item_id)
        .join(LearningItem, LearningItem.id == Workshop.item_id)
        .where(WorkshopSession.id.in_(held))
        .order_by(WorkshopSession.id)
        .with_for_update(of=WorkshopSession)
        .execution_options(populate_existing=True)
    )
    for ws, workshop, item in sessions.all():
        mine = select(Registration.id).where(
            Registration.session_id == ws.id, Registration.person_id == person_id
        )
        await session.execute(delete(WorkshopFeedback).where(WorkshopFeedback.registration_id.in_(mine)))
        freed = await session.scalars(
            delete(Registration)
            .where(Registration.session_id == ws.id, Registration.person_id == person_id)
            .returning(Registration.status)
        )
        if queue.CONFIRMED in freed.all():
            await promote_next(session, ws, Context(workshop, item))


HANDLERS = {
    PERSON_CREATED: on_person_created,
    PERSON_ERASED: on_person_erased,
    PERSON_RENAMED: on_person_renamed,
    SUPERVISOR_CHANGED: on_supervisor_changed,
}


async def display_names(session: AsyncSession, person_ids: Collection[uuid.UUID]) -> dict[uuid.UUID, str]:
    """The names the catalog knows of these people (the erased and the unknown are left out)."""
    if not person_ids:
        return {}
    rows = await session.execute(
        select(Person.person_id, Person.display_name).where(
            Person.person_id.in_(person_ids), Person.erased.is_(False), Person.display_name.is_not(None)
        )
    )
    return {person_id: name for person_id, name in rows if name is not None}
