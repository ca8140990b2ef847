"""Facet counts of a search, all in one statement over the text matches.

Each facet counts the matches of every *other* filter, so choosing one kind does not hide the
other kinds (disjunctive faceting: a facet's values are ORed). Accessibility features are ANDed
(a reader needing captions and a transcript wants both), so its own filter applies to its counts.
Either way, adding one facet value to the search gives exactly that value's count.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import CompoundSelect, Select, Text, and_, func, literal_column, not_, select, true, union_all
from sqlalchemy.sql.elements import ColumnElement

from catalog.items.models import LearningItem
from catalog.search.schemas import DURATION_BOUNDS, DurationBucket, Facets, FacetValue

LI = LearningItem
CONJUNCTIVE = frozenset({"accessibility"})
LEVELS = [str(level) for level in range(1, 9)]
MAX_MINUTES = 2**31 - 1


@dataclass(frozen=True)
class Counts:
    """The facets, the number of results, and the number of text matches before any filter."""

    facets: Facets
    total: int
    matches: int


def statement(
    scope: Sequence[ColumnElement[bool]],
    conditions: Mapping[str, ColumnElement[bool]],
    upcoming: ColumnElement[bool],
) -> CompoundSelect[Any]:
    """(facet, value, count) rows of every facet, plus `total` (every filter) and `matches` (none),
    over the items in `scope` (visible, matching the text)."""
    flags = [condition.label(f"f_{name}") for name, condition in conditions.items()]
    base = (
        select(
            LI.kind,
            LI.competences,
            LI.languages,
            LI.accessibility,
            LI.level_min,
            LI.level_max,
            LI.duration_minutes,
            upcoming.label("upcoming"),
            *flags,
        )
        .where(*scope)
        .cte("base")
        .prefix_with("MATERIALIZED")
    )

    def applying(facet: str | None) -> ColumnElement[bool]:
        names = [n for n in conditions if facet is None or n != facet or facet in CONJUNCTIVE]
        return and_(true(), *(base.c[f"f_{name}"] for name in names))

    # Fixed lists (levels, durations, upcoming, the totals) are counted in one pass; open lists
    # (kinds, and the values of the array columns) are grouped, each on its own.
    minutes = base.c.duration_minutes
    fixed: list[tuple[str, str, ColumnElement[bool]]] = [
        ("total", "", applying(None)),
        ("matches", "", true()),
        *(
            (
                "level",
                level,
                and_(applying("level"), base.c.level_min <= int(level), base.c.level_max >= int(level)),
            )
            for level in LEVELS
        ),
        *(
            (
                "duration",
                b.value,
                and_(applying("duration"), minutes >= low, minutes <= (high or MAX_MINUTES)),
            )
            for b, (low, high) in DURATION_BOUNDS.items()
        ),
        ("has_upcoming_session", "true", and_(applying("has_upcoming_session"), base.c.upcoming)),
        ("has_upcoming_session", "false", and_(applying("has_upcoming_session"), not_(base.c.upcoming))),
    ]
    tally = select(*(func.count().filter(c).label(f"n{i}") for i, (_, _, c) in enumerate(fixed))).cte("tally")
    parts: list[Select[Any, Any, Any]] = [
        select(_text(facet), _text(value), tally.c[f"n{i}"]) for i, (facet, value, _) in enumerate(fixed)
    ]
    for facet, column in [
        ("kind", base.c.kind),
        ("competence", base.c.competences),
        ("language", base.c.languages),
        ("accessibility", base.c.accessibility),
    ]:
        value = (column if facet == "kind" else func.unnest(column)).label("value")
        grouped = select(value).where(applying(facet)).subquery(f"{facet}_values")
        parts.append(select(_text(facet), grouped.c.value.cast(Text), func.count()).group_by(grouped.c.value))
    return union_all(*parts)


def _text(value: str) -> ColumnElement[str]:
    # A constant in the SQL itself (our own names, never input): typed, so the UNION's columns are.
    return literal_column("'" + value.replace("'", "''") + "'::text")


def _code_order(code: str) -> list[int]:
    return [int(part) if part.isdigit() else 0 for part in code.split(".")]


def counts(rows: Sequence[Any]) -> Counts:
    """The facets read from `statement`'s rows: open lists by count (competences by code), fixed
    lists (levels, durations, upcoming) in their own order with zeros."""
    by_facet: dict[str, dict[str, int]] = {}
    for facet, value, count in rows:
        by_facet.setdefault(facet, {})[value] = count

    def ranked(facet: str) -> list[FacetValue]:
        values = sorted(by_facet.get(facet, {}).items(), key=lambda item: (-item[1], item[0]))
        return [FacetValue(value=v, count=c) for v, c in values]

    def fixed(facet: str, values: Sequence[str]) -> list[FacetValue]:
        found = by_facet.get(facet, {})
        return [FacetValue(value=v, count=found.get(v, 0)) for v in values]

    competences = by_facet.get("competence", {})
    facets = Facets(
        kind=ranked("kind"),
        competence=[FacetValue(value=v, count=competences[v]) for v in sorted(competences, key=_code_order)],
        level=fixed("level", LEVELS),
        language=ranked("language"),
        accessibility=ranked("accessibility"),
        duration=fixed("duration", [b.value for b in DurationBucket]),
        has_upcoming_session=fixed("has_upcoming_session", ["true", "false"]),
    )
    return Counts(facets, by_facet.get("total", {}).get("", 0), by_facet.get("matches", {}).get("", 0))
