"""The parts of the catalog's event payloads that identity mails about (its own copy of the contract)."""

from __future__ import annotations

import uuid
from datetime import datetime

from pydantic import BaseModel, ConfigDict


class _Event(BaseModel):
    # The catalog may add fields; identity reads only what it writes about.
    model_config = ConfigDict(extra="ignore")


class _Session(_Event):
    session_id: uuid.UUID
    item_id: uuid.UUID
    title: dict[str, str]
    starts_at: datetime
    ends_at: datetime
    timezone: str


class RegistrationEvent(_Session):
    """`catalog.registration.*`."""

    registration_id: uuid.UUID
    person_id: uuid.UUID
    status: str
    waitlist_position: int | None = None
    reason: str | None = None


class SessionCancelledEvent(_Session):
    """`catalog.workshop.session_cancelled`."""

    person_ids: list[uuid.UUID]


class ReminderEvent(_Session):
    """`catalog.workshop.reminder`."""

    registration_id: uuid.UUID
    person_id: uuid.UUID
    location: str | None = None
