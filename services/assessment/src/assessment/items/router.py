"""HTTP routes of the item bank, for content editors (and platform admins)."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Body, Depends, Path, Query, Response, status

from assessment.frameworks.schemas import COMPETENCE_CODE_PATTERN, FRAMEWORK_KEY_PATTERN
from assessment.items import rendering, service, workflow
from assessment.items.content import Interaction, ItemType, document_of
from assessment.items.models import Item, ItemVersion, VersionStatus
from assessment.items.schemas import (
    ItemChange,
    ItemCreate,
    ItemDetail,
    ItemSummary,
    ItemVersionOut,
    LearnerItem,
    Rejection,
    Transition,
)
from assessment.items.service import ItemView
from kit.auth import Principal, require_roles
from kit.db import DbSession
from kit.pagination import Page, Pagination
from kit.problems import Forbidden, problem_responses
from kit.text import LanguageCode

router = APIRouter(prefix="/items", tags=["items"])


async def _editor(principal: Annotated[Principal, Depends(require_roles("content_editor"))]) -> uuid.UUID:
    # The audit trail names a person for every version and decision, never a machine client.
    if principal.person_id is None:
        raise Forbidden("Items are written and reviewed by people.")
    return principal.person_id


Editor = Annotated[uuid.UUID, Depends(_editor)]
ItemId = Annotated[uuid.UUID, Path(description="The item's id.")]
_LIST = problem_responses(401, 403, 422)
_READ = problem_responses(401, 403, 404, 422)
_CREATE = problem_responses(400, 401, 403, 409, 413, 422)
_WRITE = problem_responses(400, 401, 403, 404, 409, 413, 422)


def version_out(item: Item, version: ItemVersion) -> ItemVersionOut:
    """The API shape of one version."""
    return ItemVersionOut(
        id=version.id,
        version=version.version,
        status=VersionStatus(version.status),
        document=document_of(item, version),
        languages=version.languages,
        author=version.author,
        note=version.note,
        submitted_by=version.submitted_by,
        submitted_at=version.submitted_at,
        reviewer=version.reviewer,
        reviewed_at=version.reviewed_at,
        rejected_by=version.rejected_by,
        rejected_at=version.rejected_at,
        review_comment=version.review_comment,
        retired_by=version.retired_by,
        retired_at=version.retired_at,
        created_at=version.created_at,
    )


def _summary(view: ItemView) -> ItemSummary:
    item, head = view.item, view.head
    return ItemSummary(
        id=item.id,
        key=item.key,
        framework=view.framework_key,
        competence=item.competence_code,
        area=item.area_code,
        status=VersionStatus(head.status),
        head_version=item.head_version,
        active_version=view.active_version,
        type=ItemType(head.type),
        interaction=Interaction(head.interaction) if head.interaction else None,
        level=head.level,
        languages=head.languages,
        stem=head.content["stem"],
        created_by=item.created_by,
        created_at=item.created_at,
        updated_at=item.updated_at,
    )


def _detail(view: ItemView) -> ItemDetail:
    return ItemDetail(**_summary(view).model_dump(), head=version_out(view.item, view.head))


@router.get("", response_model=Page[ItemSummary], responses=_LIST, summary="List the item bank")
async def list_items(
    session: DbSession,
    page: Pagination,
    editor: Editor,
    item_status: Annotated[
        VersionStatus | None,
        Query(alias="status", description="The newest version's status (`active`: has a served version)."),
    ] = None,
    framework: Annotated[str | None, Query(pattern=FRAMEWORK_KEY_PATTERN, max_length=40)] = None,
    competence: Annotated[str | None, Query(pattern=COMPETENCE_CODE_PATTERN)] = None,
    item_type: Annotated[ItemType | None, Query(alias="type")] = None,
    level: Annotated[int | None, Query(ge=1, le=8)] = None,
    language: Annotated[
        LanguageCode | None, Query(description="Only items complete in this language.")
    ] = None,
    q: Annotated[
        str | None,
        Query(min_length=1, max_length=200, description="Text in a stem (any language) or the key."),
    ] = None,
) -> Page[ItemSummary]:
    views, total = await service.list_items(
        session,
        limit=page.limit,
        offset=page.offset,
        status=item_status,
        framework=framework,
        competence=competence,
        type_=item_type.value if item_type else None,
        level=level,
        language=language,
        text=q,
    )
    return Page[ItemSummary](
        items=[_summary(view) for view in views], total=total, limit=page.limit, offset=page.offset
    )


@router.post(
    "",
    response_model=ItemDetail,
    status_code=status.HTTP_201_CREATED,
    responses={200: {"model": ItemDetail, "description": "The same item existed already"}, **_CREATE},
    summary="Create an item: a draft version 1 (idempotent by key)",
)
async def create_item(data: ItemCreate, session: DbSession, response: Response, editor: Editor) -> ItemDetail:
    view, created = await service.create_item(session, data, editor)
    if not created:
        response.status_code = status.HTTP_200_OK
    return _detail(view)


@router.get(
    "/{item_id}", response_model=ItemDetail, responses=_READ, summary="Get an item and its newest version"
)
async def get_item(item_id: ItemId, session: DbSession, editor: Editor) -> ItemDetail:
    return _detail(await service.get_item(session, item_id))


@router.put(
    "/{item_id}",
    response_model=ItemDetail,
    responses=_WRITE,
    summary="Change an item: a new draft version (409 when `base_version` is not the newest)",
)
async def change_item(item_id: ItemId, change: ItemChange, session: DbSession, editor: Editor) -> ItemDetail:
    view, _ = await service.change_item(session, item_id, change, editor)
    return _detail(view)


@router.get(
    "/{item_id}/versions", response_model=list[ItemVersionOut], responses=_READ, summary="An item's versions"
)
async def list_versions(item_id: ItemId, session: DbSession, editor: Editor) -> list[ItemVersionOut]:
    item, versions = await service.list_versions(session, item_id)
    return [version_out(item, version) for version in versions]


@router.get(
    "/{item_id}/versions/{number}",
    response_model=ItemVersionOut,
    responses=_READ,
    summary="One version of an item",
)
async def get_version(
    item_id: ItemId, number: Annotated[int, Path(ge=1, le=1_000_000)], session: DbSession, editor: Editor
) -> ItemVersionOut:
    item, version = await service.get_version(session, item_id, number)
    return version_out(item, version)


GuardBody = Annotated[Transition | None, Body(description="Optionally, the newest version seen.")]


@router.post(
    "/{item_id}/submit", response_model=ItemDetail, responses=_WRITE, summary="Send the draft for review"
)
async def submit(item_id: ItemId, session: DbSession, editor: Editor, body: GuardBody = None) -> ItemDetail:
    return _detail(await workflow.submit(session, item_id, editor, body.version if body else None))


@router.post(
    "/{item_id}/publish",
    response_model=ItemDetail,
    responses=_WRITE,
    summary="Publish the version in review (not by its author); the previous one is superseded",
)
async def publish(item_id: ItemId, session: DbSession, editor: Editor, body: GuardBody = None) -> ItemDetail:
    return _detail(await workflow.publish(session, item_id, editor, body.version if body else None))


@router.post(
    "/{item_id}/reject",
    response_model=ItemDetail,
    responses=_WRITE,
    summary="Send the version in review back",
)
async def reject(item_id: ItemId, body: Rejection, session: DbSession, editor: Editor) -> ItemDetail:
    return _detail(await workflow.reject(session, item_id, editor, body.comment, body.version))


@router.post(
    "/{item_id}/retire", response_model=ItemDetail, responses=_WRITE, summary="Stop serving the item"
)
async def retire(item_id: ItemId, session: DbSession, editor: Editor, body: GuardBody = None) -> ItemDetail:
    return _detail(await workflow.retire(session, item_id, editor, body.version if body else None))


@router.get(
    "/{item_id}/preview",
    response_model=LearnerItem,
    responses=_READ,
    summary="The newest version exactly as a learner sees it (no answer)",
)
async def preview(
    item_id: ItemId,
    language: Annotated[LanguageCode, Query(description="The learner's language.")],
    session: DbSession,
    editor: Editor,
    seed: Annotated[int, Query(ge=0, le=2**31 - 1, description="The shuffle's seed.")] = 0,
) -> LearnerItem:
    view = await service.get_item(session, item_id)
    return rendering.for_learner(view.head, language, seed)
