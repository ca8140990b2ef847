"""Every table of the catalog, imported so migrations see them all."""

from catalog.database import metadata
from catalog.items.models import ItemRating, LearningItem, LearningItemVersion, SearchWord
from catalog.people.models import Person
from catalog.workshops.models import (
    Mentor,
    Registration,
    Workshop,
    WorkshopFeedback,
    WorkshopMentor,
    WorkshopSession,
)

__all__ = [
    "ItemRating",
    "LearningItem",
    "LearningItemVersion",
    "Mentor",
    "Person",
    "Registration",
    "SearchWord",
    "Workshop",
    "WorkshopFeedback",
    "WorkshopMentor",
    "WorkshopSession",
    "metadata",
]
