"""The assessment schema's metadata, model base and event tables."""

from sqlalchemy.orm import DeclarativeBase

from kit.db import service_metadata
from kit.events.tables import EventTables

metadata = service_metadata("assessment")


class Base(DeclarativeBase):
    """Base of the assessment's tables."""

    metadata = metadata


events = EventTables.on(metadata)
