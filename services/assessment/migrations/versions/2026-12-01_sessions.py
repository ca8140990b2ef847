"""sessions, results and the person directory

Revision ID: c4b2sessions01
Revises: c4a1items0001
Create Date: 2026-12-01 08:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "c4b2sessions01"
down_revision: str | None = "c4a1items0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

SCHEMA = "assessment"


def upgrade() -> None:
    op.create_table(
        "person_link",
        sa.Column("person_id", sa.UUID(), nullable=False),
        sa.Column("supervisor_id", sa.UUID(), nullable=True),
        sa.Column(
            "org_path", postgresql.ARRAY(sa.UUID()), server_default=sa.text("'{}'::uuid[]"), nullable=False
        ),
        sa.Column(
            "share_results_with_supervisor", sa.Boolean(), server_default=sa.text("false"), nullable=False
        ),
        sa.Column("erased", sa.Boolean(), server_default=sa.text("false"), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.PrimaryKeyConstraint("person_id", name=op.f("pk_person_link")),
        schema=SCHEMA,
    )
    op.create_index(
        op.f("ix_assessment_person_link_supervisor_id"), "person_link", ["supervisor_id"], schema=SCHEMA
    )
    op.create_table(
        "test_session",
        sa.Column("id", sa.UUID(), nullable=False),
        sa.Column("person_id", sa.UUID(), nullable=False),
        sa.Column("framework_id", sa.UUID(), nullable=False),
        sa.Column("framework_key", sa.String(length=40), nullable=False),
        sa.Column("language", sa.String(length=8), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("seed", sa.Integer(), nullable=False),
        sa.Column("prior", postgresql.JSONB(astext_type=sa.Text()), nullable=True),
        sa.Column("engine_config", postgresql.JSONB(astext_type=sa.Text()), nullable=False),
        sa.Column("org_path", postgresql.ARRAY(sa.UUID()), nullable=False),
        sa.Column("started_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.Column("paused_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("finished_at", sa.DateTime(timezone=True), nullable=True),
        sa.CheckConstraint(
            "status IN ('in_progress', 'paused', 'finished')", name=op.f("ck_test_session_status")
        ),
        sa.ForeignKeyConstraint(
            ["framework_id"],
            [f"{SCHEMA}.framework.id"],
            name=op.f("fk_test_session_framework_id_framework"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_test_session")),
        schema=SCHEMA,
    )
    op.create_index(
        op.f("ix_assessment_test_session_person_id"), "test_session", ["person_id"], schema=SCHEMA
    )
    op.create_index(
        "uq_test_session_open_person",
        "test_session",
        ["person_id"],
        unique=True,
        schema=SCHEMA,
        postgresql_where=sa.text("status IN ('in_progress', 'paused')"),
    )
    op.create_table(
        "session_item",
        sa.Column("session_id", sa.UUID(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("item_version_id", sa.UUID(), nullable=False),
        sa.Column("served_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.Column("answered_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("response", postgresql.JSONB(astext_type=sa.Text()), nullable=True),
        sa.Column("correct", sa.Boolean(), nullable=True),
        sa.Column("skipped", sa.Boolean(), server_default=sa.text("false"), nullable=False),
        sa.Column("time_ms", sa.Integer(), nullable=True),
        sa.Column("scored", sa.Boolean(), nullable=False),
        sa.CheckConstraint("position >= 1", name=op.f("ck_session_item_position")),
        sa.CheckConstraint("time_ms BETWEEN 0 AND 10800000", name=op.f("ck_session_item_time_ms")),
        sa.CheckConstraint(
            "NOT (skipped AND correct IS NOT NULL)", name=op.f("ck_session_item_skipped_unscored")
        ),
        sa.ForeignKeyConstraint(
            ["item_version_id"],
            [f"{SCHEMA}.item_version.id"],
            name=op.f("fk_session_item_item_version_id_item_version"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["session_id"],
            [f"{SCHEMA}.test_session.id"],
            name=op.f("fk_session_item_session_id_test_session"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("session_id", "position", name=op.f("pk_session_item")),
        sa.UniqueConstraint(
            "session_id", "item_version_id", name=op.f("uq_session_item_session_id_item_version_id")
        ),
        schema=SCHEMA,
    )
    op.create_index(
        op.f("ix_assessment_session_item_item_version_id"), "session_item", ["item_version_id"], schema=SCHEMA
    )
    op.create_table(
        "result",
        sa.Column("id", sa.UUID(), nullable=False),
        sa.Column("session_id", sa.UUID(), nullable=False),
        sa.Column("person_id", sa.UUID(), nullable=False),
        sa.Column("framework", sa.String(length=40), nullable=False),
        sa.Column("language", sa.String(length=8), nullable=False),
        sa.Column("finished_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("areas", postgresql.JSONB(astext_type=sa.Text()), nullable=False),
        sa.Column("competences", postgresql.JSONB(astext_type=sa.Text()), nullable=False),
        sa.Column("items_answered", sa.Integer(), nullable=False),
        sa.Column("complete", sa.Boolean(), nullable=False),
        sa.Column("org_path", postgresql.ARRAY(sa.UUID()), nullable=False),
        sa.ForeignKeyConstraint(
            ["session_id"],
            [f"{SCHEMA}.test_session.id"],
            name=op.f("fk_result_session_id_test_session"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_result")),
        sa.UniqueConstraint("session_id", name=op.f("uq_result_session_id")),
        schema=SCHEMA,
    )
    op.create_index("ix_result_person_finished", "result", ["person_id", "finished_at"], schema=SCHEMA)


def downgrade() -> None:
    op.drop_index("ix_result_person_finished", table_name="result", schema=SCHEMA)
    op.drop_table("result", schema=SCHEMA)
    op.drop_index(
        op.f("ix_assessment_session_item_item_version_id"), table_name="session_item", schema=SCHEMA
    )
    op.drop_table("session_item", schema=SCHEMA)
    op.drop_index(
        "uq_test_session_open_person",
        table_name="test_session",
        schema=SCHEMA,
        postgresql_where=sa.text("status IN ('in_progress', 'paused')"),
    )
    op.drop_index(op.f("ix_assessment_test_session_person_id"), table_name="test_session", schema=SCHEMA)
    op.drop_table("test_session", schema=SCHEMA)
    op.drop_index(op.f("ix_assessment_person_link_supervisor_id"), table_name="person_link", schema=SCHEMA)
    op.drop_table("person_link", schema=SCHEMA)
