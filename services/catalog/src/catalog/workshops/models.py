"""Workshop tables (the DLA Forums): mentors, the workshop part of a learning item, its sessions,
registrations with their waitlist order, and feedback after attendance."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import (
    BigInteger,
    Boolean,
    CheckConstraint,
    DateTime,
    ForeignKey,
    Identity,
    Index,
    Integer,
    SmallInteger,
    String,
    Text,
    func,
    text,
)
from sqlalchemy.dialects.postgresql import ARRAY, JSONB, UUID
from sqlalchemy.orm import Mapped, mapped_column

from catalog.database import Base

VILNIUS = "Europe/Vilnius"


class Mentor(Base):
    """A mentor's public profile; `person_id` links it to a DLA person for the mentor's own view."""

    __tablename__ = "mentor"
    __table_args__ = (
        CheckConstraint("sector IN ('public', 'private')", name="sector_known"),
        Index(
            "uq_mentor_person_id", "person_id", unique=True, postgresql_where=text("person_id IS NOT NULL")
        ),
    )

    id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True), primary_key=True, default=uuid.uuid4)
    # The natural key: a retried create finds the mentor made the first time.
    slug: Mapped[str] = mapped_column(String(100), unique=True)
    person_id: Mapped[uuid.UUID | None] = mapped_column(UUID(as_uuid=True))
    name: Mapped[str] = mapped_column(String(200))
    organisation: Mapped[str] = mapped_column(String(200))
    sector: Mapped[str] = mapped_column(String(16))
    expertise: Mapped[dict[str, str]] = mapped_column(JSONB)
    bio: Mapped[dict[str, str]] = mapped_column(JSONB, server_default=text("'{}'::jsonb"))
    languages: Mapped[list[str]] = mapped_column(ARRAY(String(16)))
    # Only editors see it: mentors are contacted through the platform, not by learners directly.
    email: Mapped[str | None] = mapped_column(String(254))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    updated_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), server_default=func.now(), onupdate=func.now()
    )


class Workshop(Base):
    """What a learning item of kind `workshop` has beyond its texts: format, place, rules."""

    __tablename__ = "workshop"
    __table_args__ = (
        CheckConstraint("format IN ('in_person', 'online', 'hybrid')", name="format_known"),
        CheckConstraint("format = 'online' OR location IS NOT NULL", name="venue_has_location"),
        CheckConstraint("format = 'in_person' OR meeting_url IS NOT NULL", name="online_has_link"),
        CheckConstraint("cancellation_deadline_hours BETWEEN 0 AND 720", name="deadline_range"),
        Index("ix_workshop_organiser_ids", "organiser_ids", postgresql_using="gin"),
    )

    item_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("learning_item.id", ondelete="CASCADE"), primary_key=True
    )
    format: Mapped[str] = mapped_column(String(16))
    location: Mapped[str | None] = mapped_column(Text)
    # Shown only to confirmed registrants, the workshop's mentors and organisers, and editors.
    meeting_url: Mapped[str | None] = mapped_column(Text)
    requires_approval: Mapped[bool] = mapped_column(Boolean, server_default=text("false"))
    cancellation_deadline_hours: Mapped[int] = mapped_column(Integer, server_default="24")
    # People who run the sessions besides the mentors: they see attendees and record attendance.
    organiser_ids: Mapped[list[uuid.UUID]] = mapped_column(
        ARRAY(UUID(as_uuid=True)), server_default=text("'{}'::uuid[]")
    )
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    updated_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), server_default=func.now(), onupdate=func.now()
    )


class WorkshopMentor(Base):
    """A mentor of a workshop, in the order the workshop lists them."""

    __tablename__ = "workshop_mentor"

    workshop_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("workshop.item_id", ondelete="CASCADE"), primary_key=True
    )
    # RESTRICT: a mentor still on a workshop cannot disappear from it unnoticed.
    mentor_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("mentor.id", ondelete="RESTRICT"), primary_key=True, index=True
    )
    position: Mapped[int] = mapped_column(SmallInteger)


class WorkshopSession(Base):
    """One occurrence of a workshop: when, how many seats, and whether it still takes place."""

    __tablename__ = "workshop_session"
    __table_args__ = (
        CheckConstraint("ends_at > starts_at", name="ends_after_start"),
        CheckConstraint("capacity BETWEEN 1 AND 10000", name="capacity_range"),
        CheckConstraint("status IN ('scheduled', 'cancelled')", name="status_known"),
        # The natural key of a scheduled session (a retried create finds it), and the index the
        # catalog's `has_upcoming_session` filter uses.
        Index(
            "uq_workshop_session_scheduled_start",
            "item_id",
            "starts_at",
            unique=True,
            postgresql_where=text("status = 'scheduled'"),
        ),
        Index(
            "ix_workshop_session_reminders_due",
            "starts_at",
            postgresql_where=text("status = 'scheduled' AND reminded_at IS NULL"),
        ),
    )

    id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True), primary_key=True, default=uuid.uuid4)
    item_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("workshop.item_id", ondelete="CASCADE"), index=True)
    starts_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    ends_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    timezone: Mapped[str] = mapped_column(String(64), server_default=VILNIUS)
    capacity: Mapped[int] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(16), server_default="scheduled")
    # None: the workshop's location.
    location: Mapped[str | None] = mapped_column(Text)
    reminded_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    cancelled_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    updated_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), server_default=func.now(), onupdate=func.now()
    )


class Registration(Base):
    """A person's place at a session: confirmed, on the waitlist, awaiting approval, or cancelled."""

    __tablename__ = "registration"
    __table_args__ = (
        CheckConstraint(
            "status IN ('confirmed', 'waitlisted', 'cancelled', 'pending_approval')", name="status_known"
        ),
        CheckConstraint("attended IS NULL OR attended_recorded_at IS NOT NULL", name="attendance_recorded"),
        # Nobody holds two live registrations for one session.
        Index(
            "uq_registration_active",
            "session_id",
            "person_id",
            unique=True,
            postgresql_where=text("status <> 'cancelled'"),
        ),
        Index("ix_registration_queue", "session_id", "status", "arrival"),
    )

    id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True), primary_key=True, default=uuid.uuid4)
    session_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("workshop_session.id", ondelete="CASCADE"))
    person_id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True), index=True)
    status: Mapped[str] = mapped_column(String(20))
    # Order of arrival: taken while the session row is locked, so it is the order in which
    # registrations were decided; the waitlist is served by it.
    arrival: Mapped[int] = mapped_column(BigInteger, Identity(always=False))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    updated_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), server_default=func.now(), onupdate=func.now()
    )
    cancelled_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    promoted_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    decided_by: Mapped[uuid.UUID | None] = mapped_column(UUID(as_uuid=True))
    attended: Mapped[bool | None] = mapped_column(Boolean)
    attended_recorded_by: Mapped[uuid.UUID | None] = mapped_column(UUID(as_uuid=True))
    attended_recorded_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class WorkshopFeedback(Base):
    """What an attendee thought of a session: one per registration, editable."""

    __tablename__ = "workshop_feedback"
    __table_args__ = (CheckConstraint("rating BETWEEN 1 AND 5", name="rating_range"),)

    registration_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("registration.id", ondelete="CASCADE"), primary_key=True
    )
    rating: Mapped[int] = mapped_column(SmallInteger)
    comment: Mapped[str | None] = mapped_column(String(2000))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    updated_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), server_default=func.now(), onupdate=func.now()
    )
