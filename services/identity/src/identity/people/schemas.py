"""API shapes of people, their roles and invitations."""

from __future__ import annotations

import uuid
from datetime import datetime
from enum import StrEnum
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, EmailStr, Field, StringConstraints, field_validator

# No control characters in names: they end up in e-mails, exports and other services' pages.
Name = Annotated[
    str, StringConstraints(strip_whitespace=True, max_length=100, pattern=r"^[^\x00-\x1f\x7f]*$")
]
DisplayName = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=200, pattern=r"^[^\x00-\x1f\x7f]*$"),
]
Email = Annotated[EmailStr, Field(max_length=254, description="Stored lowercase; unique in any letter case.")]
Language = Literal["en", "lt"]


class GlobalRole(StrEnum):
    """Roles that hold everywhere (`supervisor` is not one: it follows from having reports)."""

    learner = "learner"
    content_editor = "content_editor"
    mentor = "mentor"
    platform_admin = "platform_admin"


class ScopedRole(StrEnum):
    """Roles that hold over one organisation and everything under it."""

    hr_manager = "hr_manager"
    org_admin = "org_admin"


class ListedRole(StrEnum):
    """What `GET /people?role=` filters by: a global role, a scoped role, or `supervisor`."""

    learner = "learner"
    content_editor = "content_editor"
    mentor = "mentor"
    platform_admin = "platform_admin"
    hr_manager = "hr_manager"
    org_admin = "org_admin"
    supervisor = "supervisor"


class PersonStatus(StrEnum):
    active = "active"
    suspended = "suspended"


class GrantIn(BaseModel):
    """A scoped role over an organisation's subtree."""

    model_config = ConfigDict(extra="forbid")

    role: ScopedRole
    organisation_id: uuid.UUID


class GrantOut(BaseModel):
    role: str
    organisation_id: uuid.UUID


def _unique_roles(roles: list[GlobalRole]) -> list[GlobalRole]:
    return sorted(set(roles))


def _unique_grants(grants: list[GrantIn]) -> list[GrantIn]:
    unique = {(grant.role, grant.organisation_id): grant for grant in grants}
    return [unique[key] for key in sorted(unique)]


class RolesIn(BaseModel):
    """The whole set of a person's roles and grants (replaces what they had)."""

    model_config = ConfigDict(extra="forbid")

    roles: Annotated[list[GlobalRole], Field(max_length=10)]
    grants: Annotated[list[GrantIn], Field(max_length=50)] = []

    _roles = field_validator("roles")(_unique_roles)
    _grants = field_validator("grants")(_unique_grants)


class RolesOut(BaseModel):
    roles: list[str]
    grants: list[GrantOut]


class PersonCreate(BaseModel):
    """A person created directly by HR or an administrator (no invitation e-mail)."""

    model_config = ConfigDict(extra="forbid")

    email: Email
    display_name: DisplayName
    given_name: Name = ""
    family_name: Name = ""
    unit_id: uuid.UUID
    supervisor_id: uuid.UUID | None = None
    roles: Annotated[list[GlobalRole], Field(min_length=1, max_length=10)] = [GlobalRole.learner]
    language: Language = "lt"

    _roles = field_validator("roles")(_unique_roles)

    @field_validator("email")
    @classmethod
    def _lower(cls, email: str) -> str:
        return email.lower()


class PersonPatch(BaseModel):
    """Fields to change; a field left out stays as it is (`supervisor_id: null` removes the supervisor)."""

    model_config = ConfigDict(extra="forbid")

    given_name: Name | None = None
    family_name: Name | None = None
    display_name: DisplayName | None = None
    unit_id: uuid.UUID | None = None
    supervisor_id: uuid.UUID | None = None


class Person(BaseModel):
    """A person as HR and administrators see them."""

    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    email: str
    display_name: str
    given_name: str
    family_name: str
    unit_id: uuid.UUID
    supervisor_id: uuid.UUID | None
    roles: list[str]
    grants: list[GrantOut] = []
    status: str
    email_verified: bool
    created_at: datetime
    updated_at: datetime


class UnitRef(BaseModel):
    id: uuid.UUID
    name: dict[str, str]


class PersonRef(BaseModel):
    id: uuid.UUID
    display_name: str


class Me(BaseModel):
    """The signed-in person."""

    id: uuid.UUID
    email: str
    display_name: str
    given_name: str
    family_name: str
    unit: UnitRef
    supervisor: PersonRef | None
    roles: list[str]
    grants: list[GrantOut]
    is_supervisor: bool
    onboarded: bool


class Report(BaseModel):
    """A direct report, as their supervisor sees them."""

    id: uuid.UUID
    display_name: str
    email: str
    unit: UnitRef
    job_title: str
    status: str


class InvitationCreate(BaseModel):
    """Invite someone by e-mail to join a unit; they choose a password when they accept."""

    model_config = ConfigDict(extra="forbid")

    email: Email
    display_name: DisplayName
    unit_id: uuid.UUID
    supervisor_id: uuid.UUID | None = None
    roles: Annotated[list[GlobalRole], Field(min_length=1, max_length=10)] = [GlobalRole.learner]
    grants: Annotated[list[GrantIn], Field(max_length=50)] = []
    language: Language = Field("lt", description="The language of the invitation e-mail.")

    _roles = field_validator("roles")(_unique_roles)
    _grants = field_validator("grants")(_unique_grants)

    @field_validator("email")
    @classmethod
    def _lower(cls, email: str) -> str:
        return email.lower()


class InvitationStatus(StrEnum):
    pending = "pending"
    accepted = "accepted"
    revoked = "revoked"
    expired = "expired"


class Invitation(BaseModel):
    id: uuid.UUID
    email: str
    display_name: str
    unit_id: uuid.UUID
    supervisor_id: uuid.UUID | None
    roles: list[str]
    grants: list[GrantOut]
    invited_by: str
    status: InvitationStatus
    created_at: datetime
    expires_at: datetime
