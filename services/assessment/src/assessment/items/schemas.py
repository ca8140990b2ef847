"""API shapes of the item bank: what editors send and read, and the item as a learner sees it."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from assessment.frameworks.schemas import FRAMEWORK_KEY_PATTERN
from assessment.items.content import Answer, Interaction, ItemDocument, ItemType
from assessment.items.models import VersionStatus
from assessment.items.responses import ItemResponse

Note = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=2000)]
VersionNumber = Annotated[int, Field(ge=1, le=1_000_000)]


class ItemCreate(ItemDocument):
    """A new item: its document, the framework version it measures, and an optional note."""

    framework: Annotated[str, StringConstraints(pattern=FRAMEWORK_KEY_PATTERN, max_length=40)]
    note: Note | None = None


class ItemChange(ItemDocument):
    """A new version of an item; `base_version` is the version the editor changed (lost-update guard)."""

    base_version: VersionNumber
    note: Note | None = None


class Transition(BaseModel):
    """An optional guard: act only if the item's newest version is still `version`."""

    model_config = ConfigDict(extra="forbid")

    version: VersionNumber | None = None


class Rejection(Transition):
    """Why a version goes back to its author."""

    comment: Note


class ItemVersionOut(BaseModel):
    """One version of an item, with its whole document (answer key included) and its audit trail."""

    id: uuid.UUID
    version: int
    status: VersionStatus
    document: ItemDocument
    languages: list[str]
    author: uuid.UUID | None
    note: str | None
    submitted_by: uuid.UUID | None
    submitted_at: datetime | None
    reviewer: uuid.UUID | None = Field(description="Who decided last: published or rejected it.")
    reviewed_at: datetime | None
    rejected_by: uuid.UUID | None
    rejected_at: datetime | None
    review_comment: str | None = Field(description="Why it was last sent back to draft.")
    retired_by: uuid.UUID | None
    retired_at: datetime | None
    created_at: datetime


class ItemSummary(BaseModel):
    """An item in the bank list: its newest version's status, type, level, languages and stem."""

    id: uuid.UUID
    key: str
    framework: str
    competence: str
    area: str
    status: VersionStatus = Field(description="The status of the newest version.")
    head_version: int
    active_version: int | None = Field(description="The version learners are served, if any.")
    type: ItemType
    interaction: Interaction | None
    level: int
    languages: list[str] = Field(description="The languages the newest version is complete in.")
    stem: dict[str, str]
    created_by: uuid.UUID | None
    created_at: datetime
    updated_at: datetime


class ItemDetail(ItemSummary):
    """An item with its newest version in full."""

    head: ItemVersionOut


class _Shown(BaseModel):
    # Rendered by the service, never sent by a client: a field the model lacks is a rendering bug.
    model_config = ConfigDict(extra="forbid", populate_by_name=True)


class LearnerChoice(_Shown):
    """An option or a category, in the learner's language."""

    key: str
    text: str


class LearnerLink(_Shown):
    """A link as shown (`text`) and where it really goes (`url`)."""

    text: str
    url: str


class LearnerEmailStimulus(_Shown):
    """An e-mail message, in the learner's language."""

    kind: Literal["email"]
    from_: str = Field(alias="from")
    to: str | None = None
    subject: str
    body: str
    links: list[LearnerLink] = []
    attachments: list[str] = []


class LearnerChatMessage(_Shown):
    """One message of a chat; `author` is a (fictional) name as shown."""

    author: str
    text: str


class LearnerChatStimulus(_Shown):
    """A chat or channel conversation, in the learner's language."""

    kind: Literal["chat"]
    title: str | None = None
    messages: list[LearnerChatMessage]


class LearnerShareDialogStimulus(_Shown):
    """A dialog for sharing a document, in the learner's language."""

    kind: Literal["share_dialog"]
    document: str
    title: str
    description: str


class LearnerSearchResult(_Shown):
    """One search result, in the learner's language."""

    title: str
    url: str
    snippet: str


class LearnerSearchStimulus(_Shown):
    """A search query and its results, in the learner's language."""

    kind: Literal["search"]
    query: str
    results: list[LearnerSearchResult]


class LearnerDocumentStimulus(_Shown):
    """An excerpt of a document (a table is given as lines), in the learner's language."""

    kind: Literal["document"]
    title: str
    body: str


class LearnerSetting(_Shown):
    """One line of a settings panel, in the learner's language."""

    label: str
    value: str


class LearnerSettingsStimulus(_Shown):
    """A panel of current settings, in the learner's language."""

    kind: Literal["settings"]
    title: str
    settings: list[LearnerSetting]


# The stimulus kinds of `items.stimulus`, with each `{language: text}` field as its one text.
LearnerStimulus = Annotated[
    LearnerEmailStimulus
    | LearnerChatStimulus
    | LearnerShareDialogStimulus
    | LearnerSearchStimulus
    | LearnerDocumentStimulus
    | LearnerSettingsStimulus,
    Field(discriminator="kind"),
]


class LearnerItem(_Shown):
    """An item version as the learner sees it: one language, options shuffled, no answer."""

    id: uuid.UUID = Field(description="The item version's id: a response refers to it.")
    type: ItemType
    interaction: Interaction | None
    language: str
    stem: str
    stimulus: LearnerStimulus | None = Field(
        description="The stimulus of docs/assessment.md with each text in the learner's language."
    )
    options: list[LearnerChoice]
    categories: list[LearnerChoice] | None


class ReviewedItem(LearnerItem):
    """An item as the review shows it: options in their written order, the key and why, the answer."""

    answer: Answer = Field(
        description='The key as the item stores it: "b", ["a", "c"], an order, or {option: category}.'
    )
    explanation: str
    response: ItemResponse | None = Field(description="The learner's answer; null when the item was skipped.")
    correct: bool | None = Field(description="Whether the answer was right; null when the item was skipped.")
