"""The parts of identity's event payloads that the catalog keeps (its own copy of the contract)."""

from __future__ import annotations

import uuid
from datetime import datetime

from pydantic import BaseModel, ConfigDict


class _Event(BaseModel):
    # Identity may add fields; the catalog reads only what it keeps.
    model_config = ConfigDict(extra="ignore")


class PersonCreated(_Event):
    """`identity.person.created`."""

    id: uuid.UUID
    display_name: str
    supervisor_id: uuid.UUID | None = None


class PersonRenamed(_Event):
    """`identity.person.renamed`."""

    id: uuid.UUID
    display_name: str


class SupervisorChanged(_Event):
    """`identity.person.supervisor_changed` (`supervisor_id` null: no supervisor now)."""

    id: uuid.UUID
    supervisor_id: uuid.UUID | None


class PersonErased(_Event):
    """`identity.person.erased`."""

    id: uuid.UUID
    erased_at: datetime
