"""HTTP routes of learning items."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Response, status

from catalog.items import service
from catalog.items.schemas import Item, ItemCreate, ItemEvent, ItemKind, ItemStatus
from kit.auth import Principal, require_roles
from kit.db import DbSession
from kit.pagination import Page, Pagination
from kit.problems import problem_responses
from kit.text import LanguageCode

router = APIRouter(prefix="/items", tags=["items"])


@router.get("", response_model=Page[Item], responses=problem_responses(422), summary="List learning items")
async def list_items(
    session: DbSession,
    page: Pagination,
    kind: ItemKind | None = None,
    language: Annotated[
        LanguageCode | None, Query(description="Only items offered in this language.")
    ] = None,
    competence: Annotated[
        str | None, Query(pattern=r"^[1-9]\.[1-9]$", description="DigComp competence code, e.g. `1.1`.")
    ] = None,
    item_status: Annotated[ItemStatus, Query(alias="status")] = ItemStatus.published,
) -> Page[Item]:
    items, total = await service.list_items(
        session,
        limit=page.limit,
        offset=page.offset,
        status=item_status,
        kind=kind.value if kind else None,
        language=language,
        competence=competence,
    )
    return Page[Item](
        items=[Item.model_validate(i) for i in items], total=total, limit=page.limit, offset=page.offset
    )


# Writing the catalog is for content editors (and platform admins); reading it is public.
Editor = Annotated[Principal, Depends(require_roles("content_editor"))]


@router.post(
    "",
    response_model=Item,
    status_code=status.HTTP_201_CREATED,
    responses={
        200: {"model": Item, "description": "The same item existed already"},
        **problem_responses(400, 401, 403, 409, 413, 422),
    },
    summary="Create a learning item (idempotent by slug; content editors)",
)
async def create_item(data: ItemCreate, session: DbSession, response: Response, editor: Editor) -> Item:
    item, created = await service.create_item(session, data)
    if not created:
        response.status_code = status.HTTP_200_OK
    return Item.model_validate(item)


@router.get(
    "/{item_id}", response_model=Item, responses=problem_responses(404, 422), summary="Get one learning item"
)
async def get_item(item_id: uuid.UUID, session: DbSession) -> Item:
    return Item.model_validate(await service.get_item(session, item_id))


@router.post(
    "/{item_id}/retire",
    response_model=Item,
    responses=problem_responses(401, 403, 404, 422),
    summary="Retire a learning item (idempotent; content editors)",
)
async def retire_item(item_id: uuid.UUID, session: DbSession, editor: Editor) -> Item:
    return Item.model_validate(await service.retire_item(session, item_id))


webhooks = APIRouter()


@webhooks.post(service.PUBLISHED, summary="A learning item was published")
def item_published(event: ItemEvent) -> None:
    """Sent to subscribers when an item becomes available."""


@webhooks.post(service.RETIRED, summary="A learning item was retired")
def item_retired(event: ItemEvent) -> None:
    """Sent to subscribers when an item is withdrawn from the catalog."""
