"""HTTP route of catalog search."""

from __future__ import annotations

import re
from typing import Annotated

from fastapi import APIRouter, Header, Query

from catalog.items.schemas import Accessibility, CompetenceCode, ItemKind
from catalog.search import service
from catalog.search.schemas import DurationBucket, SearchPage, SearchQuery, SortOrder
from kit.auth import OptionalPrincipal
from kit.db import DbSession
from kit.problems import problem_responses
from kit.text import LanguageCode

router = APIRouter(prefix="/search", tags=["search"])

_PRIMARY = re.compile(r"^[a-z]{2,3}$")


def reader_language(lang: str | None, accept_language: str | None) -> str | None:
    """The reader's language: `?lang=`, else the preferred one of Accept-Language (primary tag)."""
    if lang:
        return lang.split("-")[0]
    best: tuple[float, str] | None = None
    for entry in (accept_language or "").split(",")[:20]:
        tag, _, params = entry.strip().partition(";")
        primary = tag.strip().split("-")[0].lower()
        weight = 1.0
        if params.strip().startswith("q="):
            try:
                weight = float(params.strip()[2:])
            except ValueError:
                continue
        if _PRIMARY.match(primary) and weight > 0 and (best is None or weight > best[0]):
            best = (weight, primary)
    return best[1] if best else None


@router.get(
    "",
    response_model=SearchPage,
    responses=problem_responses(401, 422),
    summary="Search the catalog (public; signed-in readers also find their organisation's items)",
)
async def search(
    session: DbSession,
    principal: OptionalPrincipal,
    q: Annotated[
        str, Query(max_length=200, description="Words to find, in any language; typos are tolerated.")
    ] = "",
    kind: Annotated[list[ItemKind], Query(max_length=10, description="Any of these kinds.")] = [],  # noqa: B006
    competence: Annotated[
        list[CompetenceCode], Query(max_length=21, description="Any of these DigComp competences.")
    ] = [],  # noqa: B006
    level: Annotated[int | None, Query(ge=1, le=8, description="Items developing this level.")] = None,
    duration: Annotated[
        list[DurationBucket], Query(max_length=3, description="short ≤ 15 min, medium 16-60, long > 60.")
    ] = [],  # noqa: B006
    duration_max: Annotated[
        int | None, Query(ge=1, le=10_000, description="At most this many minutes.")
    ] = None,
    language: Annotated[
        list[LanguageCode], Query(max_length=20, description="Offered in any of these languages.")
    ] = [],  # noqa: B006
    accessibility: Annotated[
        list[Accessibility],
        Query(max_length=10, description="Having every one of these accessibility features."),
    ] = [],  # noqa: B006
    has_upcoming_session: Annotated[
        bool | None, Query(description="Workshops with (true) or without (false) a session ahead.")
    ] = None,
    sort: Annotated[
        SortOrder | None, Query(description="Default: relevance with a query, newest without.")
    ] = None,
    lang: Annotated[
        LanguageCode | None, Query(description="The reader's language (else Accept-Language).")
    ] = None,
    accept_language: Annotated[str | None, Header(max_length=500, include_in_schema=False)] = None,
    limit: Annotated[int, Query(ge=1, le=100, description="Results per page (1-100).")] = 20,
    cursor: Annotated[
        str | None, Query(max_length=2000, description="`next_cursor` of the previous page.")
    ] = None,
) -> SearchPage:
    query = SearchQuery(
        q=q,
        kinds=tuple(k.value for k in kind),
        competences=tuple(competence),
        level=level,
        durations=tuple(duration),
        duration_max=duration_max,
        languages=tuple(language),
        accessibility=tuple(a.value for a in accessibility),
        has_upcoming_session=has_upcoming_session,
        sort=sort,
        reader_language=reader_language(lang, accept_language),
        limit=limit,
        cursor=cursor,
    )
    return await service.search(session, query, principal)
