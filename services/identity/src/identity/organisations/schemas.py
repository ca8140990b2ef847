"""API shapes of organisations."""

from __future__ import annotations

import uuid
from datetime import datetime
from enum import StrEnum
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, field_validator

from kit.text import localized

Code = Annotated[
    str,
    StringConstraints(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$", min_length=2, max_length=100),
    Field(description="Stable natural key, lowercase words joined by hyphens, e.g. `lt-vrm`."),
]
# Letters in either case: the API lowercases, and the contract must not promise to refuse "VRM.lt".
EmailDomain = Annotated[
    str,
    StringConstraints(
        pattern=r"^(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z][A-Za-z0-9-]{0,61}[A-Za-z0-9]$",
        max_length=253,
    ),
    Field(description="A domain name (ASCII; internationalised names in their `xn--` form)."),
]


class OrganisationKind(StrEnum):
    """Level of an organisation; deeper kinds sit under the same or shallower ones."""

    country = "country"
    ministry = "ministry"
    department = "department"
    unit = "unit"

    @property
    def rank(self) -> int:
        """0 for a country, 3 for a unit: a child's rank is never below its parent's."""
        return list(OrganisationKind).index(self)


class OrganisationCreate(BaseModel):
    """A new organisation; `code` is its natural key, so a retried create is harmless."""

    model_config = ConfigDict(extra="forbid")

    code: Code
    kind: OrganisationKind
    name: localized(200)  # type: ignore[valid-type]
    parent_id: uuid.UUID | None = Field(None, description="The organisation this one belongs to.")
    email_domains: Annotated[
        list[EmailDomain],
        Field(max_length=50, description="E-mail domains of its people; stored lowercase, sorted."),
    ] = []

    @field_validator("email_domains")
    @classmethod
    def _normalise_domains(cls, domains: list[str]) -> list[str]:
        return sorted({domain.lower() for domain in domains})


class Organisation(BaseModel):
    """An organisation as the API shows it."""

    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    parent_id: uuid.UUID | None
    code: str
    kind: OrganisationKind
    name: dict[str, str]
    email_domains: list[str]
    path: list[uuid.UUID] = Field(description="Ids from the root down to this organisation, itself last.")
    created_at: datetime
    updated_at: datetime


class OrganisationEvent(BaseModel):
    """Payload of `identity.organisation.created`."""

    id: uuid.UUID
    parent_id: uuid.UUID | None
    code: str
    kind: OrganisationKind
    name: dict[str, str]
    email_domains: list[str]
    path: list[uuid.UUID]
