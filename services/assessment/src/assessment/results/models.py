"""Results of finished test sessions: levels per area and competence with their uncertainty."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import Boolean, DateTime, ForeignKey, Index, Integer, String
from sqlalchemy.dialects.postgresql import ARRAY, JSONB, UUID
from sqlalchemy.orm import Mapped, mapped_column

from assessment.database import Base


class Result(Base):
    """The scored outcome of one finished session (one per session)."""

    __tablename__ = "result"
    __table_args__ = (Index("ix_result_person_finished", "person_id", "finished_at"),)

    id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True), primary_key=True, default=uuid.uuid4)
    session_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("test_session.id", ondelete="CASCADE"), unique=True
    )
    person_id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True))
    framework: Mapped[str] = mapped_column(String(40))
    language: Mapped[str] = mapped_column(String(8))
    finished_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    # [{code, theta, se, level, level_low, level_high, answered}], in framework order.
    areas: Mapped[list[dict[str, Any]]] = mapped_column(JSONB)
    competences: Mapped[list[dict[str, Any]]] = mapped_column(JSONB)
    items_answered: Mapped[int] = mapped_column(Integer)
    # Whether every area reached the precision target before the test stopped.
    complete: Mapped[bool] = mapped_column(Boolean)
    org_path: Mapped[list[uuid.UUID]] = mapped_column(ARRAY(UUID(as_uuid=True)))
