"""items: the item bank (an item and its immutable versions)

Revision ID: c4a1items0001
Revises: 966bdf358c51
Create Date: 2026-12-01 08:00:06.942454
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "c4a1items0001"
down_revision: str | None = "966bdf358c51"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

IMMUTABLE_FUNCTION = """
CREATE FUNCTION assessment.item_version_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF (NEW.id, NEW.item_id, NEW.version, NEW.type, NEW.level, NEW.interaction, NEW.content,
        NEW.answer, NEW.languages, NEW.a, NEW.b, NEW.c, NEW.pretest, NEW.author, NEW.note,
        NEW.created_at)
       IS DISTINCT FROM
       (OLD.id, OLD.item_id, OLD.version, OLD.type, OLD.level, OLD.interaction, OLD.content,
        OLD.answer, OLD.languages, OLD.a, OLD.b, OLD.c, OLD.pretest, OLD.author, OLD.note,
        OLD.created_at)
    THEN
        RAISE EXCEPTION 'an item version is immutable; write a new version'
            USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    RETURN NEW;
END
$$
"""


def upgrade() -> None:
    op.create_table(
        "item",
        sa.Column("id", sa.UUID(), nullable=False),
        sa.Column("key", sa.String(length=80), nullable=False),
        sa.Column("framework_id", sa.UUID(), nullable=False),
        sa.Column("competence_code", sa.String(length=8), nullable=False),
        sa.Column("area_code", sa.String(length=8), nullable=False),
        sa.Column("head_version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.Column("created_by", sa.UUID(), nullable=True),
        sa.CheckConstraint("head_version >= 1", name=op.f("ck_item_head_version")),
        sa.ForeignKeyConstraint(
            ["framework_id", "competence_code"],
            ["assessment.competence.framework_id", "assessment.competence.code"],
            name=op.f("fk_item_framework_id_competence"),
        ),
        sa.ForeignKeyConstraint(
            ["framework_id"], ["assessment.framework.id"], name=op.f("fk_item_framework_id_framework")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_item")),
        sa.UniqueConstraint("key", name=op.f("uq_item_key")),
        schema="assessment",
    )
    op.create_index(
        op.f("ix_assessment_item_framework_id"),
        "item",
        ["framework_id", "competence_code"],
        unique=False,
        schema="assessment",
    )
    op.create_table(
        "item_version",
        sa.Column("id", sa.UUID(), nullable=False),
        sa.Column("item_id", sa.UUID(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("type", sa.String(length=24), nullable=False),
        sa.Column("level", sa.Integer(), nullable=False),
        sa.Column("interaction", sa.String(length=24), nullable=True),
        sa.Column("content", postgresql.JSONB(astext_type=sa.Text()), nullable=False),
        sa.Column("answer", postgresql.JSONB(astext_type=sa.Text()), nullable=False),
        sa.Column("languages", postgresql.ARRAY(sa.String(length=16)), nullable=False),
        sa.Column("a", sa.Float(), nullable=False),
        sa.Column("b", sa.Float(), nullable=False),
        sa.Column("c", sa.Float(), nullable=False),
        sa.Column("pretest", sa.Boolean(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("author", sa.UUID(), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("submitted_by", sa.UUID(), nullable=True),
        sa.Column("submitted_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("reviewer", sa.UUID(), nullable=True),
        sa.Column("reviewed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("rejected_by", sa.UUID(), nullable=True),
        sa.Column("rejected_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("review_comment", sa.Text(), nullable=True),
        sa.Column("retired_by", sa.UUID(), nullable=True),
        sa.Column("retired_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.CheckConstraint(
            "(type = 'scenario') = (interaction IS NOT NULL) AND (interaction IS NULL OR interaction IN ('single_choice', 'multiple_response'))",
            name=op.f("ck_item_version_interaction"),
        ),
        sa.CheckConstraint("jsonb_typeof(content) = 'object'", name=op.f("ck_item_version_content")),
        sa.CheckConstraint(
            "status IN ('draft', 'in_review', 'active', 'retired', 'superseded')",
            name=op.f("ck_item_version_status"),
        ),
        sa.CheckConstraint(
            "type IN ('single_choice', 'multiple_response', 'ordering', 'matching', 'scenario')",
            name=op.f("ck_item_version_type"),
        ),
        sa.CheckConstraint("level BETWEEN 1 AND 8", name=op.f("ck_item_version_level")),
        sa.CheckConstraint("version >= 1", name=op.f("ck_item_version_version")),
        sa.ForeignKeyConstraint(
            ["item_id"], ["assessment.item.id"], name=op.f("fk_item_version_item_id_item")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_item_version")),
        sa.UniqueConstraint("item_id", "version", name=op.f("uq_item_version_item_id_version")),
        schema="assessment",
    )
    op.create_index(
        op.f("ix_assessment_item_version_status"),
        "item_version",
        ["status"],
        unique=False,
        schema="assessment",
    )
    op.create_index(
        "uq_item_version_active",
        "item_version",
        ["item_id"],
        unique=True,
        schema="assessment",
        postgresql_where=sa.text("status = 'active'"),
    )
    # Answers refer to the exact version shown: only the workflow columns of a version may change.
    op.execute(IMMUTABLE_FUNCTION)
    op.execute(
        "CREATE TRIGGER item_version_immutable BEFORE UPDATE ON assessment.item_version "
        "FOR EACH ROW EXECUTE FUNCTION assessment.item_version_immutable()"
    )


def downgrade() -> None:
    op.execute("DROP TRIGGER item_version_immutable ON assessment.item_version")
    op.execute("DROP FUNCTION assessment.item_version_immutable()")
    op.drop_index(
        "uq_item_version_active",
        table_name="item_version",
        schema="assessment",
        postgresql_where=sa.text("status = 'active'"),
    )
    op.drop_index(op.f("ix_assessment_item_version_status"), table_name="item_version", schema="assessment")
    op.drop_table("item_version", schema="assessment")
    op.drop_index(op.f("ix_assessment_item_framework_id"), table_name="item", schema="assessment")
    op.drop_table("item", schema="assessment")
