"""Competence framework tables: one row per framework version, its areas, competences and levels."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import (
    CheckConstraint,
    DateTime,
    ForeignKey,
    ForeignKeyConstraint,
    Integer,
    String,
    UniqueConstraint,
    func,
)
from sqlalchemy.dialects.postgresql import JSONB, UUID
from sqlalchemy.orm import Mapped, mapped_column, relationship

from assessment.database import Base


class Framework(Base):
    """One version of a competence framework (`digcomp-2.2`; DigComp 3.0 is another row)."""

    __tablename__ = "framework"
    __table_args__ = (
        CheckConstraint("status IN ('active', 'retired')", name="status"),
        CheckConstraint("jsonb_typeof(title) = 'object'", name="title"),
    )

    id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True), primary_key=True, default=uuid.uuid4)
    key: Mapped[str] = mapped_column(String(40), unique=True)
    version: Mapped[str] = mapped_column(String(20))
    title: Mapped[dict[str, str]] = mapped_column(JSONB)
    status: Mapped[str] = mapped_column(String(16), index=True)
    published_year: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())

    areas: Mapped[list[Area]] = relationship(lazy="raise", order_by="Area.position")
    levels: Mapped[list[ProficiencyLevel]] = relationship(lazy="raise", order_by="ProficiencyLevel.level")


class Area(Base):
    """A competence area of one framework version (`1` … `5` in DigComp 2.2)."""

    __tablename__ = "area"
    __table_args__ = (
        UniqueConstraint("framework_id", "code"),
        # The target of competence's composite key, which keeps a competence in its area's framework.
        UniqueConstraint("framework_id", "id"),
        CheckConstraint("position >= 0", name="position"),
    )

    id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True), primary_key=True, default=uuid.uuid4)
    framework_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("framework.id", ondelete="CASCADE"))
    code: Mapped[str] = mapped_column(String(8))
    title: Mapped[dict[str, str]] = mapped_column(JSONB)
    description: Mapped[dict[str, str]] = mapped_column(JSONB)
    position: Mapped[int] = mapped_column(Integer)

    competences: Mapped[list[Competence]] = relationship(
        lazy="raise", order_by="Competence.position", back_populates="area"
    )


class Competence(Base):
    """A competence (`1.1` … `5.4`); its code is unique within the framework, not only the area."""

    __tablename__ = "competence"
    __table_args__ = (
        ForeignKeyConstraint(
            ["framework_id", "area_id"], ["area.framework_id", "area.id"], ondelete="CASCADE"
        ),
        UniqueConstraint("framework_id", "code"),
        CheckConstraint("position >= 0", name="position"),
    )

    id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True), primary_key=True, default=uuid.uuid4)
    framework_id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True))
    area_id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True), index=True)
    code: Mapped[str] = mapped_column(String(8))
    title: Mapped[dict[str, str]] = mapped_column(JSONB)
    description: Mapped[dict[str, str]] = mapped_column(JSONB)
    position: Mapped[int] = mapped_column(Integer)

    area: Mapped[Area] = relationship(lazy="raise", back_populates="competences")


class ProficiencyLevel(Base):
    """A proficiency level (1 … 8) of a framework, in its band (foundation … highly specialised)."""

    __tablename__ = "proficiency_level"
    __table_args__ = (
        UniqueConstraint("framework_id", "level"),
        CheckConstraint("level BETWEEN 1 AND 8", name="level"),
    )

    id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True), primary_key=True, default=uuid.uuid4)
    framework_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("framework.id", ondelete="CASCADE"))
    level: Mapped[int] = mapped_column(Integer)
    band: Mapped[str] = mapped_column(String(32))
    name: Mapped[dict[str, str]] = mapped_column(JSONB)
    description: Mapped[dict[str, str]] = mapped_column(JSONB)
