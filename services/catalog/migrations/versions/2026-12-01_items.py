"""learning items: full descriptions, editorial workflow with versions, owners, ratings, completions,
search

Revision ID: c5a1items0002
Revises: b6d94ac82e8f
Create Date: 2026-12-01 11:20:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "c5a1items0002"
down_revision: str | None = "b6d94ac82e8f"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

SEARCH_VECTOR = (
    "setweight(to_tsvector('simple'::regconfig, search_title), 'A') || "
    "setweight(to_tsvector('simple'::regconfig, search_text), 'B')"
)
S = "catalog"
T = "learning_item"


def upgrade() -> None:
    add = [
        sa.Column("external_id", sa.String(length=100), nullable=True),
        sa.Column("body", postgresql.JSONB(), server_default=sa.text("'{}'::jsonb"), nullable=False),
        sa.Column("body_html", postgresql.JSONB(), server_default=sa.text("'{}'::jsonb"), nullable=False),
        sa.Column("format", sa.String(length=32), server_default="online_self_paced", nullable=False),
        sa.Column("provider", sa.String(length=200), nullable=True),
        sa.Column("licence", sa.String(length=100), nullable=True),
        sa.Column("cost_eur", sa.Numeric(10, 2), server_default="0", nullable=False),
        sa.Column(
            "accessibility",
            postgresql.ARRAY(sa.String(length=32)),
            server_default=sa.text("'{}'::varchar[]"),
            nullable=False,
        ),
        sa.Column(
            "competence_levels", postgresql.JSONB(), server_default=sa.text("'[]'::jsonb"), nullable=False
        ),
        sa.Column(
            "prerequisites",
            postgresql.ARRAY(sa.UUID()),
            server_default=sa.text("'{}'::uuid[]"),
            nullable=False,
        ),
        sa.Column("owner_org_id", sa.UUID(), nullable=True),
        sa.Column("visibility", sa.String(length=16), server_default="public", nullable=False),
        sa.Column("version", sa.Integer(), server_default="1", nullable=False),
        sa.Column("rating_count", sa.Integer(), server_default="0", nullable=False),
        sa.Column("rating_sum", sa.Integer(), server_default="0", nullable=False),
        sa.Column("search_title", sa.Text(), server_default="", nullable=False),
        sa.Column("search_text", sa.Text(), server_default="", nullable=False),
        sa.Column("created_by", sa.UUID(), nullable=True),
        sa.Column("published_at", sa.DateTime(timezone=True), nullable=True),
    ]
    for column in add:
        op.add_column(T, column, schema=S)
    op.add_column(
        T,
        sa.Column("search_vector", postgresql.TSVECTOR(), sa.Computed(SEARCH_VECTOR, persisted=True)),
        schema=S,
    )
    # Items made before this revision were published as they were: tag each competence with the
    # item's whole range.
    op.execute(
        "UPDATE catalog.learning_item SET competence_levels = coalesce((SELECT jsonb_agg(jsonb_build_object("
        "'code', c, 'level_min', level_min, 'level_max', level_max)) FROM unnest(competences) AS c), '[]'), "
        "published_at = created_at WHERE status = 'published'"
    )
    op.create_check_constraint("cost", T, "cost_eur >= 0", schema=S)
    op.create_check_constraint("version", T, "version >= 1", schema=S)
    op.create_check_constraint(
        "status_known", T, "status IN ('draft', 'in_review', 'published', 'retired')", schema=S
    )
    op.create_check_constraint("visibility_known", T, "visibility IN ('public', 'organisation')", schema=S)
    op.create_check_constraint(
        "private_has_owner", T, "visibility = 'public' OR owner_org_id IS NOT NULL", schema=S
    )
    op.create_index(op.f("ix_catalog_learning_item_kind"), T, ["kind"], schema=S)
    op.create_index(op.f("ix_catalog_learning_item_owner_org_id"), T, ["owner_org_id"], schema=S)
    op.create_index("ix_learning_item_accessibility", T, ["accessibility"], schema=S, postgresql_using="gin")
    op.create_index("ix_learning_item_search", T, ["search_vector"], schema=S, postgresql_using="gin")
    op.create_index(
        "ix_learning_item_search_title_trgm",
        T,
        ["search_title"],
        schema=S,
        postgresql_using="gin",
        postgresql_ops={"search_title": "catalog.gin_trgm_ops"},
    )
    op.create_index(
        "uq_learning_item_external_id",
        T,
        [sa.text("coalesce(owner_org_id, '00000000-0000-0000-0000-000000000000'::uuid)"), "external_id"],
        unique=True,
        schema=S,
        postgresql_where=sa.text("external_id IS NOT NULL"),
    )
    op.create_table(
        "learning_item_version",
        sa.Column("id", sa.UUID(), nullable=False),
        sa.Column("item_id", sa.UUID(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("content", postgresql.JSONB(), nullable=False),
        sa.Column("note", sa.String(length=1000), nullable=True),
        sa.Column("changed_by", sa.UUID(), nullable=True),
        sa.Column("changed_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.ForeignKeyConstraint(
            ["item_id"],
            ["catalog.learning_item.id"],
            name=op.f("fk_learning_item_version_item_id_learning_item"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_learning_item_version")),
        sa.UniqueConstraint("item_id", "version", name=op.f("uq_learning_item_version_item_id_version")),
        schema=S,
    )
    op.create_table(
        "item_rating",
        sa.Column("id", sa.UUID(), nullable=False),
        sa.Column("item_id", sa.UUID(), nullable=False),
        sa.Column("person_id", sa.UUID(), nullable=False),
        sa.Column("rating", sa.SmallInteger(), nullable=False),
        sa.Column("comment", sa.String(length=2000), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.CheckConstraint("rating BETWEEN 1 AND 5", name=op.f("ck_item_rating_rating_range")),
        sa.ForeignKeyConstraint(
            ["item_id"],
            ["catalog.learning_item.id"],
            name=op.f("fk_item_rating_item_id_learning_item"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_item_rating")),
        sa.UniqueConstraint("item_id", "person_id", name=op.f("uq_item_rating_item_id_person_id")),
        schema=S,
    )
    op.create_index(op.f("ix_catalog_item_rating_person_id"), "item_rating", ["person_id"], schema=S)
    op.create_table(
        "item_completion",
        sa.Column("item_id", sa.UUID(), nullable=False),
        sa.Column("person_id", sa.UUID(), nullable=False),
        sa.Column(
            "completed_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False
        ),
        sa.ForeignKeyConstraint(
            ["item_id"],
            ["catalog.learning_item.id"],
            name=op.f("fk_item_completion_item_id_learning_item"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("item_id", "person_id", name=op.f("pk_item_completion")),
        schema=S,
    )
    op.create_index(op.f("ix_catalog_item_completion_person_id"), "item_completion", ["person_id"], schema=S)
    op.create_table(
        "search_word",
        sa.Column("word", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("word", name=op.f("pk_search_word")),
        schema=S,
    )
    op.create_index(
        "ix_search_word_trgm",
        "search_word",
        ["word"],
        schema=S,
        postgresql_using="gin",
        postgresql_ops={"word": "catalog.gin_trgm_ops"},
    )


def downgrade() -> None:
    op.drop_table("search_word", schema=S)
    op.drop_table("item_completion", schema=S)
    op.drop_table("item_rating", schema=S)
    op.drop_table("learning_item_version", schema=S)
    for index in (
        "uq_learning_item_external_id",
        "ix_learning_item_search_title_trgm",
        "ix_learning_item_search",
        "ix_learning_item_accessibility",
        op.f("ix_catalog_learning_item_owner_org_id"),
        op.f("ix_catalog_learning_item_kind"),
    ):
        op.drop_index(index, table_name=T, schema=S)
    for constraint in ("private_has_owner", "visibility_known", "status_known", "version", "cost"):
        op.drop_constraint(op.f(f"ck_learning_item_{constraint}"), T, schema=S, type_="check")
    for column in (
        "search_vector",
        "published_at",
        "created_by",
        "search_text",
        "search_title",
        "rating_sum",
        "rating_count",
        "version",
        "visibility",
        "owner_org_id",
        "prerequisites",
        "competence_levels",
        "accessibility",
        "cost_eur",
        "licence",
        "provider",
        "format",
        "body_html",
        "body",
        "external_id",
    ):
        op.drop_column(T, column, schema=S)
