"""API shapes of learning items: what editors write, what readers get, the events."""

from __future__ import annotations

import re
import uuid
from datetime import datetime
from decimal import Decimal
from enum import StrEnum
from typing import TYPE_CHECKING, Annotated, Any, Self

from pydantic import (
    AfterValidator,
    AnyHttpUrl,
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    model_validator,
)

from kit.text import LanguageCode, localized

Slug = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$", min_length=3, max_length=100)]
# The competences of DigComp 2.2, the framework the catalog tags items with.
DIGCOMP_22 = (
    "1.1", "1.2", "1.3",
    "2.1", "2.2", "2.3", "2.4", "2.5", "2.6",
    "3.1", "3.2", "3.3", "3.4",
    "4.1", "4.2", "4.3", "4.4",
    "5.1", "5.2", "5.3", "5.4",
)  # fmt: skip


def _known_competence(code: str) -> str:
    if code not in DIGCOMP_22:
        raise ValueError(
            f"{code} is not a DigComp 2.2 competence (1.1-1.3, 2.1-2.6, 3.1-3.4, 4.1-4.4, 5.1-5.4)."
        )
    return code


CompetenceCode = Annotated[
    str, StringConstraints(pattern=r"^[1-9]\.[1-9]$"), AfterValidator(_known_competence)
]
Level = Annotated[int, Field(ge=1, le=8)]
MAX_BODY = 20_000

# What a browser would read as an HTML tag or comment: `<b>`, `</p>`, `<img src=x>`, `<!--`, an
# unclosed `<script`. A `<` followed by a space ("a < b") is text and stays.
_MARKUP = re.compile(r"</?[A-Za-z][^<>]*>|<!--|</?(script|style|iframe)\b", re.IGNORECASE)


def no_markup(value: Any) -> Any:
    """Refuse HTML in plain text (a string, or each text of a localized dict)."""
    texts = value.values() if isinstance(value, dict) else [value]
    if any(isinstance(text, str) and _MARKUP.search(text) for text in texts):
        raise ValueError("HTML tags are not allowed here; write plain text")
    return value


def plain_localized(max_length: int) -> Any:
    """Localized plain text: each language at most `max_length` characters, no HTML."""
    return Annotated[localized(max_length), AfterValidator(no_markup)]


PlainText = Annotated[str, AfterValidator(no_markup)]
if TYPE_CHECKING:  # what the validated value is; the validation is for pydantic only
    Title = dict[str, str]
    Summary = dict[str, str]
else:
    Title = plain_localized(200)
    Summary = plain_localized(2000)
# Markdown: any text may appear, as it is rendered with raw HTML off and then sanitised.
Body = Annotated[
    dict[LanguageCode, Annotated[str, StringConstraints(strip_whitespace=True, max_length=MAX_BODY)]],
    Field(max_length=20, description="Markdown by language tag (raw HTML is shown as text)."),
]
Note = Annotated[PlainText, StringConstraints(strip_whitespace=True, min_length=1, max_length=1000)]
BaseVersion = Annotated[int, Field(ge=1, description="The version the change was made from.")]
Name = Annotated[PlainText, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
Licence = Annotated[PlainText, StringConstraints(strip_whitespace=True, min_length=1, max_length=100)]
Minutes = Annotated[int, Field(ge=1, le=10_000)]
Euros = Annotated[Decimal, Field(ge=0, max_digits=10, decimal_places=2)]
LanguageCodes = Annotated[list[LanguageCode], Field(min_length=1, max_length=20)]


class ItemKind(StrEnum):
    """What sort of learning content an item is."""

    course = "course"
    micro_lesson = "micro_lesson"
    video = "video"
    external_course = "external_course"
    use_case = "use_case"
    document = "document"
    workshop = "workshop"


class ItemStatus(StrEnum):
    """Where an item is in its editorial life: only published items are offered to learners."""

    draft = "draft"
    in_review = "in_review"
    published = "published"
    retired = "retired"


class ItemFormat(StrEnum):
    """How the learning takes place."""

    online_self_paced = "online_self_paced"
    online_live = "online_live"
    in_person = "in_person"
    blended = "blended"


class Accessibility(StrEnum):
    """An accessibility feature the item has."""

    captions = "captions"
    transcript = "transcript"
    screen_reader_friendly = "screen_reader_friendly"
    easy_to_read = "easy_to_read"


class Visibility(StrEnum):
    """Who may find the item: everyone, or only the people of its owning organisation."""

    public = "public"
    organisation = "organisation"


class Owner(StrEnum):
    """Who owns a new item: the whole platform, or the editor's ministry."""

    platform = "platform"
    organisation = "organisation"


class CompetenceLevels(BaseModel):
    """A DigComp competence the item develops, from one proficiency level to another."""

    model_config = ConfigDict(extra="forbid")

    code: CompetenceCode
    level_min: Level
    level_max: Level

    @model_validator(mode="after")
    def _levels_in_order(self) -> Self:
        if self.level_max < self.level_min:
            raise ValueError("level_max must not be below level_min")
        return self


AccessibilityFeatures = Annotated[list[Accessibility], Field(max_length=4)]
CompetenceTags = Annotated[list[CompetenceLevels], Field(max_length=21)]
Prerequisites = Annotated[list[uuid.UUID], Field(max_length=50, description="Ids of other items.")]
# A ministry's own id for the item (CSV imports match on it); plain text.
ExternalId = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=1, max_length=100), AfterValidator(no_markup)
]


