"""Every table of the catalog, imported so migrations see them all."""

from catalog.database import metadata
from catalog.items.models import ItemRating, LearningItem, LearningItemVersion, SearchWord

__all__ = ["ItemRating", "LearningItem", "LearningItemVersion", "SearchWord", "metadata"]
