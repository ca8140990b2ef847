"""Keeping `person_link` from identity's events, and reading it to authorize result access.

Order rule: every event carries the whole value it changes, so each handler writes only its own
columns and an event about a person not seen yet creates the row (a `moved` may arrive before
its `created`). Erasure is final: the row stays as a tombstone and later events about that
person change nothing, so a delayed event cannot bring the person back. Duplicates never reach
the handlers (the inbox drops them), and applying the same event twice gives the same row anyway.
"""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import delete, func, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.ext.asyncio import AsyncSession

from assessment.directory.models import PersonLink
from assessment.directory.schemas import (
    PersonCreated,
    PersonErased,
    PersonMoved,
    ProfileUpdated,
    SupervisorChanged,
)
from assessment.results.models import Result
from assessment.sessions.models import TestSession
from kit.events.inbox import parse_payload

PERSON_CREATED = "identity.person.created"
PERSON_MOVED = "identity.person.moved"
SUPERVISOR_CHANGED = "identity.person.supervisor_changed"
PERSON_ERASED = "identity.person.erased"
PROFILE_UPDATED = "identity.profile.updated"


async def _apply(session: AsyncSession, person_id: uuid.UUID, **values: Any) -> None:
    """Create the person's row with `values`, or update those columns unless the person was erased."""
    statement = pg_insert(PersonLink).values(person_id=person_id, **values)
    await session.execute(
        statement.on_conflict_do_update(
            index_elements=[PersonLink.person_id],
            set_={**{name: statement.excluded[name] for name in values}, "updated_at": func.now()},
            where=PersonLink.erased.is_(False),
        )
    )


async def on_person_created(session: AsyncSession, data: dict[str, Any]) -> None:
    """Handle `identity.person.created`."""
    event = parse_payload(PersonCreated, data)
    await _apply(session, event.id, supervisor_id=event.supervisor_id, org_path=event.org_path)


async def on_person_moved(session: AsyncSession, data: dict[str, Any]) -> None:
    """Handle `identity.person.moved`."""
    event = parse_payload(PersonMoved, data)
    await _apply(session, event.id, org_path=event.org_path)


async def on_supervisor_changed(session: AsyncSession, data: dict[str, Any]) -> None:
    """Handle `identity.person.supervisor_changed`."""
    event = parse_payload(SupervisorChanged, data)
    await _apply(session, event.id, supervisor_id=event.supervisor_id)


async def on_profile_updated(session: AsyncSession, data: dict[str, Any]) -> None:
    """Handle `identity.profile.updated` (only the sharing choice matters here)."""
    event = parse_payload(ProfileUpdated, data)
    await _apply(session, event.person_id, share_results_with_supervisor=event.share_results_with_supervisor)


async def on_person_erased(session: AsyncSession, data: dict[str, Any]) -> None:
    """Handle `identity.person.erased`: delete their sessions, responses and results; keep a tombstone."""
    person_id = parse_payload(PersonErased, data).id
    await session.execute(delete(Result).where(Result.person_id == person_id))
    # Responses (session_item) go with their session (ON DELETE CASCADE).
    await session.execute(delete(TestSession).where(TestSession.person_id == person_id))
    values: dict[str, Any] = {
        "supervisor_id": None,
        "org_path": [],
        "share_results_with_supervisor": False,
        "erased": True,
    }
    statement = pg_insert(PersonLink).values(person_id=person_id, **values)
    await session.execute(
        statement.on_conflict_do_update(
            index_elements=[PersonLink.person_id], set_={**values, "updated_at": func.now()}
        )
    )
    # Nobody reads results through an erased supervisor; identity reassigns the reports later.
    await session.execute(
        update(PersonLink).where(PersonLink.supervisor_id == person_id).values(supervisor_id=None)
    )


HANDLERS = {
    PERSON_CREATED: on_person_created,
    PERSON_MOVED: on_person_moved,
    SUPERVISOR_CHANGED: on_supervisor_changed,
    PROFILE_UPDATED: on_profile_updated,
    PERSON_ERASED: on_person_erased,
}


async def get_link(session: AsyncSession, person_id: uuid.UUID) -> PersonLink | None:
    """The person's row, if assessment has heard of them and they are not erased."""
    link = await session.get(PersonLink, person_id)
    return None if link is None or link.erased else link


async def shares_with(session: AsyncSession, person_id: uuid.UUID, supervisor_id: uuid.UUID) -> bool:
    """Whether `supervisor_id` is the person's direct supervisor and the person shares results."""
    found = await session.scalar(
        select(PersonLink.person_id).where(
            PersonLink.person_id == person_id,
            PersonLink.supervisor_id == supervisor_id,
            PersonLink.share_results_with_supervisor.is_(True),
            PersonLink.erased.is_(False),
        )
    )
    return found is not None
