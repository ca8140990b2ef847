"""Learning item table."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import CheckConstraint, DateTime, Index, Integer, String, Text, func
from sqlalchemy.dialects.postgresql import ARRAY, JSONB, UUID
from sqlalchemy.orm import Mapped, mapped_column

from catalog.database import Base


class LearningItem(Base):
    """A piece of learning content in the catalog."""

    __tablename__ = "learning_item"
    __table_args__ = (
        Index("ix_learning_item_competences", "competences", postgresql_using="gin"),
        Index("ix_learning_item_languages", "languages", postgresql_using="gin"),
        CheckConstraint("level_min BETWEEN 1 AND 8 AND level_max BETWEEN level_min AND 8", name="levels"),
        CheckConstraint("duration_minutes > 0", name="duration"),
    )

    id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True), primary_key=True, default=uuid.uuid4)
    slug: Mapped[str] = mapped_column(String(100), unique=True)
    kind: Mapped[str] = mapped_column(String(32))
    title: Mapped[dict[str, str]] = mapped_column(JSONB)
    summary: Mapped[dict[str, str]] = mapped_column(JSONB)
    url: Mapped[str | None] = mapped_column(Text)
    duration_minutes: Mapped[int] = mapped_column(Integer)
    languages: Mapped[list[str]] = mapped_column(ARRAY(String(16)))
    competences: Mapped[list[str]] = mapped_column(ARRAY(String(16)))
    level_min: Mapped[int] = mapped_column(Integer)
    level_max: Mapped[int] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(16), default="published", index=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    updated_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), server_default=func.now(), onupdate=func.now()
    )
