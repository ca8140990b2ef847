"""The catalog's own copy of people's names, fed by identity's events."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import Boolean, DateTime, String, func, text
from sqlalchemy.dialects.postgresql import UUID
from sqlalchemy.orm import Mapped, mapped_column

from catalog.database import Base


class Person(Base):
    """A person as the catalog knows them: the name mentors see on attendee lists, and their
    supervisor, who may approve their workshop registrations.

    An erased person keeps a tombstone row (`erased`, no name), so that an event about them
    delivered late cannot bring their name back.
    """

    __tablename__ = "person"

    person_id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True), primary_key=True)
    display_name: Mapped[str | None] = mapped_column(String(200))
    supervisor_id: Mapped[uuid.UUID | None] = mapped_column(UUID(as_uuid=True), index=True)
    erased: Mapped[bool] = mapped_column(Boolean, server_default=text("false"))
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
