"""calibration: a record of every calibration run with its report

Revision ID: c4c3calibr001
Revises: c4b2sessions01
Create Date: 2026-12-01 08:30:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "c4c3calibr001"
down_revision: str | None = "c4b2sessions01"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

SCHEMA = "assessment"


def upgrade() -> None:
    op.create_table(
        "calibration_run",
        sa.Column("id", sa.UUID(), nullable=False),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("finished_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.Column("responses", sa.Integer(), nullable=False),
        sa.Column("min_responses", sa.Integer(), nullable=False),
        sa.Column("applied", sa.Boolean(), nullable=False),
        sa.Column("items", sa.Integer(), nullable=False),
        sa.Column("flagged", sa.Integer(), nullable=False),
        sa.Column("new_versions", sa.Integer(), nullable=False),
        sa.Column("report", postgresql.JSONB(astext_type=sa.Text()), nullable=False),
        sa.CheckConstraint("responses >= 0", name=op.f("ck_calibration_run_responses")),
        sa.CheckConstraint("min_responses >= 1", name=op.f("ck_calibration_run_min_responses")),
        sa.CheckConstraint("jsonb_typeof(report) = 'object'", name=op.f("ck_calibration_run_report")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_calibration_run")),
        schema=SCHEMA,
    )
    op.create_index(
        op.f("ix_assessment_calibration_run_started_at"), "calibration_run", ["started_at"], schema=SCHEMA
    )


def downgrade() -> None:
    op.drop_index(
        op.f("ix_assessment_calibration_run_started_at"), table_name="calibration_run", schema=SCHEMA
    )
    op.drop_table("calibration_run", schema=SCHEMA)
