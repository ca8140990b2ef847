"""initial: organisations (a tree with a trigger-maintained path) and the event tables

Revision ID: 3a151383ed1e
Revises:
Create Date: 2026-11-22 19:22:14.984665
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "3a151383ed1e"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


# `path` is computed here, not by the application, so no code path can store a wrong one: the
# ids from the root down to the row, itself included. A parent whose path already holds the row
# would close a cycle (moving an organisation under itself or its own descendant): refused.
SET_PATH_FUNCTION = """
CREATE FUNCTION identity.organisation_set_path() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    parent_path uuid[];
BEGIN
    IF NEW.parent_id IS NULL THEN
        NEW.path := ARRAY[NEW.id];
        RETURN NEW;
    END IF;
    SELECT path INTO parent_path FROM identity.organisation WHERE id = NEW.parent_id;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'parent organisation % does not exist', NEW.parent_id
            USING ERRCODE = 'foreign_key_violation';
    END IF;
    IF NEW.id = ANY (parent_path) THEN
        RAISE EXCEPTION 'organisation % cannot be placed under itself or its descendant %',
            NEW.id, NEW.parent_id
            USING ERRCODE = 'check_violation', CONSTRAINT = 'ck_organisation_no_cycle';
    END IF;
    NEW.path := parent_path || NEW.id;
    RETURN NEW;
END
$$
"""
SET_PATH_TRIGGER = """
CREATE TRIGGER organisation_set_path
BEFORE INSERT OR UPDATE OF id, parent_id, path ON identity.organisation
FOR EACH ROW EXECUTE FUNCTION identity.organisation_set_path()
"""
# After a move, the children recompute their paths from the moved row (touching parent_id fires
# the trigger above), and theirs from them, down the subtree.
CASCADE_PATH_FUNCTION = """
CREATE FUNCTION identity.organisation_cascade_path() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    UPDATE identity.organisation SET parent_id = parent_id WHERE parent_id = NEW.id;
    RETURN NULL;
END
$$
"""
CASCADE_PATH_TRIGGER = """
CREATE TRIGGER organisation_cascade_path
AFTER UPDATE OF id, parent_id, path ON identity.organisation
FOR EACH ROW WHEN (OLD.path IS DISTINCT FROM NEW.path)
EXECUTE FUNCTION identity.organisation_cascade_path()
"""


def upgrade() -> None:
    op.create_table(
        "event_inbox",
        sa.Column("event_id", sa.String(length=200), nullable=False),
        sa.Column("type", sa.String(length=200), nullable=False),
        sa.Column("received_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.PrimaryKeyConstraint("event_id", name=op.f("pk_event_inbox")),
        schema="identity",
    )
    op.create_table(
        "event_outbox",
        sa.Column("id", sa.UUID(), nullable=False),
        sa.Column("type", sa.String(length=200), nullable=False),
        sa.Column("payload", postgresql.JSONB(astext_type=sa.Text()), nullable=False),
        sa.Column("occurred_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_event_outbox")),
        schema="identity",
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
        schema="identity",
    )
    op.create_table(
        "organisation",
        sa.Column("id", sa.UUID(), nullable=False),
        sa.Column("parent_id", sa.UUID(), nullable=True),
        sa.Column("code", sa.String(length=100), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("name", postgresql.JSONB(astext_type=sa.Text()), nullable=False),
        sa.Column(
            "email_domains", postgresql.ARRAY(sa.String(length=253)), server_default="{}", nullable=False
        ),
        sa.Column("path", postgresql.ARRAY(sa.UUID()), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.CheckConstraint("code ~ '^[a-z0-9]+(-[a-z0-9]+)*$'", name=op.f("ck_organisation_code")),
        sa.CheckConstraint(
            "jsonb_typeof(name) = 'object' AND name <> '{}'::jsonb", name=op.f("ck_organisation_name")
        ),
        sa.CheckConstraint(
            "kind IN ('country', 'ministry', 'department', 'unit')", name=op.f("ck_organisation_kind")
        ),
        sa.CheckConstraint(
            "email_domains::text = lower(email_domains::text)", name=op.f("ck_organisation_domains_lowercase")
        ),
        sa.CheckConstraint(
            "path[cardinality(path)] = id AND (parent_id IS NULL) = (cardinality(path) = 1)",
            name=op.f("ck_organisation_path"),
        ),
        sa.ForeignKeyConstraint(
            ["parent_id"],
            ["identity.organisation.id"],
            name=op.f("fk_organisation_parent_id_organisation"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_organisation")),
        sa.UniqueConstraint("code", name=op.f("uq_organisation_code")),
        schema="identity",
    )
    op.create_index(
        op.f("ix_identity_organisation_kind"), "organisation", ["kind"], unique=False, schema="identity"
    )
    op.create_index(
        op.f("ix_identity_organisation_parent_id"),
        "organisation",
        ["parent_id"],
        unique=False,
        schema="identity",
    )
    op.create_index(
        "ix_organisation_email_domains",
        "organisation",
        ["email_domains"],
        unique=False,
        schema="identity",
        postgresql_using="gin",
    )
    op.create_index(
        "ix_organisation_path",
        "organisation",
        ["path"],
        unique=False,
        schema="identity",
        postgresql_using="gin",
    )
    op.execute(SET_PATH_FUNCTION)
    op.execute(SET_PATH_TRIGGER)
    op.execute(CASCADE_PATH_FUNCTION)
    op.execute(CASCADE_PATH_TRIGGER)
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
            ["identity.event_outbox.id"],
            name=op.f("fk_event_delivery_event_id_event_outbox"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["subscription_id"],
            ["identity.event_subscription.id"],
            name=op.f("fk_event_delivery_subscription_id_event_subscription"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_event_delivery")),
        schema="identity",
    )
    op.create_index(
        "ix_event_delivery_due",
        "event_delivery",
        ["next_attempt_at"],
        unique=False,
        schema="identity",
        postgresql_where=sa.text("status = 'pending'"),
    )


def downgrade() -> None:
    op.drop_index(
        "ix_event_delivery_due",
        table_name="event_delivery",
        schema="identity",
        postgresql_where=sa.text("status = 'pending'"),
    )
    op.drop_table("event_delivery", schema="identity")
    op.execute("DROP TRIGGER organisation_cascade_path ON identity.organisation")
    op.execute("DROP TRIGGER organisation_set_path ON identity.organisation")
    op.execute("DROP FUNCTION identity.organisation_cascade_path()")
    op.execute("DROP FUNCTION identity.organisation_set_path()")
    op.drop_index(
        "ix_organisation_path", table_name="organisation", schema="identity", postgresql_using="gin"
    )
    op.drop_index(
        "ix_organisation_email_domains", table_name="organisation", schema="identity", postgresql_using="gin"
    )
    op.drop_index(op.f("ix_identity_organisation_parent_id"), table_name="organisation", schema="identity")
    op.drop_index(op.f("ix_identity_organisation_kind"), table_name="organisation", schema="identity")
    op.drop_table("organisation", schema="identity")
    op.drop_table("event_subscription", schema="identity")
    op.drop_table("event_outbox", schema="identity")
    op.drop_table("event_inbox", schema="identity")
