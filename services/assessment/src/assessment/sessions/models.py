"""Test sessions and the items served in them, one row per position."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

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

from assessment.database import Base

# Client-reported active time on one item is kept only up to three hours: longer is not "active".
MAX_TIME_MS = 3 * 60 * 60 * 1000
OPEN_STATUSES = ("in_progress", "paused")


class TestSession(Base):
    """One sitting of the diagnostic test by one person, in one language, on one framework version."""

    # A model, not a pytest test class (the name starts with "Test").
    __test__ = False
    __tablename__ = "test_session"
    __table_args__ = (
        CheckConstraint("status IN ('in_progress', 'paused', 'finished')", name="status"),
        # One open session per person: a second start (another device, a retry) finds this one.
        Index(
            "uq_test_session_open_person",
            "person_id",
            unique=True,
            postgresql_where=text("status IN ('in_progress', 'paused')"),
        ),
    )

    id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True), primary_key=True, default=uuid.uuid4)
    person_id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True), index=True)
    framework_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("framework.id", ondelete="RESTRICT"))
    framework_key: Mapped[str] = mapped_column(String(40))
    language: Mapped[str] = mapped_column(String(8))
    status: Mapped[str] = mapped_column(String(16))
    seed: Mapped[int] = mapped_column(Integer)
    # The self-assessment as given ({area code: 1..8}) and the prior means derived from it.
    prior: Mapped[dict[str, Any] | None] = mapped_column(JSONB)
    # The engine configuration the session started with, so a later default does not change it.
    engine_config: Mapped[dict[str, Any]] = mapped_column(JSONB)
    # The organisation path when the session started, for aggregates by the unit at that time.
    org_path: Mapped[list[uuid.UUID]] = mapped_column(ARRAY(UUID(as_uuid=True)))
    started_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    paused_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    finished_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class SessionItem(Base):
    """The item version served at one position of a session, and the answer to it once given."""

    __tablename__ = "session_item"
    __table_args__ = (
        UniqueConstraint("session_id", "item_version_id"),
        CheckConstraint("position >= 1", name="position"),
        CheckConstraint(f"time_ms BETWEEN 0 AND {MAX_TIME_MS}", name="time_ms"),
        CheckConstraint("NOT (skipped AND correct IS NOT NULL)", name="skipped_unscored"),
    )

    session_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("test_session.id", ondelete="CASCADE"), primary_key=True
    )
    position: Mapped[int] = mapped_column(Integer, primary_key=True)
    item_version_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("item_version.id", ondelete="RESTRICT"), index=True
    )
    served_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    answered_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    response: Mapped[Any | None] = mapped_column(JSONB)
    correct: Mapped[bool | None] = mapped_column(Boolean)
    skipped: Mapped[bool] = mapped_column(Boolean, server_default=text("false"))
    time_ms: Mapped[int | None] = mapped_column(Integer)
    # False for pretest items: served to gather calibration data, never part of the result.
    scored: Mapped[bool] = mapped_column(Boolean)
