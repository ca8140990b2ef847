"""API shapes of the OAuth administration endpoints (clients and signing keys)."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

# What a confidential client may be given: SCIM provisioning, HR reads, service-to-service calls.
MachineScope = Literal["scim", "hr.read", "service"]


class ClientCreate(BaseModel):
    """A confidential client (client credentials) for an HR system or a service."""

    model_config = ConfigDict(extra="forbid")

    name: Annotated[
        str,
        # No control characters (PostgreSQL refuses NUL; none belongs in a name anyway).
        StringConstraints(
            strip_whitespace=True, min_length=1, max_length=200, pattern=r"^[^\x00-\x1f\x7f]+$"
        ),
    ]
    organisation_id: uuid.UUID = Field(description="The organisation whose subtree the client reaches.")
    scopes: list[MachineScope] = Field(min_length=1, max_length=3)


class ClientOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    client_id: str
    name: str
    kind: Literal["public", "confidential"]
    organisation_id: uuid.UUID | None
    scopes: list[str]
    grant_types: list[str]
    status: Literal["active", "revoked"]
    created_by: str
    created_at: datetime
    secret_rotated_at: datetime | None
    revoked_at: datetime | None


class ClientWithSecret(ClientOut):
    """The only answer that ever holds the secret: store it now, it cannot be shown again."""

    client_secret: str


class KeyOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    kid: str
    alg: str
    status: Literal["next", "active", "retired"]
    created_at: datetime
    activated_at: datetime | None
    retired_at: datetime | None
    retire_after: datetime | None
