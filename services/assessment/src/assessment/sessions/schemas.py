"""API shapes of test sessions: starting, the current item, answers, progress."""

from __future__ import annotations

import uuid
from datetime import datetime
from enum import StrEnum
from typing import Annotated, Self

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

from assessment.frameworks.schemas import AREA_CODE_PATTERN, FRAMEWORK_KEY_PATTERN
from assessment.items.responses import ItemResponse
from assessment.items.schemas import LearnerItem
from assessment.sessions.models import MAX_TIME_MS
from kit.problems import Problem
from kit.text import LanguageCode

AreaCode = Annotated[str, StringConstraints(pattern=AREA_CODE_PATTERN)]


class SessionStatus(StrEnum):
    """Where a session is: being taken, paused (resume first), or finished (it has a result)."""

    in_progress = "in_progress"
    paused = "paused"
    finished = "finished"


class SessionStart(BaseModel):
    """What a learner starts a test with."""

    model_config = ConfigDict(extra="forbid")

    framework: Annotated[str, StringConstraints(pattern=FRAMEWORK_KEY_PATTERN, max_length=40)] = "digcomp-2.2"
    language: LanguageCode
    self_assessment: (
        Annotated[
            dict[AreaCode, Annotated[int, Field(ge=1, le=8)]],
            Field(max_length=20, description='Optional "I can…" rating per area, 1-8.'),
        ]
        | None
    ) = None


class Progress(BaseModel):
    """An honest share of the test done and the likely number of items left."""

    fraction: float = Field(ge=0, le=1)
    likely_remaining: int = Field(ge=0)
    answered: int = Field(ge=0)
    max_items: int = Field(ge=1)


class SessionView(BaseModel):
    """A session: status, language, how far it is."""

    id: uuid.UUID
    framework: str
    language: str
    status: SessionStatus
    answered: int = Field(description="Items answered or skipped.")
    position: int | None = Field(description="The position being answered next; null once finished.")
    progress: Progress
    started_at: datetime
    updated_at: datetime
    paused_at: datetime | None
    finished_at: datetime | None
    result_id: uuid.UUID | None = None


class CurrentItem(BaseModel):
    """The item at the current position, or `complete` when the engine has nothing more to ask."""

    position: int | None
    item: LearnerItem | None = Field(description="The item as the learner sees it (never the key).")
    complete: bool
    progress: Progress


class ResponseIn(BaseModel):
    """An answer to, or a skip of, the item served at a position: exactly one of `answer`, `skipped`."""

    model_config = ConfigDict(extra="forbid")

    item_id: uuid.UUID = Field(description="The id of the item version that was shown.")
    answer: ItemResponse | None = Field(
        default=None,
        description='As the item is answered: {"choice"}, {"choices"}, {"order"} or {"matches"}.',
    )
    skipped: bool | None = None
    time_ms: Annotated[int, Field(ge=0, le=MAX_TIME_MS, description="Active time on the item.")] | None = None

    @model_validator(mode="after")
    def _answer_or_skip(self) -> Self:
        if (self.answer is None) == (self.skipped is not True):
            raise ValueError("give either an answer or skipped: true")
        return self


class ResponseRecorded(BaseModel):
    """An answer was stored (whether it was right is shown only in the result's review)."""

    position: int
    recorded: bool = True
    progress: Progress


class RetakeCooldownProblem(Problem):
    """409 `retake-cooldown`: when the person may start the test again."""

    available_at: datetime
