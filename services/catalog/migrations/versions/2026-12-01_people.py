"""people: the catalog's copy of people's names, with erasure tombstones, fed by identity's events

Revision ID: c5c1people0001
Revises: c5b1workshop01
Create Date: 2026-12-01 14:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "c5c1people0001"
down_revision: str | None = "c5b1workshop01"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

S = "catalog"


def upgrade() -> None:
    op.create_table(
        "person",
        sa.Column("person_id", sa.UUID(), nullable=False),
        sa.Column("display_name", sa.String(length=200), nullable=True),
        sa.Column("erased", sa.Boolean(), server_default=sa.text("false"), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.PrimaryKeyConstraint("person_id", name=op.f("pk_person")),
        schema=S,
    )


def downgrade() -> None:
    op.drop_table("person", schema=S)
