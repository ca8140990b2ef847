"""The catalog's item event as pathways reads it, and the API shape of pathways' copy."""

from __future__ import annotations

import uuid
from datetime import datetime
from enum import StrEnum
from typing import Annotated, Literal, Self

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

from pathways.competences import CompetenceCode, Level


class CatalogItemStatus(StrEnum):
    """Whether the catalog still offers the item."""

    published = "published"
    retired = "retired"


class CatalogItemEvent(BaseModel):
    """Payload of `catalog.item.published` / `catalog.item.retired` (the catalog's `ItemEvent`)."""

    # A tolerant reader: fields the catalog adds later must not make pathways refuse events.
    model_config = ConfigDict(extra="ignore")

    id: uuid.UUID
    slug: Annotated[str, StringConstraints(min_length=1, max_length=100)]
    # Not an enum: a new kind of content in the catalog must not break the consumer.
    kind: Annotated[str, StringConstraints(min_length=1, max_length=32)]
    title: Annotated[dict[str, Annotated[str, StringConstraints(max_length=1000)]], Field(min_length=1)]
    languages: list[Annotated[str, StringConstraints(min_length=1, max_length=16)]]
    competences: list[CompetenceCode]
    level_min: Level
    level_max: Level
    duration_minutes: Annotated[int, Field(ge=1)]
    # An organisation's private item: pathways keeps no copy until it can tell who may see it.
    visibility: Literal["public", "organisation"] = "public"
    status: str

    @model_validator(mode="after")
    def _levels_in_order(self) -> Self:
        if self.level_max < self.level_min:
            raise ValueError("level_max must not be below level_min")
        return self


class CatalogItem(BaseModel):
    """A catalog item as pathways knows it."""

    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    slug: str
    kind: str
    title: dict[str, str]
    languages: list[str]
    competences: list[str]
    level_min: int
    level_max: int
    duration_minutes: int
    status: CatalogItemStatus
    updated_at: datetime
