"""altcha replay guard: signatures of ALTCHA challenges already solved, until they expire

Revision ID: acc105c1fa53
Revises: 5c0a1d2e3f40
Create Date: 2026-11-22 21:40:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "acc105c1fa53"
down_revision: str | None = "5c0a1d2e3f40"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "altcha_used",
        sa.Column("signature", sa.String(length=128), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("signature", name=op.f("pk_altcha_used")),
        schema="identity",
    )
    op.create_index(
        op.f("ix_identity_altcha_used_expires_at"),
        "altcha_used",
        ["expires_at"],
        unique=False,
        schema="identity",
    )


def downgrade() -> None:
    op.drop_index(op.f("ix_identity_altcha_used_expires_at"), table_name="altcha_used", schema="identity")
    op.drop_table("altcha_used", schema="identity")
