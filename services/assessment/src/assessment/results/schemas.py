"""API shapes of results and of the `assessment.completed` event."""

from __future__ import annotations

import uuid
from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field

from assessment.items.schemas import ReviewedItem


class AreaLevel(BaseModel):
    """A measured level with its uncertainty: θ, its standard error and the 80 % level range."""

    code: str = Field(examples=["4"])
    level: int = Field(ge=1, le=8)
    level_low: int = Field(ge=1, le=8)
    level_high: int = Field(ge=1, le=8)
    theta: float
    se: float


class AreaResult(AreaLevel):
    """One area of a result, with how many scored items of it were answered."""

    answered: int = Field(ge=0)


class CompetenceLevel(AreaLevel):
    """A competence's measured level; `area` is the code of its area."""

    area: str = Field(examples=["4"])


class CompetenceResult(CompetenceLevel):
    """One competence of a result, with how many scored items of it were answered."""

    answered: int = Field(ge=0)


class Growth(BaseModel):
    """The change of one area since the person's previous result on the same framework."""

    code: str
    theta: float
    level: int


class ResultSummary(BaseModel):
    """A result without the per-item review."""

    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    session_id: uuid.UUID
    person_id: uuid.UUID
    framework: str
    language: str
    finished_at: datetime
    complete: bool = Field(description="Whether every area reached the precision target.")
    items_answered: int = Field(description="Scored items answered (skips and pretest items not counted).")
    areas: list[AreaResult]
    competences: list[CompetenceResult]


class ResultListItem(ResultSummary):
    """A result in a list, with the growth per area since the previous one (null for the first)."""

    growth: list[Growth] | None = None


class ReviewItem(BaseModel):
    """One answered item as the learner may now see it: the question, their answer, the key."""

    position: int
    skipped: bool
    correct: bool | None
    item: ReviewedItem


class ResultDetail(ResultSummary):
    """A result with the review of every answered item, in the session's language."""

    review: list[ReviewItem]


class AssessmentCompletedEvent(BaseModel):
    """Payload of `assessment.completed`."""

    person_id: uuid.UUID
    session_id: uuid.UUID
    result_id: uuid.UUID
    framework: str
    language: str
    finished_at: datetime
    complete: bool
    areas: list[AreaLevel]
    competences: list[CompetenceLevel]
    items_answered: int
