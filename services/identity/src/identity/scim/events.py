"""Events SCIM adds about organisation units: renamed and deleted (created is the organisations
area's `identity.organisation.created`)."""

from __future__ import annotations

import uuid

from fastapi import APIRouter
from pydantic import BaseModel
from sqlalchemy.ext.asyncio import AsyncSession

from identity.database import events
from identity.organisations.models import Organisation
from identity.organisations.schemas import OrganisationEvent
from kit.events.outbox import publish

ORGANISATION_UPDATED = "identity.organisation.updated"
ORGANISATION_DELETED = "identity.organisation.deleted"


class OrganisationDeletedEvent(BaseModel):
    """Payload of `identity.organisation.deleted`: the unit is gone (it held nobody any more)."""

    id: uuid.UUID
    parent_id: uuid.UUID | None
    path: list[uuid.UUID]


async def organisation_updated(db: AsyncSession, organisation: Organisation) -> None:
    payload = OrganisationEvent.model_validate(organisation, from_attributes=True)
    await publish(db, events, ORGANISATION_UPDATED, payload.model_dump(mode="json"))


async def organisation_deleted(db: AsyncSession, organisation: Organisation) -> None:
    payload = OrganisationDeletedEvent(
        id=organisation.id, parent_id=organisation.parent_id, path=list(organisation.path)
    )
    await publish(db, events, ORGANISATION_DELETED, payload.model_dump(mode="json"))


webhooks = APIRouter()


@webhooks.post(ORGANISATION_UPDATED, summary="An organisation was renamed")
def organisation_updated_hook(event: OrganisationEvent) -> None:
    """Sent with the organisation's new state when it changes (SCIM renames units)."""


@webhooks.post(ORGANISATION_DELETED, summary="An organisation was deleted")
def organisation_deleted_hook(event: OrganisationDeletedEvent) -> None:
    """Sent when an empty unit is deleted (SCIM deletes Groups)."""
