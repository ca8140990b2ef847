"""HTTP routes of organisations."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Query, Response, status

from identity.organisations import service
from identity.organisations.schemas import (
    Organisation,
    OrganisationCreate,
    OrganisationEvent,
    OrganisationKind,
)
from kit.db import DbSession
from kit.pagination import Page, Pagination
from kit.problems import problem_responses

router = APIRouter(prefix="/organisations", tags=["organisations"])


def _page(rows: list[object], total: int, limit: int, offset: int) -> Page[Organisation]:
    return Page[Organisation](
        items=[Organisation.model_validate(row) for row in rows], total=total, limit=limit, offset=offset
    )


@router.get(
    "",
    response_model=Page[Organisation],
    responses=problem_responses(422),
    summary="List organisations",
)
async def list_organisations(
    session: DbSession,
    page: Pagination,
    parent_id: Annotated[uuid.UUID | None, Query(description="Only direct children of this one.")] = None,
    within: Annotated[
        uuid.UUID | None, Query(description="Only this organisation and everything under it.")
    ] = None,
    root: Annotated[
        bool | None, Query(description="`true`: only top-level organisations; `false`: only the others.")
    ] = None,
    kind: OrganisationKind | None = None,
    q: Annotated[
        str | None,
        Query(
            min_length=1,
            max_length=100,
            pattern=r"^[^\x00]*$",
            description="Case-insensitive part of the code or of the name in any language.",
        ),
    ] = None,
) -> Page[Organisation]:
    rows, total = await service.list_organisations(
        session,
        limit=page.limit,
        offset=page.offset,
        parent_id=parent_id,
        within=within,
        root=root,
        kind=kind,
        q=q,
    )
    return _page(list(rows), total, page.limit, page.offset)


@router.post(
    "",
    response_model=Organisation,
    status_code=status.HTTP_201_CREATED,
    responses={
        200: {"model": Organisation, "description": "The same organisation existed already"},
        **problem_responses(400, 409, 413, 422),
    },
    summary="Create an organisation (idempotent by code)",
)
async def create_organisation(
    data: OrganisationCreate, session: DbSession, response: Response
) -> Organisation:
    organisation, created = await service.create_organisation(session, data)
    if not created:
        response.status_code = status.HTTP_200_OK
    return Organisation.model_validate(organisation)


@router.get(
    "/{organisation_id}",
    response_model=Organisation,
    responses=problem_responses(404, 422),
    summary="Get one organisation",
)
async def get_organisation(organisation_id: uuid.UUID, session: DbSession) -> Organisation:
    return Organisation.model_validate(await service.get_organisation(session, organisation_id))


@router.get(
    "/{organisation_id}/children",
    response_model=Page[Organisation],
    responses=problem_responses(404, 422),
    summary="List an organisation's direct children",
)
async def list_children(
    organisation_id: uuid.UUID, session: DbSession, page: Pagination
) -> Page[Organisation]:
    rows, total = await service.list_children(session, organisation_id, limit=page.limit, offset=page.offset)
    return _page(list(rows), total, page.limit, page.offset)


webhooks = APIRouter()


@webhooks.post(service.CREATED, summary="An organisation was created")
def organisation_created(event: OrganisationEvent) -> None:
    """Sent to subscribers when an organisation is added to the tree."""
