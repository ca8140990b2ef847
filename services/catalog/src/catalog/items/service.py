"""Learning item logic: create (idempotent by slug), change (each change a new version), import by
external id, read and list by what the caller may see. Status changes live in `workflow.py`."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from decimal import Decimal
from typing import Any, Literal

from pydantic import ValidationError
from sqlalchemy import ColumnElement, and_, func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from catalog.database import events
from catalog.items import access, markdown
from catalog.items.models import LearningItem, LearningItemVersion
from catalog.items.schemas import ItemContent, ItemCreate, ItemEvent, ItemPatch, ItemStatus, Visibility
from catalog.search.indexing import index_words, item_words, search_fields
from catalog.search.text import fold
from kit.auth import Principal
from kit.db import insert_once
from kit.events.outbox import publish
from kit.problems import Conflict, Invalid, NotFound

PUBLISHED = "catalog.item.published"
RETIRED = "catalog.item.retired"
COMPLETED = "catalog.item.completed"

Outcome = Literal["created", "updated", "unchanged"]
_CONTENT_FIELDS = tuple(ItemContent.model_fields)
CENT = Decimal("0.01")


def content_of(item: LearningItem) -> ItemContent:
    """The editable fields of an item as it is now."""
    return ItemContent.model_validate({name: getattr(item, name) for name in _CONTENT_FIELDS})


def snapshot(content: ItemContent) -> dict[str, Any]:
    """The JSON a version keeps (and what two contents are compared by)."""
    return content.model_dump(mode="json")


def normalized(content: ItemContent) -> ItemContent:
    """The content as stored: sets sorted, tags by code, repeated prerequisites dropped, cents."""
    source = content.model_dump(include=set(_CONTENT_FIELDS))
    source.update(
        languages=sorted(set(content.languages)),
        accessibility=sorted({feature.value for feature in content.accessibility}),
        competence_levels=sorted(
            (tag.model_dump() for tag in content.competence_levels), key=lambda tag: tag["code"]
        ),
        prerequisites=list(dict.fromkeys(content.prerequisites)),
        cost_eur=content.cost_eur.quantize(CENT),
    )
    return ItemContent.model_validate(source)


def columns(content: ItemContent) -> dict[str, Any]:
    """The item's columns for normalized content: derived tags, rendered bodies, search texts."""
    tags = [tag.model_dump() for tag in content.competence_levels]
    bodies = {language: markdown.plain_text(source) for language, source in content.body.items()}
    return {
        "kind": content.kind.value,
        "title": dict(content.title),
        "summary": dict(content.summary),
        "body": dict(content.body),
        "body_html": markdown.render_all(content.body),
        "url": str(content.url) if content.url else None,
        "duration_minutes": content.duration_minutes,
        "format": content.format.value,
        "provider": content.provider,
        "licence": content.licence,
        "cost_eur": content.cost_eur,
        "languages": list(content.languages),
        "accessibility": [feature.value for feature in content.accessibility],
        "competence_levels": tags,
        "competences": [tag["code"] for tag in tags],
        "level_min": min((tag["level_min"] for tag in tags), default=1),
        "level_max": max((tag["level_max"] for tag in tags), default=8),
        "prerequisites": list(content.prerequisites),
        "external_id": content.external_id,
        "visibility": content.visibility.value,
        **search_fields(
            content.title,
            [content.summary, bodies, content.provider, " ".join(tag["code"] for tag in tags)],
        ),
    }


def content_from(data: ItemContent) -> ItemContent:
    """The content part of a create or update request, normalized."""
    return normalized(ItemContent.model_validate(data.model_dump(include=set(_CONTENT_FIELDS))))


async def announce(session: AsyncSession, event_type: str, item: LearningItem) -> None:
    """Put an item event in the outbox (the caller's transaction)."""
    payload = ItemEvent.model_validate(item, from_attributes=True).model_dump(mode="json")
    await publish(session, events, event_type, payload)


