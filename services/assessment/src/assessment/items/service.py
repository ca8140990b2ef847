"""Item bank logic: what is served, creating and changing items (each change a new version), reading."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Select, and_, exists, func, literal, or_, select, update
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased, contains_eager, defer

from assessment.frameworks.models import Competence, Framework
from assessment.items.content import ItemDocument, holds, version_columns
from assessment.items.models import Item, ItemVersion, VersionStatus
from assessment.items.schemas import ItemChange, ItemCreate
from kit.problems import Conflict, Invalid, NotFound

_PENDING = (VersionStatus.draft.value, VersionStatus.in_review.value)


@dataclass(frozen=True)
class ItemView:
    """An item with its newest version, the number of the version served, and its framework's key."""

    item: Item
    head: ItemVersion
    active_version: int | None
    framework_key: str


async def servable_versions(
    session: AsyncSession, framework_key: str, language: str, *, with_texts: bool = True
) -> list[ItemVersion]:
    """The active versions of a framework's items complete in `language`, with `item` loaded, by key.

    `with_texts=False` leaves the documents (content and answer) unloaded: choosing the next item
    needs only the parameters, and reading every document of the bank on every choice would not.
    """
    texts = (
        ()
        if with_texts
        else (defer(ItemVersion.content, raiseload=True), defer(ItemVersion.answer, raiseload=True))
    )
    rows = await session.scalars(
        select(ItemVersion)
        .join(Item, Item.id == ItemVersion.item_id)
        .join(Framework, Framework.id == Item.framework_id)
        .where(
            Framework.key == framework_key,
            ItemVersion.status == VersionStatus.active.value,
            ItemVersion.languages.contains([language]),
        )
        # The join that filters also fills `item`: sessions read its area and competence.
        .options(contains_eager(ItemVersion.item), *texts)
        .order_by(Item.key)
    )
    return list(rows)


async def framework_competence(session: AsyncSession, framework_key: str, code: str) -> uuid.UUID:
    """The id of a framework version that has this competence, or Invalid."""
    framework_id = await session.scalar(
        select(Framework.id)
        .join(Competence, Competence.framework_id == Framework.id)
        .where(Framework.key == framework_key, Competence.code == code)
    )
    if framework_id is None:
        raise Invalid(f"Framework '{framework_key}' has no competence '{code}'.")
    return framework_id


async def write_version(
    session: AsyncSession,
    item: Item | uuid.UUID,
    document: ItemDocument,
    *,
    status: VersionStatus,
    author: uuid.UUID | None,
    note: str | None,
) -> ItemVersion:
    """Write the next version of a locked item and make it its head (an id: a new item's version 1)."""
    number = 1 if isinstance(item, uuid.UUID) else item.head_version + 1
    version = ItemVersion(
        item_id=item if isinstance(item, uuid.UUID) else item.id,
        version=number,
        status=status.value,
        author=author,
        note=note,
        **version_columns(document),
    )
    session.add(version)
    if isinstance(item, Item):
        item.head_version = number
        item.updated_at = func.now()
    await session.flush()
    return version


async def insert_item(
    session: AsyncSession, framework_id: uuid.UUID, document: ItemDocument, author: uuid.UUID | None
) -> uuid.UUID | None:
    """Insert an item row whose version 1 comes next; None when the key exists (safe under races)."""
    item_id: uuid.UUID | None = await session.scalar(
        insert(Item)
        .values(
            id=uuid.uuid4(),
            key=document.key,
            framework_id=framework_id,
            competence_code=document.competence,
            area_code=document.competence.split(".")[0],
            head_version=1,
            created_by=author,
        )
        .on_conflict_do_nothing(index_elements=[Item.key])
        .returning(Item.id)
    )
    return item_id


async def create_item(
    session: AsyncSession, data: ItemCreate, author: uuid.UUID | None
) -> tuple[ItemView, bool]:
    """A new item as a draft version 1; the same document again gives the existing item (False)."""
    framework_id = await framework_competence(session, data.framework, data.competence)
    item_id = await insert_item(session, framework_id, data, author)
    if item_id is None:
        return await _existing(session, data, framework_id), False
    await write_version(session, item_id, data, status=VersionStatus.draft, author=author, note=data.note)
    return await get_item(session, item_id), True


async def _existing(session: AsyncSession, data: ItemCreate, framework_id: uuid.UUID) -> ItemView:
    item = await session.scalar(select(Item).where(Item.key == data.key))
    assert item is not None, "ON CONFLICT skipped the row, so it exists"
    first = await session.scalar(
        select(ItemVersion).where(ItemVersion.item_id == item.id, ItemVersion.version == 1)
    )
    same = (item.framework_id, item.competence_code) == (framework_id, data.competence)
    if not same or first is None or not holds(first, data) or first.note != data.note:
        raise Conflict(f"An item with the key '{data.key}' already exists with other content.")
    return await get_item(session, item.id)


