"""HTTP routes of results: a person's own, and a sharing person's for their direct supervisor."""

from __future__ import annotations

import uuid

from fastapi import APIRouter

from assessment.results import service
from assessment.results.schemas import ResultDetail, ResultListItem
from kit.auth import CurrentPrincipal
from kit.db import DbSession
from kit.pagination import Page, Pagination
from kit.problems import problem_responses

router = APIRouter(tags=["results"])


@router.get(
    "/results",
    response_model=Page[ResultListItem],
    responses=problem_responses(401, 422),
    summary="List my results, newest first, with growth since the previous one",
)
async def list_my_results(
    principal: CurrentPrincipal, session: DbSession, page: Pagination
) -> Page[ResultListItem]:
    if principal.person_id is None:
        return Page[ResultListItem](items=[], total=0, limit=page.limit, offset=page.offset)
    items, total = await service.list_results(
        session, principal.person_id, limit=page.limit, offset=page.offset
    )
    return Page[ResultListItem](items=items, total=total, limit=page.limit, offset=page.offset)


@router.get(
    "/results/{result_id}",
    response_model=ResultDetail,
    responses=problem_responses(401, 404, 422),
    summary="Get one of my results with the review of every answered item",
)
async def get_result(result_id: uuid.UUID, principal: CurrentPrincipal, session: DbSession) -> ResultDetail:
    return await service.get_result(session, principal, result_id)


@router.get(
    "/people/{person_id}/results",
    response_model=Page[ResultListItem],
    responses=problem_responses(401, 404, 422),
    summary="List a person's results: for themselves, or their direct supervisor when they share",
)
async def list_person_results(
    person_id: uuid.UUID, principal: CurrentPrincipal, session: DbSession, page: Pagination
) -> Page[ResultListItem]:
    readable = await service.readable_person(session, principal, person_id)
    items, total = await service.list_results(session, readable, limit=page.limit, offset=page.offset)
    return Page[ResultListItem](items=items, total=total, limit=page.limit, offset=page.offset)