async def record_version(
    session: AsyncSession, item: LearningItem, by: Principal | None, note: str | None
) -> LearningItemVersion:
    """Keep the item as it is now (its `version` and `status`) in its history."""
    version = LearningItemVersion(
        item_id=item.id,
        version=item.version,
        status=item.status,
        content=snapshot(content_of(item)),
        note=note,
        changed_by=by.person_id if by else None,
    )
    session.add(version)
    await session.flush()
    return version


async def _check_references(
    session: AsyncSession,
    editor: Principal,
    content: ItemContent,
    owner_org_id: uuid.UUID | None,
    *,
    item_id: uuid.UUID | None = None,
    slug: str | None = None,
) -> None:
    """Invalid for an unowned private item and for bad prerequisites; Conflict for an external id
    another item of the same owner has."""
    if content.visibility is Visibility.organisation and owner_org_id is None:
        raise Invalid("A platform-wide item is public; only an organisation's own item can be private.")
    await _check_prerequisites(session, editor, set(content.prerequisites), item_id)
    if content.external_id is not None:
        query = select(LearningItem.id).where(
            _owned_by(owner_org_id), LearningItem.external_id == content.external_id
        )
        if item_id is not None:
            query = query.where(LearningItem.id != item_id)
        if slug is not None:
            query = query.where(LearningItem.slug != slug)
        if await session.scalar(query.limit(1)) is not None:
            raise Conflict(f"Another item of the same owner has the external id '{content.external_id}'.")


async def _check_prerequisites(
    session: AsyncSession, editor: Principal, wanted: set[uuid.UUID], item_id: uuid.UUID | None
) -> None:
    """Every prerequisite is an item the editor sees, and none leads back to the item itself."""
    if not wanted:
        return
    if item_id is not None and item_id in wanted:
        raise Invalid("An item cannot be its own prerequisite.")
    found = set(
        await session.scalars(
            select(LearningItem.id).where(LearningItem.id.in_(wanted), access.visible_filter(editor))
        )
    )
    unknown = sorted(str(i) for i in wanted - found)
    if unknown:
        raise Invalid(f"No learning item has the prerequisite id {', '.join(unknown)}.")
    if item_id is None:
        return  # nothing can name a new item yet, so it closes no cycle
    seen, frontier = set(wanted), set(wanted)
    while frontier:
        rows = await session.scalars(select(LearningItem.prerequisites).where(LearningItem.id.in_(frontier)))
        frontier = {i for row in rows for i in row} - seen
        if item_id in frontier:
            raise Invalid("These prerequisites would make the item a prerequisite of itself.")
        seen |= frontier


async def create_item(
    session: AsyncSession, editor: Principal, data: ItemCreate
) -> tuple[LearningItem, bool]:
    """A new item as a draft version 1; the same request again returns it (created=False)."""
    owner_org_id = access.owner_org(editor, data.owner)
    content = content_from(data)
    await _check_references(session, editor, content, owner_org_id, slug=data.slug)
    values = {"slug": data.slug, "owner_org_id": owner_org_id, **columns(content)}
    item, created = await insert_once(
        session,
        LearningItem,
        "slug",
        values,
        defaults={
            "id": uuid.uuid4(),
            "status": ItemStatus.draft.value,
            "version": 1,
            "created_by": editor.person_id,
        },
        conflict=f"An item with slug '{data.slug}' already exists with other content.",
    )
    if created:
        await record_version(session, item, editor, None)
        await index_words(session, item_words(values))
    else:
        access.check_read(editor, item)
    return item, created


async def locked_item(session: AsyncSession, item_id: uuid.UUID) -> LearningItem:
    """The item, locked until the transaction ends (one change at a time), or NotFound."""
    item = await session.get(LearningItem, item_id, with_for_update=True, populate_existing=True)
    if item is None:
        raise NotFound("No learning item has this id.")
    return item


async def _version_row(session: AsyncSession, item_id: uuid.UUID, number: int) -> LearningItemVersion | None:
    return await session.scalar(
        select(LearningItemVersion).where(
            LearningItemVersion.item_id == item_id, LearningItemVersion.version == number
        )
    )


