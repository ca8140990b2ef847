"""API shapes of the audit log."""

from __future__ import annotations

import uuid
from datetime import datetime

from pydantic import BaseModel, ConfigDict, field_validator


class AuditEvent(BaseModel):
    """Who did what to what, when and from where."""

    model_config = ConfigDict(from_attributes=True)

    id: int
    occurred_at: datetime
    actor: str
    actor_kind: str
    action: str
    target_type: str
    target_id: str
    org_path: list[uuid.UUID]
    ip: str | None
    details: dict[str, object]

    @field_validator("ip", mode="before")
    @classmethod
    def _address(cls, value: object) -> str | None:
        return None if value is None else str(value)