class ItemContent(BaseModel):
    """The fields of an item an editor writes; every version keeps one of these."""

    model_config = ConfigDict(extra="forbid")

    kind: ItemKind
    title: Title
    summary: Summary
    body: Body = {}
    url: AnyHttpUrl | None = None
    duration_minutes: Minutes
    format: ItemFormat = ItemFormat.online_self_paced
    provider: Name | None = None
    licence: Licence | None = None
    cost_eur: Euros = Decimal("0")
    languages: LanguageCodes
    accessibility: AccessibilityFeatures = []
    competence_levels: CompetenceTags = []
    prerequisites: Prerequisites = []
    external_id: ExternalId | None = None
    visibility: Visibility = Visibility.public

    @model_validator(mode="after")
    def _competences_once(self) -> Self:
        codes = [tag.code for tag in self.competence_levels]
        if len(codes) != len(set(codes)):
            raise ValueError("each competence may be tagged only once")
        return self


class ItemCreate(ItemContent):
    """A new learning item (a draft); `slug` is its natural key, so a retried create is harmless."""

    slug: Slug
    owner: Owner = Owner.platform

    @model_validator(mode="after")
    def _private_needs_owner(self) -> Self:
        if self.visibility is Visibility.organisation and self.owner is not Owner.organisation:
            raise ValueError("an item visible to one organisation only must be owned by it")
        return self


class ItemUpdate(ItemContent):
    """Every editable field of an item, replacing the newest version; 409 when it is not `base_version`."""

    base_version: BaseVersion
    note: Note | None = None


class ItemPatch(BaseModel):
    """Some fields of an item, changed from `base_version`; the others stay as they are."""

    model_config = ConfigDict(extra="forbid")

    base_version: BaseVersion
    note: Note | None = None
    kind: ItemKind | None = None
    title: Title | None = None
    summary: Summary | None = None
    body: Body | None = None
    url: AnyHttpUrl | None = None
    duration_minutes: Minutes | None = None
    format: ItemFormat | None = None
    provider: Name | None = None
    licence: Licence | None = None
    cost_eur: Euros | None = None
    languages: LanguageCodes | None = None
    accessibility: AccessibilityFeatures | None = None
    competence_levels: CompetenceTags | None = None
    prerequisites: Prerequisites | None = None
    external_id: ExternalId | None = None
    visibility: Visibility | None = None

    def changes(self) -> dict[str, Any]:
        """The content fields the client sent (`null` clears an optional field)."""
        return self.model_dump(mode="json", exclude_unset=True, exclude={"base_version", "note"})


class Transition(BaseModel):
    """Optionally, the version the editor saw, and a note kept with the new version."""

    model_config = ConfigDict(extra="forbid")

    base_version: Annotated[int | None, Field(ge=1)] = None
    note: Note | None = None


class ChangeRequest(BaseModel):
    """Sending an item in review back to its authors: what to change."""

    model_config = ConfigDict(extra="forbid")

    base_version: Annotated[int | None, Field(ge=1)] = None
    note: Note


class Item(BaseModel):
    """A learning item as lists show it (everything but the body)."""

    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    slug: str
    kind: ItemKind
    title: dict[str, str]
    summary: dict[str, str]
    url: str | None
    duration_minutes: int
    format: ItemFormat
    provider: str | None
    licence: str | None
    cost_eur: Decimal
    languages: list[str]
    accessibility: list[Accessibility]
    competence_levels: list[CompetenceLevels]
    competences: list[str]
    level_min: int
    level_max: int
    external_id: str | None
    owner_org_id: uuid.UUID | None = Field(description="Null: platform-wide.")
    visibility: Visibility
    status: ItemStatus
    version: int
    rating_count: int
    rating_average: float | None
    created_at: datetime
    updated_at: datetime
    published_at: datetime | None


class ItemDetail(Item):
    """One learning item with its body: the Markdown source and its sanitised HTML."""

    body: dict[str, str]
    body_html: dict[str, str]
    prerequisites: list[uuid.UUID]


class ItemVersionOut(BaseModel):
    """One saved state of an item."""

    version: int
    status: ItemStatus
    content: ItemContent
    note: str | None
    changed_by: uuid.UUID | None
    changed_at: datetime


class ItemEvent(BaseModel):
    """Payload of `catalog.item.published` (also sent again when a published item changes) and
    `catalog.item.retired`."""

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
    version: int
    visibility: Visibility
    owner_org_id: uuid.UUID | None


class RatingIn(BaseModel):
    """A person's rating of an item, 1 (poor) to 5 (excellent), with an optional comment."""

    model_config = ConfigDict(extra="forbid")

    rating: Annotated[int, Field(ge=1, le=5)]
    comment: (
        Annotated[PlainText, StringConstraints(strip_whitespace=True, min_length=1, max_length=2000)] | None
    ) = None


class Rating(BaseModel):
    """A rating as others see it: no name, the comment and when it was written."""

    model_config = ConfigDict(from_attributes=True)

    rating: int
    comment: str | None
    created_at: datetime
    updated_at: datetime


class Completion(BaseModel):
    """A person marked an item as done; also the payload of `catalog.item.completed`."""

    model_config = ConfigDict(from_attributes=True)

    item_id: uuid.UUID
    person_id: uuid.UUID
    completed_at: datetime
