"""What SCIM keeps beyond people and organisations: each client's own ids for its Groups."""

from __future__ import annotations

import uuid

from sqlalchemy import ForeignKey, String, UniqueConstraint
from sqlalchemy.dialects.postgresql import UUID
from sqlalchemy.orm import Mapped, mapped_column

from identity.database import Base


class GroupExternalId(Base):
    """A provisioning client's `externalId` for an organisation unit (a SCIM Group).

    People keep theirs on the person row (`external_id`, `provisioned_by`); an organisation can be
    provisioned by several clients of its ancestors, so each client's id is a row of its own.
    """

    __tablename__ = "scim_group_external_id"
    __table_args__ = (UniqueConstraint("client_id", "external_id"),)

    organisation_id: Mapped[uuid.UUID] = mapped_column(
        UUID(as_uuid=True), ForeignKey("organisation.id", ondelete="CASCADE"), primary_key=True
    )
    client_id: Mapped[str] = mapped_column(String(100), primary_key=True)
    external_id: Mapped[str] = mapped_column(String(200))
