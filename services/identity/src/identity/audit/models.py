"""The audit log of sensitive actions. Append-only: nothing updates or deletes a row."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import BigInteger, DateTime, Identity, Index, String, func
from sqlalchemy.dialects.postgresql import ARRAY, INET, JSONB, UUID
from sqlalchemy.orm import Mapped, mapped_column

from identity.database import Base


class AuditEvent(Base):
    """Who did what to what. `org_path` is the path of the organisation the target belongs to, so
    an HR manager or org admin sees the events of their subtree only."""

    __tablename__ = "audit_event"
    __table_args__ = (
        Index("ix_audit_event_org_path", "org_path", postgresql_using="gin"),
        Index("ix_audit_event_occurred_at", "occurred_at"),
    )

    id: Mapped[int] = mapped_column(BigInteger, Identity(), primary_key=True)
    occurred_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    actor: Mapped[str] = mapped_column(String(100))  # a person id, a client id or "system"
    actor_kind: Mapped[str] = mapped_column(String(16))  # person | client | system
    action: Mapped[str] = mapped_column(String(64), index=True)
    target_type: Mapped[str] = mapped_column(String(32))
    target_id: Mapped[str] = mapped_column(String(100), index=True)
    org_path: Mapped[list[uuid.UUID]] = mapped_column(ARRAY(UUID(as_uuid=True)), server_default="{}")
    ip: Mapped[str | None] = mapped_column(INET)
    details: Mapped[dict[str, object]] = mapped_column(JSONB, server_default="{}")
