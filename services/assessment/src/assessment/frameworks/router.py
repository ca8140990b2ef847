"""HTTP routes of competence frameworks: public, cacheable reference data."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Path, Query, Response

from assessment.frameworks import service
from assessment.frameworks.schemas import (
    COMPETENCE_CODE_PATTERN,
    FRAMEWORK_KEY_PATTERN,
    AreaSummary,
    CompetenceDetail,
    FrameworkDetail,
    FrameworkStatus,
    FrameworkSummary,
)
from kit.db import DbSession
from kit.pagination import Page, Pagination
from kit.problems import problem_responses

router = APIRouter(prefix="/frameworks", tags=["frameworks"])

# Reference data changes only with a deployment, so browsers and the gateway may reuse it a while.
CACHE_CONTROL = "public, max-age=300"
_CACHED: dict[int | str, dict[str, Any]] = {
    200: {
        "headers": {
            "Cache-Control": {"description": "Reference data: cacheable.", "schema": {"type": "string"}}
        }
    }
}

FrameworkKey = Annotated[
    str,
    Path(
        pattern=FRAMEWORK_KEY_PATTERN,
        max_length=40,
        description="Framework version key, e.g. `digcomp-2.2`.",
        examples=["digcomp-2.2"],
    ),
]
CompetenceCode = Annotated[
    str,
    Path(pattern=COMPETENCE_CODE_PATTERN, description="Competence code, e.g. `2.4`.", examples=["2.4"]),
]


@router.get(
    "",
    response_model=Page[FrameworkSummary],
    responses={**_CACHED, **problem_responses(422)},
    summary="List competence framework versions",
)
async def list_frameworks(
    session: DbSession,
    page: Pagination,
    response: Response,
    framework_status: Annotated[
        FrameworkStatus | None, Query(alias="status", description="Only versions in this status.")
    ] = None,
) -> Page[FrameworkSummary]:
    frameworks, total = await service.list_frameworks(
        session, limit=page.limit, offset=page.offset, status=framework_status
    )
    response.headers["Cache-Control"] = CACHE_CONTROL
    return Page[FrameworkSummary](
        items=[FrameworkSummary.model_validate(f) for f in frameworks],
        total=total,
        limit=page.limit,
        offset=page.offset,
    )


@router.get(
    "/{key}",
    response_model=FrameworkDetail,
    responses={**_CACHED, **problem_responses(404, 422)},
    summary="Get a framework version with its areas, competences and levels",
)
async def get_framework(key: FrameworkKey, session: DbSession, response: Response) -> FrameworkDetail:
    framework = await service.get_framework(session, key)
    response.headers["Cache-Control"] = CACHE_CONTROL
    return FrameworkDetail.model_validate(framework)


@router.get(
    "/{key}/competences/{code}",
    response_model=CompetenceDetail,
    responses={**_CACHED, **problem_responses(404, 422)},
    summary="Get one competence of a framework version",
)
async def get_competence(
    key: FrameworkKey, code: CompetenceCode, session: DbSession, response: Response
) -> CompetenceDetail:
    competence = await service.get_competence(session, key, code)
    response.headers["Cache-Control"] = CACHE_CONTROL
    return CompetenceDetail(
        framework=key,
        code=competence.code,
        title=competence.title,
        description=competence.description,
        position=competence.position,
        area=AreaSummary.model_validate(competence.area),
    )
