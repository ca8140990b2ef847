"""API shapes of learning items."""

from __future__ import annotations

import uuid
from datetime import datetime
from enum import StrEnum
from typing import Annotated, Self

from pydantic import AnyHttpUrl, BaseModel, ConfigDict, Field, StringConstraints, model_validator

from kit.text import LanguageCode, localized

Slug = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$", min_length=3, max_length=100)]
CompetenceCode = Annotated[str, StringConstraints(pattern=r"^[1-9]\.[1-9]$")]
Level = Annotated[int, Field(ge=1, le=8)]


class ItemKind(StrEnum):
    """What sort of learning content an item is."""

    course = "course"
    micro_lesson = "micro_lesson"
    video = "video"
    external_course = "external_course"
    use_case = "use_case"


class ItemStatus(StrEnum):
    """Whether learners can find the item."""

    published = "published"
    retired = "retired"


class ItemCreate(BaseModel):
    """A new learning item; `slug` is its natural key, so a retried create is harmless."""

    model_config = ConfigDict(extra="forbid")

    slug: Slug
    kind: ItemKind
    title: localized(200)  # type: ignore[valid-type]
    summary: localized(2000)  # type: ignore[valid-type]
    url: AnyHttpUrl | None = None
    duration_minutes: Annotated[int, Field(ge=1, le=10_000)]
    languages: Annotated[list[LanguageCode], Field(min_length=1, max_length=20)]
    competences: Annotated[list[CompetenceCode], Field(max_length=21)] = []
    level_min: Level = 1
    level_max: Level = 8

    @model_validator(mode="after")
    def _levels_in_order(self) -> Self:
        if self.level_max < self.level_min:
            raise ValueError("level_max must not be below level_min")
        return self


class Item(BaseModel):
    """A learning item as the API shows it."""

    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    slug: str
    kind: ItemKind
    title: dict[str, str]
    summary: dict[str, str]
    url: str | None
    duration_minutes: int
    languages: list[str]
    competences: list[str]
    level_min: int
    level_max: int
    status: ItemStatus
    created_at: datetime
    updated_at: datetime


class ItemEvent(BaseModel):
    """Payload of `catalog.item.published` and `catalog.item.retired`."""

    id: uuid.UUID
    slug: str
    kind: ItemKind
    title: dict[str, str]
    languages: list[str]
    competences: list[str]
    level_min: int
    level_max: int
    duration_minutes: int
    status: ItemStatus
