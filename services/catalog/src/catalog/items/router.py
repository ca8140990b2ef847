"""HTTP routes of learning items: reading, editing and the workflow, ratings, "mark as done"."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Path, Query, Response, status

from catalog.items import access, completions, ratings, service, workflow
from catalog.items.dependencies import CompetenceFilter, Editor
from catalog.items.models import LearningItem, LearningItemVersion
from catalog.items.schemas import (
    ChangeRequest,
    Completion,
    Item,
    ItemContent,
    ItemCreate,
    ItemDetail,
    ItemEvent,
    ItemKind,
    ItemPatch,
    ItemStatus,
    ItemUpdate,
    ItemVersionOut,
    Rating,
    RatingIn,
    Transition,
)
from catalog.items.workflow import Action
from kit.auth import CurrentPrincipal, OptionalPrincipal, Principal
from kit.db import DbSession
from kit.pagination import Page, Pagination
from kit.problems import Forbidden, Unauthorized, problem_responses
from kit.text import LanguageCode

router = APIRouter(prefix="/items", tags=["items"])


ItemId = Annotated[uuid.UUID, Path(description="The item's id.")]
_READ = problem_responses(404, 422)
_WRITE = problem_responses(400, 401, 403, 404, 409, 413, 422)
_PERSON = problem_responses(400, 401, 403, 404, 409, 422)


def detail(item: LearningItem) -> ItemDetail:
    """The API shape of one item."""
    return ItemDetail.model_validate(item)


def version_out(version: LearningItemVersion) -> ItemVersionOut:
    """The API shape of one version."""
    return ItemVersionOut(
        version=version.version,
        status=ItemStatus(version.status),
        content=ItemContent.model_validate(version.content),
        note=version.note,
        changed_by=version.changed_by,
        changed_at=version.changed_at,
    )


@router.get(
    "",
    response_model=Page[Item],
    responses=problem_responses(401, 403, 422),
    summary="List learning items (drafts and the review queue for their editors)",
)
async def list_items(
    session: DbSession,
    page: Pagination,
    principal: OptionalPrincipal,
    kind: ItemKind | None = None,
    language: Annotated[
        LanguageCode | None, Query(description="Only items offered in this language.")
    ] = None,
    competence: CompetenceFilter = None,
    statuses: Annotated[
        list[ItemStatus] | None,
        Query(
            alias="status",
            max_length=4,
            description="Statuses, repeatable (default `published`); `draft` and `in_review` list the "
            "items the caller may edit (`in_review` is the review queue).",
        ),
    ] = None,
    q: Annotated[
        str | None,
        Query(
            min_length=1,
            max_length=200,
            description="Text the item's title, summary, body, slug or external id contains (any "
            "language; case and diacritics ignored). For typo-tolerant ranked search use `/search`.",
        ),
    ] = None,
    editable: Annotated[bool, Query(description="Only items the caller may edit (editors' lists).")] = False,
) -> Page[Item]:
    wanted = statuses or [ItemStatus.published]
    if any(s.value not in access.READABLE for s in wanted) and not access.is_editor(principal):
        if principal is None:
            raise Unauthorized("Sign in to see drafts and items in review.")
        raise Forbidden("Drafts and items in review are for content editors.")
    items, total = await service.list_items(
        session,
        principal,
        limit=page.limit,
        offset=page.offset,
        statuses=wanted,
        kind=kind.value if kind else None,
        language=language,
        competence=competence,
        text=q,
        editable=editable,
    )
    return Page[Item](
        items=[Item.model_validate(i) for i in items], total=total, limit=page.limit, offset=page.offset
    )


@router.post(
    "",
    response_model=ItemDetail,
    status_code=status.HTTP_201_CREATED,
    responses={
        200: {"model": ItemDetail, "description": "The same item existed already"},
        **problem_responses(400, 401, 403, 409, 413, 422),
    },
    summary="Create a learning item as a draft (idempotent by slug; content editors)",
)
async def create_item(data: ItemCreate, session: DbSession, response: Response, editor: Editor) -> ItemDetail:
    item, created = await service.create_item(session, editor, data)
    if not created:
        response.status_code = status.HTTP_200_OK
    return detail(item)


@router.get("/{item_id}", response_model=ItemDetail, responses=_READ, summary="Get one learning item")
async def get_item(item_id: ItemId, session: DbSession, principal: OptionalPrincipal) -> ItemDetail:
    return detail(await service.get_item(session, principal, item_id))


@router.put(
    "/{item_id}",
    response_model=ItemDetail,
    responses=_WRITE,
    summary="Replace an item's content: a new version (409 when `base_version` is not the newest)",
)
async def update_item(item_id: ItemId, data: ItemUpdate, session: DbSession, editor: Editor) -> ItemDetail:
    item, _ = await service.update_item(
        session, editor, item_id, data, base_version=data.base_version, note=data.note
    )
    return detail(item)


@router.patch(
    "/{item_id}",
    response_model=ItemDetail,
    responses=_WRITE,
    summary="Change some fields of an item: a new version (409 when `base_version` is not the newest)",
)
async def patch_item(item_id: ItemId, data: ItemPatch, session: DbSession, editor: Editor) -> ItemDetail:
    item, _ = await service.patch_item(session, editor, item_id, data)
    return detail(item)


@router.get(
    "/{item_id}/versions",
    response_model=list[ItemVersionOut],
    responses=problem_responses(401, 403, 404, 422),
    summary="An item's versions, oldest first (its editors)",
)
async def list_versions(item_id: ItemId, session: DbSession, editor: Editor) -> list[ItemVersionOut]:
    return [version_out(v) for v in await service.list_versions(session, editor, item_id)]


@router.get(
    "/{item_id}/versions/{number}",
    response_model=ItemVersionOut,
    responses=problem_responses(401, 403, 404, 422),
    summary="One version of an item (its editors)",
)
async def get_version(
    item_id: ItemId, number: Annotated[int, Path(ge=1, le=1_000_000)], session: DbSession, editor: Editor
) -> ItemVersionOut:
    return version_out(await service.get_version(session, editor, item_id, number))


async def _move(
    session: DbSession, editor: Principal, item_id: uuid.UUID, action: Action, body: Transition | None
) -> ItemDetail:
    item = await workflow.transition(
        session,
        editor,
        item_id,
        action,
        base_version=body.base_version if body else None,
        note=body.note if body else None,
    )
    return detail(item)


@router.post(
    "/{item_id}/submit", response_model=ItemDetail, responses=_WRITE, summary="Send a draft for review"
)
async def submit_item(
    item_id: ItemId, session: DbSession, editor: Editor, body: Transition | None = None
) -> ItemDetail:
    return await _move(session, editor, item_id, Action.submit, body)


@router.post(
    "/{item_id}/publish",
    response_model=ItemDetail,
    responses=_WRITE,
    summary="Publish an item in review (announces `catalog.item.published`)",
)
async def publish_item(
    item_id: ItemId, session: DbSession, editor: Editor, body: Transition | None = None
) -> ItemDetail:
    return await _move(session, editor, item_id, Action.publish, body)


@router.post(
    "/{item_id}/request-changes",
    response_model=ItemDetail,
    responses=_WRITE,
    summary="Send an item in review back to draft, saying what to change",
)
async def request_changes(
    item_id: ItemId, body: ChangeRequest, session: DbSession, editor: Editor
) -> ItemDetail:
    return await _move(session, editor, item_id, Action.request_changes, Transition(**body.model_dump()))


@router.post(
    "/{item_id}/retire",
    response_model=ItemDetail,
    responses=_WRITE,
    summary="Retire a learning item for good (idempotent; announces `catalog.item.retired`)",
)
async def retire_item(
    item_id: ItemId, session: DbSession, editor: Editor, body: Transition | None = None
) -> ItemDetail:
    return await _move(session, editor, item_id, Action.retire, body)


@router.get(
    "/{item_id}/ratings",
    response_model=Page[Rating],
    responses=_READ,
    summary="An item's ratings and comments, newest first",
)
async def list_ratings(
    item_id: ItemId, session: DbSession, page: Pagination, principal: OptionalPrincipal
) -> Page[Rating]:
    rows, total = await ratings.list_ratings(
        session, principal, item_id, limit=page.limit, offset=page.offset
    )
    return Page[Rating](
        items=[Rating.model_validate(r) for r in rows], total=total, limit=page.limit, offset=page.offset
    )


@router.get(
    "/{item_id}/rating",
    response_model=Rating,
    responses=problem_responses(401, 403, 404, 422),
    summary="The caller's own rating of an item",
)
async def get_my_rating(item_id: ItemId, session: DbSession, principal: CurrentPrincipal) -> Rating:
    return Rating.model_validate(await ratings.my_rating(session, principal, item_id))


@router.put(
    "/{item_id}/rating",
    response_model=ItemDetail,
    responses=_PERSON,
    summary="Rate a published item 1-5, with an optional comment (one rating per person, editable)",
)
async def rate_item(
    item_id: ItemId, data: RatingIn, session: DbSession, principal: CurrentPrincipal
) -> ItemDetail:
    item, _ = await ratings.rate(session, principal, item_id, data)
    return detail(item)


@router.delete(
    "/{item_id}/rating",
    status_code=status.HTTP_204_NO_CONTENT,
    responses=problem_responses(401, 403, 404, 422),
    summary="Withdraw the caller's rating (idempotent)",
)
async def delete_rating(item_id: ItemId, session: DbSession, principal: CurrentPrincipal) -> Response:
    await ratings.unrate(session, principal, item_id)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.get(
    "/{item_id}/done",
    response_model=Completion,
    responses=problem_responses(401, 403, 404, 422),
    summary="When the caller marked an item as done (404 if they have not)",
)
async def get_done(item_id: ItemId, session: DbSession, principal: CurrentPrincipal) -> Completion:
    return Completion.model_validate(await completions.my_completion(session, principal, item_id))


@router.post(
    "/{item_id}/done",
    response_model=Completion,
    status_code=status.HTTP_201_CREATED,
    responses={200: {"model": Completion, "description": "Marked as done already"}, **_PERSON},
    summary="Mark a published item as done (idempotent; announces `catalog.item.completed` once)",
)
async def mark_done(
    item_id: ItemId, session: DbSession, response: Response, principal: CurrentPrincipal
) -> Completion:
    completion, created = await completions.mark_done(session, principal, item_id)
    if not created:
        response.status_code = status.HTTP_200_OK
    return Completion.model_validate(completion)


webhooks = APIRouter()


@webhooks.post(service.PUBLISHED, summary="A learning item was published, or a published item changed")
def item_published(event: ItemEvent) -> None:
    """Sent to subscribers when an item becomes available, and again with each change while it is."""


@webhooks.post(service.RETIRED, summary="A learning item was retired")
def item_retired(event: ItemEvent) -> None:
    """Sent to subscribers when an item is withdrawn from the catalog (for good)."""


@webhooks.post(service.COMPLETED, summary="A person marked a learning item as done")
def item_completed(event: Completion) -> None:
    """Sent to subscribers once per person and item, for pathways to count as progress."""
