"""initial

Revision ID: b6d94ac82e8f
Revises:
Create Date: 2026-11-22 19:08:34.390383
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "b6d94ac82e8f"
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
        schema="catalog",
    )
    op.create_table(
        "event_outbox",
        sa.Column("id", sa.UUID(), nullable=False),
        sa.Column("type", sa.String(length=200), nullable=False),
        sa.Column("payload", postgresql.JSONB(astext_type=sa.Text()), nullable=False),
        sa.Column("occurred_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_event_outbox")),
        schema="catalog",
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
        schema="catalog",
    )
    op.create_table(
        "learning_item",
        sa.Column("id", sa.UUID(), nullable=False),
        sa.Column("slug", sa.String(length=100), nullable=False),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("title", postgresql.JSONB(astext_type=sa.Text()), nullable=False),
        sa.Column("summary", postgresql.JSONB(astext_type=sa.Text()), nullable=False),
        sa.Column("url", sa.Text(), nullable=True),
        sa.Column("duration_minutes", sa.Integer(), nullable=False),
        sa.Column("languages", postgresql.ARRAY(sa.String(length=16)), nullable=False),
        sa.Column("competences", postgresql.ARRAY(sa.String(length=16)), nullable=False),
        sa.Column("level_min", sa.Integer(), nullable=False),
        sa.Column("level_max", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.CheckConstraint("duration_minutes > 0", name=op.f("ck_learning_item_duration")),
        sa.CheckConstraint(
            "level_min BETWEEN 1 AND 8 AND level_max BETWEEN level_min AND 8",
            name=op.f("ck_learning_item_levels"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_learning_item")),
        sa.UniqueConstraint("slug", name=op.f("uq_learning_item_slug")),
        schema="catalog",
    )
    op.create_index(
        "ix_learning_item_competences",
        "learning_item",
        ["competences"],
        unique=False,
        schema="catalog",
        postgresql_using="gin",
    )
    op.create_index(
        "ix_learning_item_languages",
        "learning_item",
        ["languages"],
        unique=False,
        schema="catalog",
        postgresql_using="gin",
    )
    op.create_index(
        op.f("ix_catalog_learning_item_status"), "learning_item", ["status"], unique=False, schema="catalog"
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
            ["catalog.event_outbox.id"],
            name=op.f("fk_event_delivery_event_id_event_outbox"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["subscription_id"],
            ["catalog.event_subscription.id"],
            name=op.f("fk_event_delivery_subscription_id_event_subscription"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_event_delivery")),
        schema="catalog",
    )
    op.create_index(
        "ix_event_delivery_due",
        "event_delivery",
        ["next_attempt_at"],
        unique=False,
        schema="catalog",
        postgresql_where=sa.text("status = 'pending'"),
    )


def downgrade() -> None:
    op.drop_index(
        "ix_event_delivery_due",
        table_name="event_delivery",
        schema="catalog",
        postgresql_where=sa.text("status = 'pending'"),
    )
    op.drop_table("event_delivery", schema="catalog")
    op.drop_index(op.f("ix_catalog_learning_item_status"), table_name="learning_item", schema="catalog")
    op.drop_index("ix_learning_item_languages", table_name="learning_item", schema="catalog")
    op.drop_index("ix_learning_item_competences", table_name="learning_item", schema="catalog")
    op.drop_table("learning_item", schema="catalog")
    op.drop_table("event_subscription", schema="catalog")
    op.drop_table("event_outbox", schema="catalog")
    op.drop_table("event_inbox", schema="catalog")
