"""Every table of the catalog, imported so migrations see them all."""

from catalog.database import metadata
from catalog.items.models import LearningItem

__all__ = ["LearningItem", "metadata"]
