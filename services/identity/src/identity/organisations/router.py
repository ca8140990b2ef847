"""HTTP routes of organisations."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Query, Response, status

from identity.audit.service import record
from identity.organisations import service
from identity.organisations.schemas import (
    Organisation,
    OrganisationCreate,
    OrganisationEvent,
    OrganisationKind,
)
from identity.people.access import AnyCaller, Caller, PersonCaller
from kit.db import DbSession
from kit.pagination import Page, Pagination
from kit.problems import Forbidden, Invalid, NotFound, problem_responses

router = APIRouter(prefix="/organisations", tags=["organisations"])


def _page(rows: list[object], total: int, limit: int, offset: int) -> Page[Organisation]:
    return Page[Organisation](
        items=[Organisation.model_validate(row) for row in rows], total=total, limit=limit, offset=offset
    )


@router.get(
    "",
    response_model=Page[Organisation],
    responses=problem_responses(401, 422),
    summary="List organisations (a platform admin sees all; others their ministry and what they govern)",
)
async def list_organisations(
    caller: AnyCaller,
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
        reach=caller.organisation_roots(),
    )
    return _page(list(rows), total, page.limit, page.offset)


@router.post(
    "",
    response_model=Organisation,
    status_code=status.HTTP_201_CREATED,
    responses={
        200: {"model": Organisation, "description": "The same organisation existed already"},
        **problem_responses(400, 401, 403, 409, 413, 422),
    },
    summary="Create an organisation (idempotent by code; org admins of the parent, platform admins)",
)
async def create_organisation(
    data: OrganisationCreate, caller: PersonCaller, session: DbSession, response: Response
) -> Organisation:
    await _check_may_create(caller, session, data)
    organisation, created = await service.create_organisation(session, data)
    if not created:
        response.status_code = status.HTTP_200_OK
    else:
        await record(
            session,
            actor=caller.actor.id,
            actor_kind=caller.actor.kind,
            action="organisation.created",
            target_type="organisation",
            target_id=organisation.id,
            org_path=organisation.path,
            ip=caller.actor.ip,
            details={"code": organisation.code},
        )
    return Organisation.model_validate(organisation)


async def _check_may_create(caller: Caller, session: DbSession, data: OrganisationCreate) -> None:
    if data.parent_id is None:
        if not caller.is_platform_admin:
            raise Forbidden("Only platform administrators create top-level organisations.")
        return
    try:
        parent = await service.get_organisation(session, data.parent_id, caller.organisation_roots())
    except NotFound:
        # The same answer as for an unknown parent: nobody learns what exists outside their reach.
        raise Invalid("parent_id: no organisation has this id.") from None
    if not caller.administers(parent.path):
        raise Forbidden(
            "Only organisation admins of the parent (or platform admins) add organisations under it."
        )


@router.get(
    "/{organisation_id}",
    response_model=Organisation,
    responses=problem_responses(401, 404, 422),
    summary="Get one organisation",
)
async def get_organisation(organisation_id: uuid.UUID, caller: AnyCaller, session: DbSession) -> Organisation:
    return Organisation.model_validate(
        await service.get_organisation(session, organisation_id, caller.organisation_roots())
    )


@router.get(
    "/{organisation_id}/children",
    response_model=Page[Organisation],
    responses=problem_responses(401, 404, 422),
    summary="List an organisation's direct children",
)
async def list_children(
    organisation_id: uuid.UUID, caller: AnyCaller, session: DbSession, page: Pagination
) -> Page[Organisation]:
    rows, total = await service.list_children(
        session, organisation_id, limit=page.limit, offset=page.offset, reach=caller.organisation_roots()
    )
    return _page(list(rows), total, page.limit, page.offset)


webhooks = APIRouter()


@webhooks.post(service.CREATED, summary="An organisation was created")
def organisation_created(event: OrganisationEvent) -> None:
    """Sent to subscribers when an organisation is added to the tree."""
