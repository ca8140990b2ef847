"""The event tables every service has in its own schema."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import (
    Boolean,
    Column,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    func,
    text,
)
from sqlalchemy.dialects.postgresql import ARRAY, JSONB, UUID


@dataclass(frozen=True)
class EventTables:
    """Outbox, subscriptions, deliveries and inbox, defined on a service's MetaData."""

    outbox: Table
    subscription: Table
    delivery: Table
    inbox: Table

    @classmethod
    def on(cls, metadata: MetaData) -> EventTables:
        """Define the tables on `metadata`, so they live in that service's schema."""
        schema = metadata.schema
        outbox = Table(
            "event_outbox",
            metadata,
            Column("id", UUID(as_uuid=True), primary_key=True),
            Column("type", String(200), nullable=False),
            Column("payload", JSONB, nullable=False),
            Column("occurred_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
        )
        subscription = Table(
            "event_subscription",
            metadata,
            Column("id", UUID(as_uuid=True), primary_key=True),
            Column("name", String(64), nullable=False, unique=True),
            Column("url", Text, nullable=False),
            Column("secret", Text, nullable=False),
            Column("event_types", ARRAY(String(200)), nullable=False),
            Column("active", Boolean, nullable=False, server_default=text("true")),
            Column("created_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
        )
        delivery = Table(
            "event_delivery",
            metadata,
            Column("id", UUID(as_uuid=True), primary_key=True),
            Column(
                "event_id",
                UUID(as_uuid=True),
                ForeignKey(f"{schema}.event_outbox.id", ondelete="CASCADE"),
                nullable=False,
            ),
            Column(
                "subscription_id",
                UUID(as_uuid=True),
                ForeignKey(f"{schema}.event_subscription.id", ondelete="CASCADE"),
                nullable=False,
            ),
            Column("status", String(16), nullable=False, server_default="pending"),
            Column("attempts", Integer, nullable=False, server_default="0"),
            Column("next_attempt_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
            Column("last_status", Integer),
            Column("last_error", Text),
            Column("delivered_at", DateTime(timezone=True)),
            Index("ix_event_delivery_due", "next_attempt_at", postgresql_where=text("status = 'pending'")),
        )
        inbox = Table(
            "event_inbox",
            metadata,
            Column("event_id", String(200), primary_key=True),
            Column("type", String(200), nullable=False),
            Column("received_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
        )
        return cls(outbox=outbox, subscription=subscription, delivery=delivery, inbox=inbox)
