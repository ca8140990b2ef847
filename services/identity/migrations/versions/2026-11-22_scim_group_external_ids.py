"""scim: each provisioning client's externalId for the organisation units it sees as Groups

Revision ID: 5c1d7e0a9b21
Revises: acc105c1fa53
Create Date: 2026-11-22 23:10:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "5c1d7e0a9b21"
down_revision: str | None = "acc105c1fa53"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "scim_group_external_id",
        sa.Column("organisation_id", postgresql.UUID(as_uuid=True), nullable=False),
        sa.Column("client_id", sa.String(length=100), nullable=False),
        sa.Column("external_id", sa.String(length=200), nullable=False),
        sa.ForeignKeyConstraint(
            ["organisation_id"],
            ["identity.organisation.id"],
            name=op.f("fk_scim_group_external_id_organisation_id_organisation"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("organisation_id", "client_id", name=op.f("pk_scim_group_external_id")),
        sa.UniqueConstraint(
            "client_id", "external_id", name=op.f("uq_scim_group_external_id_client_id_external_id")
        ),
        schema="identity",
    )


def downgrade() -> None:
    op.drop_table("scim_group_external_id", schema="identity")
