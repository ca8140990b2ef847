"""Organisation table: a tree with a materialised path of ancestor ids."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import CheckConstraint, DateTime, FetchedValue, ForeignKey, Index, String, func
from sqlalchemy.dialects.postgresql import ARRAY, JSONB, UUID
from sqlalchemy.orm import Mapped, mapped_column

from identity.database import Base


class Organisation(Base):
    """A country, ministry, department or unit; `parent_id` makes them a tree.

    `path` holds the ids from the root down to this row, itself included, so "everything under X"
    is `path @> ARRAY[X]` on a GIN index. A trigger (see the initial migration) computes it from
    the parent on every insert or change of `parent_id` and refuses cycles; nothing else writes it.
    """

    __tablename__ = "organisation"
    __table_args__ = (
        Index("ix_organisation_path", "path", postgresql_using="gin"),
        Index("ix_organisation_email_domains", "email_domains", postgresql_using="gin"),
        CheckConstraint("kind IN ('country', 'ministry', 'department', 'unit')", name="kind"),
        CheckConstraint("code ~ '^[a-z0-9]+(-[a-z0-9]+)*$'", name="code"),
        CheckConstraint("jsonb_typeof(name) = 'object' AND name <> '{}'::jsonb", name="name"),
        CheckConstraint("email_domains::text = lower(email_domains::text)", name="domains_lowercase"),
        CheckConstraint(
            "path[cardinality(path)] = id AND (parent_id IS NULL) = (cardinality(path) = 1)", name="path"
        ),
    )

    id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True), primary_key=True, default=uuid.uuid4)
    parent_id: Mapped[uuid.UUID | None] = mapped_column(
        UUID(as_uuid=True), ForeignKey("organisation.id", ondelete="RESTRICT"), index=True
    )
    code: Mapped[str] = mapped_column(String(100), unique=True)
    kind: Mapped[str] = mapped_column(String(16), index=True)
    name: Mapped[dict[str, str]] = mapped_column(JSONB)
    email_domains: Mapped[list[str]] = mapped_column(ARRAY(String(253)), server_default="{}")
    path: Mapped[list[uuid.UUID]] = mapped_column(
        ARRAY(UUID(as_uuid=True)), server_default=FetchedValue(), server_onupdate=FetchedValue()
    )
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    updated_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), server_default=func.now(), onupdate=func.now()
    )
