"""The digital profile: what a person says about their work, needs and goals."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import Boolean, CheckConstraint, DateTime, ForeignKey, Integer, String, Text, func, text
from sqlalchemy.dialects.postgresql import JSONB, UUID
from sqlalchemy.orm import Mapped, mapped_column

from identity.database import Base

# The role profiles later issues build pathways for (pathways owns their content).
ROLE_PROFILE_KEYS = (
    "policy_analyst",
    "it_specialist",
    "hr_specialist",
    "legal_advisor",
    "communications",
    "manager",
    "administrative",
)


class Profile(Base):
    """One per person, owned by them. Created empty with the person; `onboarded_at` marks the
    first time the person saved it (the SPA shows onboarding until then)."""

    __tablename__ = "profile"
    __table_args__ = (
        CheckConstraint("weekly_minutes BETWEEN 0 AND 2400", name="weekly_minutes"),
        CheckConstraint("preferred_language IN ('en', 'lt')", name="preferred_language"),
        CheckConstraint("jsonb_typeof(accessibility) = 'object'", name="accessibility"),
    )

    person_id: Mapped[uuid.UUID] = mapped_column(
        UUID(as_uuid=True), ForeignKey("person.id", ondelete="CASCADE"), primary_key=True
    )
    job_title: Mapped[str] = mapped_column(String(200), server_default="")
    job_description: Mapped[str] = mapped_column(Text, server_default="")
    role_profile_key: Mapped[str | None] = mapped_column(String(64))
    preferred_language: Mapped[str] = mapped_column(String(8), server_default="lt")
    # {"larger_text": bool, "reduced_motion": bool, "screen_reader_hints": bool}
    accessibility: Mapped[dict[str, bool]] = mapped_column(JSONB, server_default="{}")
    weekly_minutes: Mapped[int] = mapped_column(Integer, server_default="60")
    goals: Mapped[str] = mapped_column(Text, server_default="")
    share_results_with_supervisor: Mapped[bool] = mapped_column(Boolean, server_default=text("false"))
    onboarded_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    version: Mapped[int] = mapped_column(Integer, server_default="1")
    updated_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), server_default=func.now(), onupdate=func.now()
    )

    __mapper_args__ = {"version_id_col": version}
