"""The service's own copy of who supervises whom and who shares results, fed by identity's events."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import Boolean, DateTime, func, text
from sqlalchemy.dialects.postgresql import ARRAY, UUID
from sqlalchemy.orm import Mapped, mapped_column

from assessment.database import Base


class PersonLink(Base):
    """One person as assessment knows them: supervisor, organisation path, sharing choice.

    An erased person keeps a tombstone row (`erased`), so that an event about them delivered late
    cannot bring their data back.
    """

    __tablename__ = "person_link"

    person_id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True), primary_key=True)
    supervisor_id: Mapped[uuid.UUID | None] = mapped_column(UUID(as_uuid=True), index=True)
    org_path: Mapped[list[uuid.UUID]] = mapped_column(
        ARRAY(UUID(as_uuid=True)), server_default=text("'{}'::uuid[]")
    )
    share_results_with_supervisor: Mapped[bool] = mapped_column(Boolean, server_default=text("false"))
    erased: Mapped[bool] = mapped_column(Boolean, server_default=text("false"))
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
