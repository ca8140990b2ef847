"""workshops: mentors, workshop details of learning items, sessions, registrations, feedback

Revision ID: c5b1workshop01
Revises: c5a1items0002
Create Date: 2026-12-01 12:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "c5b1workshop01"
down_revision: str | None = "c5a1items0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

S = "catalog"


def _stamps() -> list[sa.Column[object]]:
    return [
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
    ]


def upgrade() -> None:
    op.create_table(
        "mentor",
        sa.Column("id", sa.UUID(), nullable=False),
        sa.Column("slug", sa.String(length=100), nullable=False),
        sa.Column("person_id", sa.UUID(), nullable=True),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("organisation", sa.String(length=200), nullable=False),
        sa.Column("sector", sa.String(length=16), nullable=False),
        sa.Column("expertise", postgresql.JSONB(), nullable=False),
        sa.Column("bio", postgresql.JSONB(), server_default=sa.text("'{}'::jsonb"), nullable=False),
        sa.Column("languages", postgresql.ARRAY(sa.String(length=16)), nullable=False),
        sa.Column("email", sa.String(length=254), nullable=True),
        *_stamps(),
        sa.CheckConstraint("sector IN ('public', 'private')", name=op.f("ck_mentor_sector_known")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_mentor")),
        sa.UniqueConstraint("slug", name=op.f("uq_mentor_slug")),
        schema=S,
    )
    op.create_index(
        "uq_mentor_person_id",
        "mentor",
        ["person_id"],
        unique=True,
        schema=S,
        postgresql_where=sa.text("person_id IS NOT NULL"),
    )
    op.create_table(
        "workshop",
        sa.Column("item_id", sa.UUID(), nullable=False),
        sa.Column("format", sa.String(length=16), nullable=False),
        sa.Column("location", sa.Text(), nullable=True),
        sa.Column("meeting_url", sa.Text(), nullable=True),
        sa.Column("requires_approval", sa.Boolean(), server_default=sa.text("false"), nullable=False),
        sa.Column("cancellation_deadline_hours", sa.Integer(), server_default="24", nullable=False),
        sa.Column(
            "organiser_ids",
            postgresql.ARRAY(sa.UUID()),
            server_default=sa.text("'{}'::uuid[]"),
            nullable=False,
        ),
        *_stamps(),
        sa.CheckConstraint(
            "format IN ('in_person', 'online', 'hybrid')", name=op.f("ck_workshop_format_known")
        ),
        sa.CheckConstraint(
            "format = 'online' OR location IS NOT NULL", name=op.f("ck_workshop_venue_has_location")
        ),
        sa.CheckConstraint(
            "format = 'in_person' OR meeting_url IS NOT NULL", name=op.f("ck_workshop_online_has_link")
        ),
        sa.CheckConstraint(
            "cancellation_deadline_hours BETWEEN 0 AND 720", name=op.f("ck_workshop_deadline_range")
        ),
        sa.ForeignKeyConstraint(
            ["item_id"],
            ["catalog.learning_item.id"],
            name=op.f("fk_workshop_item_id_learning_item"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("item_id", name=op.f("pk_workshop")),
        schema=S,
    )
    op.create_index(
        "ix_workshop_organiser_ids", "workshop", ["organiser_ids"], schema=S, postgresql_using="gin"
    )
    op.create_table(
        "workshop_mentor",
        sa.Column("workshop_id", sa.UUID(), nullable=False),
        sa.Column("mentor_id", sa.UUID(), nullable=False),
        sa.Column("position", sa.SmallInteger(), nullable=False),
        sa.ForeignKeyConstraint(
            ["workshop_id"],
            ["catalog.workshop.item_id"],
            name=op.f("fk_workshop_mentor_workshop_id_workshop"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["mentor_id"],
            ["catalog.mentor.id"],
            name=op.f("fk_workshop_mentor_mentor_id_mentor"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("workshop_id", "mentor_id", name=op.f("pk_workshop_mentor")),
        schema=S,
    )
    op.create_index(op.f("ix_catalog_workshop_mentor_mentor_id"), "workshop_mentor", ["mentor_id"], schema=S)
    op.create_table(
        "workshop_session",
        sa.Column("id", sa.UUID(), nullable=False),
        sa.Column("item_id", sa.UUID(), nullable=False),
        sa.Column("starts_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("ends_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("timezone", sa.String(length=64), server_default="Europe/Vilnius", nullable=False),
        sa.Column("capacity", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=16), server_default="scheduled", nullable=False),
        sa.Column("location", sa.Text(), nullable=True),
        sa.Column("reminded_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("cancelled_at", sa.DateTime(timezone=True), nullable=True),
        *_stamps(),
        sa.CheckConstraint("ends_at > starts_at", name=op.f("ck_workshop_session_ends_after_start")),
        sa.CheckConstraint("capacity BETWEEN 1 AND 10000", name=op.f("ck_workshop_session_capacity_range")),
        sa.CheckConstraint(
            "status IN ('scheduled', 'cancelled')", name=op.f("ck_workshop_session_status_known")
        ),
        sa.ForeignKeyConstraint(
            ["item_id"],
            ["catalog.workshop.item_id"],
            name=op.f("fk_workshop_session_item_id_workshop"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_workshop_session")),
        schema=S,
    )
    op.create_index(op.f("ix_catalog_workshop_session_item_id"), "workshop_session", ["item_id"], schema=S)
    op.create_index(
        "uq_workshop_session_scheduled_start",
        "workshop_session",
        ["item_id", "starts_at"],
        unique=True,
        schema=S,
        postgresql_where=sa.text("status = 'scheduled'"),
    )
    op.create_index(
        "ix_workshop_session_reminders_due",
        "workshop_session",
        ["starts_at"],
        schema=S,
        postgresql_where=sa.text("status = 'scheduled' AND reminded_at IS NULL"),
    )
    op.create_table(
        "registration",
        sa.Column("id", sa.UUID(), nullable=False),
        sa.Column("session_id", sa.UUID(), nullable=False),
        sa.Column("person_id", sa.UUID(), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("arrival", sa.BigInteger(), sa.Identity(always=False), nullable=False),
        *_stamps(),
        sa.Column("cancelled_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("promoted_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("decided_by", sa.UUID(), nullable=True),
        sa.Column("attended", sa.Boolean(), nullable=True),
        sa.Column("attended_recorded_by", sa.UUID(), nullable=True),
        sa.Column("attended_recorded_at", sa.DateTime(timezone=True), nullable=True),
        sa.CheckConstraint(
            "status IN ('confirmed', 'waitlisted', 'cancelled', 'pending_approval')",
            name=op.f("ck_registration_status_known"),
        ),
        sa.CheckConstraint(
            "attended IS NULL OR attended_recorded_at IS NOT NULL",
            name=op.f("ck_registration_attendance_recorded"),
        ),
        sa.ForeignKeyConstraint(
            ["session_id"],
            ["catalog.workshop_session.id"],
            name=op.f("fk_registration_session_id_workshop_session"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_registration")),
        schema=S,
    )
    op.create_index(op.f("ix_catalog_registration_person_id"), "registration", ["person_id"], schema=S)
    op.create_index(
        "uq_registration_active",
        "registration",
        ["session_id", "person_id"],
        unique=True,
        schema=S,
        postgresql_where=sa.text("status <> 'cancelled'"),
    )
    op.create_index("ix_registration_queue", "registration", ["session_id", "status", "arrival"], schema=S)
    op.create_table(
        "workshop_feedback",
        sa.Column("registration_id", sa.UUID(), nullable=False),
        sa.Column("rating", sa.SmallInteger(), nullable=False),
        sa.Column("comment", sa.String(length=2000), nullable=True),
        *_stamps(),
        sa.CheckConstraint("rating BETWEEN 1 AND 5", name=op.f("ck_workshop_feedback_rating_range")),
        sa.ForeignKeyConstraint(
            ["registration_id"],
            ["catalog.registration.id"],
            name=op.f("fk_workshop_feedback_registration_id_registration"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("registration_id", name=op.f("pk_workshop_feedback")),
        schema=S,
    )


def downgrade() -> None:
    for table in (
        "workshop_feedback",
        "registration",
        "workshop_session",
        "workshop_mentor",
        "workshop",
        "mentor",
    ):
        op.drop_table(table, schema=S)
