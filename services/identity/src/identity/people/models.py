"""People, their role grants and invitations."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    UniqueConstraint,
    func,
    text,
)
from sqlalchemy.dialects.postgresql import ARRAY, JSONB, UUID
from sqlalchemy.orm import Mapped, mapped_column

from identity.database import Base

# Roles a person holds everywhere; `supervisor` is never stored: it follows from having reports.
GLOBAL_ROLES = ("learner", "content_editor", "mentor", "platform_admin")
# Roles that hold over one organisation's whole subtree.
SCOPED_ROLES = ("hr_manager", "org_admin")
PERSON_STATUSES = ("active", "suspended", "erased")


class Person(Base):
    """A public servant (or any user) in one unit, with an optional supervisor.

    `email` is stored lower-cased (a check keeps it so), which makes uniqueness case-insensitive.
    `version` grows on every change and is the SCIM ETag and the optimistic-concurrency token.
    An erased person keeps the row (so references and the audit log stay whole) with every personal
    field cleared.
    """

    __tablename__ = "person"
    __table_args__ = (
        CheckConstraint("email = lower(email)", name="email_lowercase"),
        CheckConstraint(f"status IN {PERSON_STATUSES}", name="status"),
        CheckConstraint("supervisor_id IS NULL OR supervisor_id <> id", name="not_own_supervisor"),
        CheckConstraint(
            "roles <@ ARRAY['learner', 'content_editor', 'mentor', 'platform_admin']::varchar[]",
            name="roles",
        ),
        UniqueConstraint("email"),
        Index("uq_person_external_id", "provisioned_by", "external_id", unique=True),
        Index("ix_person_roles", "roles", postgresql_using="gin"),
    )

    id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True), primary_key=True, default=uuid.uuid4)
    email: Mapped[str] = mapped_column(String(254))
    email_verified: Mapped[bool] = mapped_column(Boolean, server_default=text("false"))
    given_name: Mapped[str] = mapped_column(String(100), server_default="")
    family_name: Mapped[str] = mapped_column(String(100), server_default="")
    display_name: Mapped[str] = mapped_column(String(200))
    unit_id: Mapped[uuid.UUID] = mapped_column(
        UUID(as_uuid=True), ForeignKey("organisation.id", ondelete="RESTRICT"), index=True
    )
    supervisor_id: Mapped[uuid.UUID | None] = mapped_column(
        UUID(as_uuid=True), ForeignKey("person.id", ondelete="SET NULL"), index=True
    )
    roles: Mapped[list[str]] = mapped_column(ARRAY(String(32)), server_default="{learner}")
    status: Mapped[str] = mapped_column(String(16), server_default="active", index=True)
    # SCIM: the HR system's own id for the person, unique per provisioning client.
    external_id: Mapped[str | None] = mapped_column(String(200))
    provisioned_by: Mapped[str | None] = mapped_column(String(100))
    version: Mapped[int] = mapped_column(Integer, server_default="1")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    updated_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), server_default=func.now(), onupdate=func.now()
    )
    erased_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    __mapper_args__ = {"version_id_col": version}


class RoleGrant(Base):
    """`hr_manager` or `org_admin` of an organisation and everything under it."""

    __tablename__ = "role_grant"
    __table_args__ = (
        CheckConstraint(f"role IN {SCOPED_ROLES}", name="role"),
        UniqueConstraint("person_id", "role", "organisation_id"),
    )

    id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True), primary_key=True, default=uuid.uuid4)
    person_id: Mapped[uuid.UUID] = mapped_column(
        UUID(as_uuid=True), ForeignKey("person.id", ondelete="CASCADE"), index=True
    )
    role: Mapped[str] = mapped_column(String(32))
    organisation_id: Mapped[uuid.UUID] = mapped_column(
        UUID(as_uuid=True), ForeignKey("organisation.id", ondelete="CASCADE"), index=True
    )
    granted_by: Mapped[str | None] = mapped_column(String(100))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())


class Invitation(Base):
    """An invitation by HR or an org admin for someone whose domain cannot self-register.

    Only a hash of the token is stored; the link in the e-mail carries the token itself.
    """

    __tablename__ = "invitation"
    __table_args__ = (CheckConstraint("email = lower(email)", name="email_lowercase"),)

    id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True), primary_key=True, default=uuid.uuid4)
    email: Mapped[str] = mapped_column(String(254), index=True)
    display_name: Mapped[str] = mapped_column(String(200))
    unit_id: Mapped[uuid.UUID] = mapped_column(
        UUID(as_uuid=True), ForeignKey("organisation.id", ondelete="CASCADE"), index=True
    )
    supervisor_id: Mapped[uuid.UUID | None] = mapped_column(
        UUID(as_uuid=True), ForeignKey("person.id", ondelete="SET NULL")
    )
    roles: Mapped[list[str]] = mapped_column(ARRAY(String(32)), server_default="{learner}")
    grants: Mapped[list[dict[str, str]]] = mapped_column(JSONB, server_default="[]")
    token_hash: Mapped[str] = mapped_column(String(128), unique=True)
    invited_by: Mapped[str] = mapped_column(String(100))
    expires_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    accepted_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    revoked_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
