"""API shapes of catalog search: the question (filters, sort, page) and the answer (cards, facets)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from enum import StrEnum
from typing import Literal

from pydantic import BaseModel, Field


class SortOrder(StrEnum):
    """How results are ordered (after the reader's language first)."""

    relevance = "relevance"
    newest = "newest"
    alphabetical = "title"
    duration = "duration"
    rating = "rating"


class DurationBucket(StrEnum):
    """Duration ranges of the duration filter and facet: up to 15 minutes, 16 to 60, over 60."""

    short = "short"
    medium = "medium"
    long = "long"


# Inclusive minute bounds of each bucket (None: unbounded).
DURATION_BOUNDS: dict[DurationBucket, tuple[int, int | None]] = {
    DurationBucket.short: (1, 15),
    DurationBucket.medium: (16, 60),
    DurationBucket.long: (61, None),
}


@dataclass(frozen=True)
class SearchQuery:
    """A search as the service reads it: every filter already validated by the router."""

    q: str = ""
    kinds: tuple[str, ...] = ()
    competences: tuple[str, ...] = ()
    level: int | None = None
    durations: tuple[DurationBucket, ...] = ()
    duration_max: int | None = None
    languages: tuple[str, ...] = ()
    accessibility: tuple[str, ...] = ()
    has_upcoming_session: bool | None = None
    sort: SortOrder | None = None
    reader_language: str | None = None
    limit: int = 20
    cursor: str | None = None


class SearchHit(BaseModel):
    """A result card: what a list of learning items shows, with every text in every language."""

    id: uuid.UUID
    slug: str
    kind: str
    title: dict[str, str]
    summary: dict[str, str]
    duration_minutes: int
    languages: list[str]
    competences: list[str]
    level_min: int
    level_max: int
    accessibility: list[str]
    rating_average: float | None = Field(description="Mean rating 1-5, two decimals; null when unrated.")
    rating_count: int
    has_upcoming_session: bool
    score: float | None = Field(None, description="Relevance to the query (only when there is a query).")


class FacetValue(BaseModel):
    """How many results one more filter value would give."""

    value: str
    count: int


class Facets(BaseModel):
    """Counts per filter value. Each facet counts the matches of every *other* filter (so the
    choices of one facet do not hide each other), except accessibility, whose choices all apply
    together: its counts are of the current results."""

    kind: list[FacetValue]
    competence: list[FacetValue]
    level: list[FacetValue]
    language: list[FacetValue]
    accessibility: list[FacetValue]
    duration: list[FacetValue]
    has_upcoming_session: list[FacetValue]


class SearchPage(BaseModel):
    """One page of search results, the count of all of them and the facets."""

    items: list[SearchHit]
    next_cursor: str | None = Field(description="Pass as `cursor` for the next page; null on the last.")
    total: int
    facets: Facets
    match: Literal["all", "any"] | None = Field(
        description="`all`: results contain every query word (or a variant of it); `any`: no item "
        "had them all, so results contain at least one. Null without a query."
    )
    language: str | None = Field(description="The reader's language, whose items come first.")
