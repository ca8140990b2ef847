"""The record of each calibration run: what it read, what it estimated and flagged, what it applied."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import Boolean, CheckConstraint, DateTime, Integer, func
from sqlalchemy.dialects.postgresql import JSONB, UUID
from sqlalchemy.orm import Mapped, mapped_column

from assessment.database import Base


class CalibrationRun(Base):
    """One run of `python -m assessment.calibration`; the report is the whole result, per item."""

    __tablename__ = "calibration_run"
    __table_args__ = (
        CheckConstraint("responses >= 0", name="responses"),
        CheckConstraint("min_responses >= 1", name="min_responses"),
        CheckConstraint("jsonb_typeof(report) = 'object'", name="report"),
    )

    id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True), primary_key=True, default=uuid.uuid4)
    started_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), index=True)
    finished_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    # Answered (not skipped) responses the run read, pretest items included.
    responses: Mapped[int] = mapped_column(Integer)
    min_responses: Mapped[int] = mapped_column(Integer)
    # Whether the run was asked to write new item versions (`--apply`); the report lists them.
    applied: Mapped[bool] = mapped_column(Boolean)
    # Counts from the report, so a list of runs need not read whole reports.
    items: Mapped[int] = mapped_column(Integer)
    flagged: Mapped[int] = mapped_column(Integer)
    new_versions: Mapped[int] = mapped_column(Integer)
    report: Mapped[dict[str, Any]] = mapped_column(JSONB)
