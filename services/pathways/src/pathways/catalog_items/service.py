"""Pathways' copy of the catalog: kept up to date from catalog events, listed for planning.

Ordering rule: `retired` is final. The catalog never brings a retired item back (its lifecycle
ends there), so a `published` event that arrives after a `retired` one for the same item is
stale — it was delayed or redelivered — and is ignored. A `retired` event always applies,
even for an item pathways has not heard of yet, so that a late `published` cannot resurrect it.
Events carry the full item, so applying the latest one is enough; replays change nothing.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, and_, delete, func, or_, select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.ext.asyncio import AsyncSession

from kit.events.inbox import parse_payload
from pathways.catalog_items.models import CatalogItem
from pathways.catalog_items.schemas import CatalogItemEvent, CatalogItemStatus

PUBLISHED = "catalog.item.published"
RETIRED = "catalog.item.retired"


def parse_event(data: dict[str, Any]) -> CatalogItemEvent:
    """The event's item, or Invalid naming the fields that are wrong."""
    return parse_payload(CatalogItemEvent, data, "catalog item")


async def apply_item(session: AsyncSession, event: CatalogItemEvent, status: CatalogItemStatus) -> None:
    """Insert or update the copy of one item, following the ordering rule above."""
    values: dict[str, Any] = event.model_dump(exclude={"status", "visibility"})
    values["languages"] = sorted(set(event.languages))
    values["competences"] = sorted(set(event.competences))
    values["status"] = status.value
    statement = pg_insert(CatalogItem).values(**values)
    changed = [name for name in values if name != "id"]
    condition: ColumnElement[bool] = or_(
        *(getattr(CatalogItem, name).is_distinct_from(statement.excluded[name]) for name in changed)
    )
    if status is CatalogItemStatus.published:
        condition = and_(CatalogItem.status != CatalogItemStatus.retired.value, condition)
    await session.execute(
        statement.on_conflict_do_update(
            index_elements=[CatalogItem.id],
            set_={**{name: statement.excluded[name] for name in changed}, "updated_at": func.now()},
            where=condition,
        )
    )


async def on_item_published(session: AsyncSession, data: dict[str, Any]) -> None:
    """Handle `catalog.item.published`; a private item is not kept (its copy, if any, is removed)."""
    event = parse_event(data)
    if event.visibility != "public":
        await session.execute(delete(CatalogItem).where(CatalogItem.id == event.id))
        return
    await apply_item(session, event, CatalogItemStatus.published)


async def on_item_retired(session: AsyncSession, data: dict[str, Any]) -> None:
    """Handle `catalog.item.retired`."""
    await apply_item(session, parse_event(data), CatalogItemStatus.retired)


HANDLERS = {PUBLISHED: on_item_published, RETIRED: on_item_retired}


async def list_items(
    session: AsyncSession,
    *,
    limit: int,
    offset: int,
    competence: str | None = None,
    status: CatalogItemStatus | None = None,
) -> tuple[list[CatalogItem], int]:
    """A page of known items by slug, with the total count of matches."""
    query = select(CatalogItem)
    if competence:
        query = query.where(CatalogItem.competences.contains([competence]))
    if status:
        query = query.where(CatalogItem.status == status.value)
    total = await session.scalar(select(func.count()).select_from(query.subquery()))
    rows = await session.scalars(query.order_by(CatalogItem.slug, CatalogItem.id).limit(limit).offset(offset))
    return list(rows), total or 0
