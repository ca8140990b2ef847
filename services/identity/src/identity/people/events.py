"""Events about people and profiles: names, payloads, their webhook declarations, publishing."""

from __future__ import annotations

import uuid
from datetime import datetime

from fastapi import APIRouter
from pydantic import BaseModel
from sqlalchemy.ext.asyncio import AsyncSession

from identity.database import events
from kit.events.outbox import publish

PERSON_CREATED = "identity.person.created"
PERSON_MOVED = "identity.person.moved"
PERSON_RENAMED = "identity.person.renamed"
SUPERVISOR_CHANGED = "identity.person.supervisor_changed"
PERSON_SUSPENDED = "identity.person.suspended"
PERSON_REACTIVATED = "identity.person.reactivated"
PERSON_ERASED = "identity.person.erased"
PROFILE_UPDATED = "identity.profile.updated"


class PersonCreatedEvent(BaseModel):
    """Payload of `identity.person.created`."""

    id: uuid.UUID
    email: str
    display_name: str
    unit_id: uuid.UUID
    org_path: list[uuid.UUID]
    supervisor_id: uuid.UUID | None
    roles: list[str]
    preferred_language: str


class PersonMovedEvent(BaseModel):
    """Payload of `identity.person.moved`: the person now belongs to `unit_id`."""

    id: uuid.UUID
    from_unit_id: uuid.UUID
    unit_id: uuid.UUID
    org_path: list[uuid.UUID]


class PersonRenamedEvent(BaseModel):
    """Payload of `identity.person.renamed`: the name to show for the person from now on."""

    id: uuid.UUID
    display_name: str


class SupervisorChangedEvent(BaseModel):
    """Payload of `identity.person.supervisor_changed` (`supervisor_id` null: no supervisor now)."""

    id: uuid.UUID
    from_supervisor_id: uuid.UUID | None
    supervisor_id: uuid.UUID | None


class PersonStatusEvent(BaseModel):
    """Payload of `identity.person.suspended` and `identity.person.reactivated`."""

    id: uuid.UUID
    unit_id: uuid.UUID
    org_path: list[uuid.UUID]


class PersonErasedEvent(BaseModel):
    """Payload of `identity.person.erased`: delete or anonymise everything held about `id`."""

    id: uuid.UUID
    erased_at: datetime


class ProfileUpdatedEvent(BaseModel):
    """Payload of `identity.profile.updated`: what other services plan with (no free text)."""

    person_id: uuid.UUID
    role_profile_key: str | None
    preferred_language: str
    weekly_minutes: int
    share_results_with_supervisor: bool
    accessibility: dict[str, bool]


async def emit(db: AsyncSession, event_type: str, payload: BaseModel) -> None:
    """Publish through the outbox, in the caller's transaction."""
    await publish(db, events, event_type, payload.model_dump(mode="json"))


webhooks = APIRouter()


@webhooks.post(PERSON_CREATED, summary="A person was created")
def person_created(event: PersonCreatedEvent) -> None:
    """Sent when a person is added (by HR, an invitation, registration or SCIM)."""


@webhooks.post(PERSON_MOVED, summary="A person moved to another unit")
def person_moved(event: PersonMovedEvent) -> None:
    """Sent when a person's unit changes."""


@webhooks.post(PERSON_RENAMED, summary="A person's display name changed")
def person_renamed(event: PersonRenamedEvent) -> None:
    """Sent when the name shown for a person changes (by HR, SCIM or an administrator)."""


@webhooks.post(SUPERVISOR_CHANGED, summary="A person's supervisor changed")
def supervisor_changed(event: SupervisorChangedEvent) -> None:
    """Sent when a person gets another supervisor or none."""


@webhooks.post(PERSON_SUSPENDED, summary="A person was suspended")
def person_suspended(event: PersonStatusEvent) -> None:
    """Sent when a person may no longer sign in."""


@webhooks.post(PERSON_REACTIVATED, summary="A suspended person was reactivated")
def person_reactivated(event: PersonStatusEvent) -> None:
    """Sent when a suspended person may sign in again."""


@webhooks.post(PERSON_ERASED, summary="A person's data was erased")
def person_erased(event: PersonErasedEvent) -> None:
    """Sent when a person asked for erasure: every service deletes what it holds about them."""


@webhooks.post(PROFILE_UPDATED, summary="A digital profile was saved")
def profile_updated(event: ProfileUpdatedEvent) -> None:
    """Sent when a person saves their digital profile."""
