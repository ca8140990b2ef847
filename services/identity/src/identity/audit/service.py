"""Writing the audit log: one row per sensitive action, in the action's own transaction."""

from __future__ import annotations

import uuid
from collections.abc import Mapping, Sequence

from sqlalchemy.ext.asyncio import AsyncSession

from identity.audit.models import AuditEvent


async def record(
    db: AsyncSession,
    *,
    actor: str,
    actor_kind: str,
    action: str,
    target_type: str,
    target_id: str | uuid.UUID,
    org_path: Sequence[uuid.UUID] = (),
    ip: str | None = None,
    details: Mapping[str, object] | None = None,
) -> None:
    """Add an audit event to the session; it commits (or rolls back) with the action itself."""
    db.add(
        AuditEvent(
            actor=actor,
            actor_kind=actor_kind,
            action=action,
            target_type=target_type,
            target_id=str(target_id),
            org_path=list(org_path),
            ip=ip,
            details=dict(details or {}),
        )
    )
