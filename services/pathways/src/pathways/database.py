"""The pathways schema's metadata, model base and event tables."""

from sqlalchemy.orm import DeclarativeBase

from kit.db import service_metadata
from kit.events.tables import EventTables

metadata = service_metadata("pathways")


class Base(DeclarativeBase):
    """Base of the pathways' tables."""

    metadata = metadata


events = EventTables.on(metadata)
