"""Item bank tables: an item (its stable identity) and its immutable versions.

A response always refers to the exact version a learner saw, so a version's content never
changes after it is written; only its workflow status (and who decided it) does.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    DateTime,
    Float,
    ForeignKey,
    ForeignKeyConstraint,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    func,
    text,
)
from sqlalchemy.dialects.postgresql import ARRAY, JSONB, UUID
from sqlalchemy.orm import Mapped, mapped_column, relationship

from assessment.database import Base


class VersionStatus(StrEnum):
    """Where a version is in the workflow draft → in_review → active → retired (or superseded)."""

    draft = "draft"
    in_review = "in_review"
    active = "active"
    retired = "retired"
    superseded = "superseded"


_STATUSES = ", ".join(f"'{status.value}'" for status in VersionStatus)
_TYPES = "'single_choice', 'multiple_response', 'ordering', 'matching', 'scenario'"
_INTERACTIONS = "'single_choice', 'multiple_response'"


class Item(Base):
    """An item of the bank: its key, what it measures, and which version is its newest."""

    __tablename__ = "item"
    __table_args__ = (
        # The competence must exist in the item's framework version.
        ForeignKeyConstraint(
            ["framework_id", "competence_code"], ["competence.framework_id", "competence.code"]
        ),
        CheckConstraint("head_version >= 1", name="head_version"),
        Index(None, "framework_id", "competence_code"),
    )

    id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True), primary_key=True, default=uuid.uuid4)
    key: Mapped[str] = mapped_column(String(80), unique=True)
    framework_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("framework.id"))
    competence_code: Mapped[str] = mapped_column(String(8))
    area_code: Mapped[str] = mapped_column(String(8))
    head_version: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    # None: the shipped bank.
    created_by: Mapped[uuid.UUID | None] = mapped_column(UUID(as_uuid=True))

    versions: Mapped[list[ItemVersion]] = relationship(
        lazy="raise", order_by="ItemVersion.version", back_populates="item"
    )


class ItemVersion(Base):
    """One immutable version of an item: its content, answer key, parameters and status."""

    __tablename__ = "item_version"
    __table_args__ = (
        UniqueConstraint("item_id", "version"),
        CheckConstraint("version >= 1", name="version"),
        CheckConstraint("level BETWEEN 1 AND 8", name="level"),
        CheckConstraint(f"status IN ({_STATUSES})", name="status"),
        CheckConstraint(f"type IN ({_TYPES})", name="type"),
        CheckConstraint(
            f"(type = 'scenario') = (interaction IS NOT NULL) AND "
            f"(interaction IS NULL OR interaction IN ({_INTERACTIONS}))",
            name="interaction",
        ),
        CheckConstraint("jsonb_typeof(content) = 'object'", name="content"),
        # At most one version of an item is served.
        Index(
            "uq_item_version_active",
            "item_id",
            unique=True,
            postgresql_where=text("status = 'active'"),
        ),
        Index(None, "status"),
    )

    id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True), primary_key=True, default=uuid.uuid4)
    item_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("item.id"))
    version: Mapped[int] = mapped_column(Integer)
    type: Mapped[str] = mapped_column(String(24))
    level: Mapped[int] = mapped_column(Integer)
    interaction: Mapped[str | None] = mapped_column(String(24))
    # stem, stimulus, options, categories, explanation: the document without its key and columns.
    content: Mapped[dict[str, Any]] = mapped_column(JSONB)
    answer: Mapped[Any] = mapped_column(JSONB)
    languages: Mapped[list[str]] = mapped_column(ARRAY(String(16)))
    a: Mapped[float] = mapped_column(Float)
    b: Mapped[float] = mapped_column(Float)
    c: Mapped[float] = mapped_column(Float)
    pretest: Mapped[bool] = mapped_column(Boolean)
    status: Mapped[str] = mapped_column(String(16))
    # None: the shipped bank, reviewed with the code.
    author: Mapped[uuid.UUID | None] = mapped_column(UUID(as_uuid=True))
    note: Mapped[str | None] = mapped_column(Text)
    # The workflow's trail: who sent it for review; who decided last (published or rejected) and
    # when; who last rejected it, when and why (kept when a later review publishes it).
    submitted_by: Mapped[uuid.UUID | None] = mapped_column(UUID(as_uuid=True))
    submitted_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    reviewer: Mapped[uuid.UUID | None] = mapped_column(UUID(as_uuid=True))
    reviewed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    rejected_by: Mapped[uuid.UUID | None] = mapped_column(UUID(as_uuid=True))
    rejected_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    review_comment: Mapped[str | None] = mapped_column(Text)
    retired_by: Mapped[uuid.UUID | None] = mapped_column(UUID(as_uuid=True))
    retired_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())

    item: Mapped[Item] = relationship(lazy="raise", back_populates="versions")