async def change_item(
    session: AsyncSession, item_id: uuid.UUID, change: ItemChange, author: uuid.UUID
) -> tuple[ItemView, bool]:
    """A new draft version from a change of the newest one; an identical retry gives it back (False)."""
    item = await locked_item(session, item_id)
    if change.key != item.key or change.competence != item.competence_code:
        raise Invalid("An item's key and competence cannot change; write a new item instead.")
    head = await version_of(session, item.id, item.head_version)
    if change.base_version == item.head_version - 1 and _same_change(head, change, author):
        return await get_item(session, item.id), False
    if change.base_version != item.head_version:
        raise Conflict(
            f"The item changed since version {change.base_version}: its newest version is "
            f"{item.head_version}. Reload it and apply the change again."
        )
    # One pending version at a time: a new change replaces a draft or a version in review.
    await session.execute(
        update(ItemVersion)
        .where(ItemVersion.item_id == item.id, ItemVersion.status.in_(_PENDING))
        .values(status=VersionStatus.superseded.value)
    )
    await write_version(session, item, change, status=VersionStatus.draft, author=author, note=change.note)
    return await get_item(session, item.id), True


def _same_change(head: ItemVersion, change: ItemChange, author: uuid.UUID) -> bool:
    return head.author == author and head.note == change.note and holds(head, change)


async def locked_item(session: AsyncSession, item_id: uuid.UUID) -> Item:
    """The item, locked for update until the transaction ends (one change at a time), or NotFound."""
    item = await session.get(Item, item_id, with_for_update=True, populate_existing=True)
    if item is None:
        raise NotFound("No item has this id.")
    return item


async def version_of(session: AsyncSession, item_id: uuid.UUID, number: int) -> ItemVersion:
    """Version `number` of an item, or NotFound."""
    version = await session.scalar(
        select(ItemVersion).where(ItemVersion.item_id == item_id, ItemVersion.version == number)
    )
    if version is None:
        raise NotFound(f"This item has no version {number}.")
    return version


def active_number() -> Any:
    """The number of the item's active version (a correlated subquery on `Item`), or NULL."""
    served = aliased(ItemVersion)
    return (
        select(served.version)
        .where(served.item_id == Item.id, served.status == VersionStatus.active.value)
        .scalar_subquery()
    )


def _views() -> Select[tuple[Item, ItemVersion, int | None, str]]:
    return (
        select(Item, ItemVersion, active_number().label("active"), Framework.key)
        .join(ItemVersion, and_(ItemVersion.item_id == Item.id, ItemVersion.version == Item.head_version))
        .join(Framework, Framework.id == Item.framework_id)
    )


def _view(row: Any) -> ItemView:
    item, head, active, framework_key = row
    return ItemView(item=item, head=head, active_version=active, framework_key=framework_key)


async def get_item(session: AsyncSession, item_id: uuid.UUID) -> ItemView:
    """An item with its newest version, or NotFound."""
    row = (await session.execute(_views().where(Item.id == item_id))).one_or_none()
    if row is None:
        raise NotFound("No item has this id.")
    return _view(row)


async def list_items(
    session: AsyncSession, *, limit: int, offset: int, **filters: Any
) -> tuple[list[ItemView], int]:
    """A page of items by competence then key, filtered on their newest version, with the total."""
    query = _filtered(_views(), **filters)
    total = await session.scalar(select(func.count()).select_from(query.subquery()))
    rows = await session.execute(query.order_by(Item.competence_code, Item.key).limit(limit).offset(offset))
    return [_view(row) for row in rows], total or 0


def _filtered(
    query: Select[Any],
    *,
    status: VersionStatus | None = None,
    framework: str | None = None,
    competence: str | None = None,
    type_: str | None = None,
    level: int | None = None,
    language: str | None = None,
    text: str | None = None,
) -> Select[Any]:
    if status is VersionStatus.active:
        # An item being edited is still served: it is active while it has an active version.
        query = query.where(active_number().is_not(None))
    elif status is not None:
        query = query.where(ItemVersion.status == status.value)
    if framework is not None:
        query = query.where(Framework.key == framework)
    if competence is not None:
        query = query.where(Item.competence_code == competence)
    if type_ is not None:
        query = query.where(ItemVersion.type == type_)
    if level is not None:
        query = query.where(ItemVersion.level == level)
    if language is not None:
        query = query.where(ItemVersion.languages.contains([language]))
    if text:
        stems = func.jsonb_each_text(ItemVersion.content["stem"]).table_valued("key", "value")
        pattern = "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        query = query.where(
            or_(
                Item.key.ilike(pattern),
                exists(select(literal(1)).select_from(stems).where(stems.c.value.ilike(pattern))),
            )
        )
    return query


async def list_versions(session: AsyncSession, item_id: uuid.UUID) -> tuple[Item, list[ItemVersion]]:
    """Every version of an item, oldest first, or NotFound."""
    item = await session.get(Item, item_id)
    if item is None:
        raise NotFound("No item has this id.")
    rows = await session.scalars(
        select(ItemVersion).where(ItemVersion.item_id == item_id).order_by(ItemVersion.version)
    )
    return item, list(rows)


async def get_version(session: AsyncSession, item_id: uuid.UUID, number: int) -> tuple[Item, ItemVersion]:
    """One version of an item, or NotFound."""
    item = await session.get(Item, item_id)
    if item is None:
        raise NotFound("No item has this id.")
    return item, await version_of(session, item_id, number)