async def _is_retry(
    session: AsyncSession,
    item: LearningItem,
    editor: Principal,
    new: dict[str, Any],
    base: int,
    note: str | None,
) -> bool:
    """The newest version is exactly this change, made by this editor from `base`: a retried request."""
    if base != item.version - 1:
        return False
    head = await _version_row(session, item.id, item.version)
    return (
        head is not None
        and head.changed_by == editor.person_id
        and head.note == note
        and head.content == new
        and head.status == item.status
    )


async def apply_change(
    session: AsyncSession,
    editor: Principal,
    item: LearningItem,
    content: ItemContent,
    *,
    note: str | None,
) -> LearningItem:
    """Write new content to a locked item as its next version, keeping its status.

    A published item stays published (learners keep their link; the change is announced again
    with `catalog.item.published`), as an editor correcting a live course expects.
    """
    if item.status == ItemStatus.retired.value:
        raise Conflict("A retired item cannot change; create a new item instead.")
    await _check_references(session, editor, content, item.owner_org_id, item_id=item.id)
    values = columns(content)
    for name, value in values.items():
        setattr(item, name, value)
    item.version += 1
    await session.flush()
    await session.refresh(item)
    await record_version(session, item, editor, note)
    await index_words(session, item_words(values))
    if item.status == ItemStatus.published.value:
        await announce(session, PUBLISHED, item)
    return item


async def update_item(
    session: AsyncSession,
    editor: Principal,
    item_id: uuid.UUID,
    data: ItemContent,
    *,
    base_version: int,
    note: str | None = None,
) -> tuple[LearningItem, bool]:
    """Replace an item's content from `base_version` (Conflict when newer exists); (item, changed).

    Saving what is already there changes nothing, and an identical retry returns the version it
    made, so a client that lost the answer may safely send again.
    """
    item = await locked_item(session, item_id)
    access.check_edit(editor, item)
    content = content_from(data)
    new = snapshot(content)
    if base_version == item.version and new == snapshot(content_of(item)):
        return item, False
    if await _is_retry(session, item, editor, new, base_version, note):
        return item, False
    if base_version != item.version:
        raise Conflict(
            f"The item changed since version {base_version}: its newest version is {item.version}. "
            "Reload it and apply the change again."
        )
    return await apply_change(session, editor, item, content, note=note), True


async def patch_item(
    session: AsyncSession, editor: Principal, item_id: uuid.UUID, patch: ItemPatch
) -> tuple[LearningItem, bool]:
    """Change some fields of an item (the others as they are); see `update_item`."""
    item = await locked_item(session, item_id)
    access.check_edit(editor, item)
    merged = {**snapshot(content_of(item)), **patch.changes()}
    try:
        content = ItemContent.model_validate(merged)
    except ValidationError as exc:
        raise Invalid(_reasons(exc)) from exc
    return await update_item(
        session, editor, item_id, content, base_version=patch.base_version, note=patch.note
    )


def _reasons(exc: ValidationError) -> str:
    return "; ".join(
        f"{'.'.join(str(part) for part in error['loc']) or 'item'}: {error['msg']}"
        for error in exc.errors()[:5]
    )


def _owned_by(owner_org_id: uuid.UUID | None) -> ColumnElement[bool]:
    """Items of this owner (None: platform-wide), as the unique external-id index reads it."""
    return func.coalesce(LearningItem.owner_org_id, _NO_OWNER) == (owner_org_id or _NO_OWNER)


# Stands for "no owner" in the unique index on (owner, external id), where NULLs would not clash.
_NO_OWNER = uuid.UUID(int=0)


