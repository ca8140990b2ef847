"""The parts of identity's event payloads that assessment keeps (its own copy of the contract)."""

from __future__ import annotations

import uuid
from datetime import datetime

from pydantic import BaseModel, ConfigDict


class _Event(BaseModel):
    # Identity may add fields; assessment reads only what it keeps.
    model_config = ConfigDict(extra="ignore")


class PersonCreated(_Event):
    """`identity.person.created`."""

    id: uuid.UUID
    org_path: list[uuid.UUID]
    supervisor_id: uuid.UUID | None


class PersonMoved(_Event):
    """`identity.person.moved`."""

    id: uuid.UUID
    org_path: list[uuid.UUID]


class SupervisorChanged(_Event):
    """`identity.person.supervisor_changed`."""

    id: uuid.UUID
    supervisor_id: uuid.UUID | None


class ProfileUpdated(_Event):
    """`identity.profile.updated`."""

    person_id: uuid.UUID
    share_results_with_supervisor: bool


class PersonErased(_Event):
    """`identity.person.erased`."""

    id: uuid.UUID
    erased_at: datetime
