"""Pathways' own copy of the catalog's learning items, kept from catalog events."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import CheckConstraint, DateTime, Index, Integer, String, func
from sqlalchemy.dialects.postgresql import ARRAY, JSONB, UUID
from sqlalchemy.orm import Mapped, mapped_column

from pathways.database import Base


class CatalogItem(Base):
    """A learning item as pathways last heard of it from the catalog."""

    __tablename__ = "catalog_item"
    __table_args__ = (
        Index("ix_catalog_item_competences", "competences", postgresql_using="gin"),
        CheckConstraint("level_min BETWEEN 1 AND 8 AND level_max BETWEEN level_min AND 8", name="levels"),
        CheckConstraint("duration_minutes > 0", name="duration"),
    )

    # The catalog's id: events for the same item land on the same row.
    id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True), primary_key=True)
    # Not unique here: uniqueness is the catalog's rule, and an event must never fail on it.
    slug: Mapped[str] = mapped_column(String(100), index=True)
    kind: Mapped[str] = mapped_column(String(32))
    title: Mapped[dict[str, str]] = mapped_column(JSONB)
    languages: Mapped[list[str]] = mapped_column(ARRAY(String(16)))
    competences: Mapped[list[str]] = mapped_column(ARRAY(String(16)))
    level_min: Mapped[int] = mapped_column(Integer)
    level_max: Mapped[int] = mapped_column(Integer)
    duration_minutes: Mapped[int] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(16), index=True)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
