"""initial

Revision ID: 966bdf358c51
Revises:
Create Date: 2026-11-22 19:30:05.157030
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "966bdf358c51"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "event_inbox",
        sa.Column("event_id", sa.String(length=200), nullable=False),
        sa.Column("type", sa.String(length=200), nullable=False),
        sa.Column("received_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.PrimaryKeyConstraint("event_id", name=op.f("pk_event_inbox")),
        schema="assessment",
    )
    op.create_table(
        "event_outbox",
        sa.Column("id", sa.UUID(), nullable=False),
        sa.Column("type", sa.String(length=200), nullable=False),
        sa.Column("payload", postgresql.JSONB(astext_type=sa.Text()), nullable=False),
        sa.Column("occurred_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_event_outbox")),
        schema="assessment",
    )
    op.create_table(
        "event_subscription",
        sa.Column("id", sa.UUID(), nullable=False),
        sa.Column("name", sa.String(length=64), nullable=False),
        sa.Column("url", sa.Text(), nullable=False),
        sa.Column("secret", sa.Text(), nullable=False),
        sa.Column("event_types", postgresql.ARRAY(sa.String(length=200)), nullable=False),
        sa.Column("active", sa.Boolean(), server_default=sa.text("true"), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_event_subscription")),
        sa.UniqueConstraint("name", name=op.f("uq_event_subscription_name")),
        schema="assessment",
    )
    op.create_table(
        "framework",
        sa.Column("id", sa.UUID(), nullable=False),
        sa.Column("key", sa.String(length=40), nullable=False),
        sa.Column("version", sa.String(length=20), nullable=False),
        sa.Column("title", postgresql.JSONB(astext_type=sa.Text()), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("published_year", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.CheckConstraint("jsonb_typeof(title) = 'object'", name=op.f("ck_framework_title")),
        sa.CheckConstraint("status IN ('active', 'retired')", name=op.f("ck_framework_status")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_framework")),
        sa.UniqueConstraint("key", name=op.f("uq_framework_key")),
        schema="assessment",
    )
    op.create_index(
        op.f("ix_assessment_framework_status"), "framework", ["status"], unique=False, schema="assessment"
    )
    op.create_table(
        "area",
        sa.Column("id", sa.UUID(), nullable=False),
        sa.Column("framework_id", sa.UUID(), nullable=False),
        sa.Column("code", sa.String(length=8), nullable=False),
        sa.Column("title", postgresql.JSONB(astext_type=sa.Text()), nullable=False),
        sa.Column("description", postgresql.JSONB(astext_type=sa.Text()), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.CheckConstraint("position >= 0", name=op.f("ck_area_position")),
        sa.ForeignKeyConstraint(
            ["framework_id"],
            ["assessment.framework.id"],
            name=op.f("fk_area_framework_id_framework"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_area")),
        sa.UniqueConstraint("framework_id", "code", name=op.f("uq_area_framework_id_code")),
        sa.UniqueConstraint("framework_id", "id", name=op.f("uq_area_framework_id_id")),
        schema="assessment",
    )
    op.create_table(
        "event_delivery",
        sa.Column("id", sa.UUID(), nullable=False),
        sa.Column("event_id", sa.UUID(), nullable=False),
        sa.Column("subscription_id", sa.UUID(), nullable=False),
        sa.Column("status", sa.String(length=16), server_default="pending", nullable=False),
        sa.Column("attempts", sa.Integer(), server_default="0", nullable=False),
        sa.Column(
            "next_attempt_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False
        ),
        sa.Column("last_status", sa.Integer(), nullable=True),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.Column("delivered_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["event_id"],
            ["assessment.event_outbox.id"],
            name=op.f("fk_event_delivery_event_id_event_outbox"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["subscription_id"],
            ["assessment.event_subscription.id"],
            name=op.f("fk_event_delivery_subscription_id_event_subscription"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_event_delivery")),
        schema="assessment",
    )
    op.create_index(
        "ix_event_delivery_due",
        "event_delivery",
        ["next_attempt_at"],
        unique=False,
        schema="assessment",
        postgresql_where=sa.text("status = 'pending'"),
    )
    op.create_table(
        "proficiency_level",
        sa.Column("id", sa.UUID(), nullable=False),
        sa.Column("framework_id", sa.UUID(), nullable=False),
        sa.Column("level", sa.Integer(), nullable=False),
        sa.Column("band", sa.String(length=32), nullable=False),
        sa.Column("name", postgresql.JSONB(astext_type=sa.Text()), nullable=False),
        sa.Column("description", postgresql.JSONB(astext_type=sa.Text()), nullable=False),
        sa.CheckConstraint("level BETWEEN 1 AND 8", name=op.f("ck_proficiency_level_level")),
        sa.ForeignKeyConstraint(
            ["framework_id"],
            ["assessment.framework.id"],
            name=op.f("fk_proficiency_level_framework_id_framework"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_proficiency_level")),
        sa.UniqueConstraint("framework_id", "level", name=op.f("uq_proficiency_level_framework_id_level")),
        schema="assessment",
    )
    op.create_table(
        "competence",
        sa.Column("id", sa.UUID(), nullable=False),
        sa.Column("framework_id", sa.UUID(), nullable=False),
        sa.Column("area_id", sa.UUID(), nullable=False),
        sa.Column("code", sa.String(length=8), nullable=False),
        sa.Column("title", postgresql.JSONB(astext_type=sa.Text()), nullable=False),
        sa.Column("description", postgresql.JSONB(astext_type=sa.Text()), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.CheckConstraint("position >= 0", name=op.f("ck_competence_position")),
        sa.ForeignKeyConstraint(
            ["framework_id", "area_id"],
            ["assessment.area.framework_id", "assessment.area.id"],
            name=op.f("fk_competence_framework_id_area"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_competence")),
        sa.UniqueConstraint("framework_id", "code", name=op.f("uq_competence_framework_id_code")),
        schema="assessment",
    )
    op.create_index(
        op.f("ix_assessment_competence_area_id"), "competence", ["area_id"], unique=False, schema="assessment"
    )


def downgrade() -> None:
    op.drop_index(op.f("ix_assessment_competence_area_id"), table_name="competence", schema="assessment")
    op.drop_table("competence", schema="assessment")
    op.drop_table("proficiency_level", schema="assessment")
    op.drop_index(
        "ix_event_delivery_due",
        table_name="event_delivery",
        schema="assessment",
        postgresql_where=sa.text("status = 'pending'"),
    )
    op.drop_table("event_delivery", schema="assessment")
    op.drop_table("area", schema="assessment")
    op.drop_index(op.f("ix_assessment_framework_status"), table_name="framework", schema="assessment")
    op.drop_table("framework", schema="assessment")
    op.drop_table("event_subscription", schema="assessment")
    op.drop_table("event_outbox", schema="assessment")
    op.drop_table("event_inbox", schema="assessment")
