"""supervisors: each person's supervisor, from identity's events, so supervisors can approve

Revision ID: c5d1supervis01
Revises: c5c1people0001
Create Date: 2026-12-01 16:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "c5d1supervis01"
down_revision: str | None = "c5c1people0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

S = "catalog"


def upgrade() -> None:
    op.add_column("person", sa.Column("supervisor_id", sa.UUID(), nullable=True), schema=S)
    # `GET /me/approvals` looks people up by their supervisor.
    op.create_index(op.f("ix_catalog_person_supervisor_id"), "person", ["supervisor_id"], schema=S)


def downgrade() -> None:
    op.drop_index(op.f("ix_catalog_person_supervisor_id"), table_name="person", schema=S)
    op.drop_column("person", "supervisor_id", schema=S)