async def upsert_by_external_id(
    session: AsyncSession, editor: Principal, data: ItemCreate
) -> tuple[LearningItem, Outcome]:
    """Create or update the item with `data.external_id` among the items of `data.owner` (for CSV
    imports): "created" (a draft, as `create_item`), "updated" (a new version, status kept: a
    published item stays published and is announced again) or "unchanged" (the same content).

    The owner is resolved as on create (`access.owner_org`: the editor's ministry or platform).
    An existing item keeps its slug (the external id is the key). Raises Invalid without an
    external id, Forbidden/NotFound for an item the editor may not change, Conflict for a retired
    one or a slug another item has.
    """
    if data.external_id is None:
        raise Invalid("An imported item needs an external id.")
    owner_org_id = access.owner_org(editor, data.owner)
    existing = await session.scalar(
        select(LearningItem)
        .where(_owned_by(owner_org_id), LearningItem.external_id == data.external_id)
        .with_for_update()
        .execution_options(populate_existing=True)
    )
    if existing is None:
        item, created = await create_item(session, editor, data)
        return item, "created" if created else "unchanged"
    access.check_edit(editor, existing)
    content = content_from(data)
    if snapshot(content) == snapshot(content_of(existing)):
        return existing, "unchanged"
    return await apply_change(session, editor, existing, content, note="Imported"), "updated"


async def get_item(session: AsyncSession, principal: Principal | None, item_id: uuid.UUID) -> LearningItem:
    """One item the caller may read, or NotFound."""
    item = await session.get(LearningItem, item_id)
    if item is None:
        raise NotFound("No learning item has this id.")
    access.check_read(principal, item)
    return item


async def editable_item(
    session: AsyncSession, principal: Principal | None, item_id: uuid.UUID
) -> LearningItem:
    """An item the caller may change (404 when they cannot read it, 403 when only that)."""
    item = await session.get(LearningItem, item_id)
    if item is None:
        raise NotFound("No learning item has this id.")
    access.check_edit(principal, item)
    return item


async def list_items(
    session: AsyncSession,
    principal: Principal | None,
    *,
    limit: int,
    offset: int,
    statuses: Sequence[ItemStatus],
    kind: str | None = None,
    language: str | None = None,
    competence: str | None = None,
    text: str | None = None,
    editable: bool = False,
) -> tuple[list[LearningItem], int]:
    """A page of the items with these statuses the caller may read, newest first, and the total.

    Published and retired items: those visible to the caller. Drafts and items in review: those
    the caller may edit (the review queue is `in_review`). `editable` keeps only the items the
    caller may edit; `text` keeps those whose texts (any language, diacritics ignored) contain it.
    """
    offered = [s.value for s in statuses if s.value in access.READABLE]
    pending = [s.value for s in statuses if s.value not in access.READABLE]
    allowed = []
    if offered:
        allowed.append(and_(LearningItem.status.in_(offered), access.visible_filter(principal)))
    if pending:
        allowed.append(and_(LearningItem.status.in_(pending), access.editable_filter(principal)))
    query = select(LearningItem).where(or_(*allowed))
    if kind:
        query = query.where(LearningItem.kind == kind)
    if language:
        query = query.where(LearningItem.languages.contains([language]))
    if competence:
        query = query.where(LearningItem.competences.contains([competence]))
    if editable:
        query = query.where(access.editable_filter(principal))
    if text:
        pattern = "%" + fold(text).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        query = query.where(
            or_(
                LearningItem.search_title.like(pattern),
                LearningItem.search_text.like(pattern),
                LearningItem.slug.ilike(pattern),
                LearningItem.external_id.ilike(pattern),
            )
        )
    total = await session.scalar(select(func.count()).select_from(query.subquery()))
    rows = await session.scalars(
        query.order_by(LearningItem.created_at.desc(), LearningItem.id).limit(limit).offset(offset)
    )
    return list(rows), total or 0


async def list_versions(
    session: AsyncSession, editor: Principal | None, item_id: uuid.UUID
) -> list[LearningItemVersion]:
    """Every version of an item the caller may edit, oldest first."""
    await editable_item(session, editor, item_id)
    rows = await session.scalars(
        select(LearningItemVersion)
        .where(LearningItemVersion.item_id == item_id)
        .order_by(LearningItemVersion.version)
    )
    return list(rows)


async def get_version(
    session: AsyncSession, editor: Principal | None, item_id: uuid.UUID, number: int
) -> LearningItemVersion:
    """One version of an item the caller may edit, or NotFound."""
    await editable_item(session, editor, item_id)
    version = await _version_row(session, item_id, number)
    if version is None:
        raise NotFound(f"This item has no version {number}.")
    return version
