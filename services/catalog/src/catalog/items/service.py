"""Learning item logic: create idempotently by slug, list, retire; events in the same transaction."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from catalog.database import events
from catalog.items.models import LearningItem
from catalog.items.schemas import ItemCreate, ItemEvent, ItemStatus
from kit.db import insert_once
from kit.events.outbox import publish
from kit.problems import NotFound

PUBLISHED = "catalog.item.published"
RETIRED = "catalog.item.retired"


def _columns(data: ItemCreate) -> dict[str, Any]:
    values = data.model_dump(mode="json")
    values["languages"] = sorted(set(values["languages"]))
    values["competences"] = sorted(set(values["competences"]))
    return values


async def create_item(session: AsyncSession, data: ItemCreate) -> tuple[LearningItem, bool]:
    """Create an item; the same request again returns the existing item (created=False)."""
    item, created = await insert_once(
        session,
        LearningItem,
        "slug",
        _columns(data),
        defaults={"id": uuid.uuid4(), "status": ItemStatus.published.value},
        conflict=f"An item with slug '{data.slug}' already exists with other content.",
    )
    if created:
        await publish(session, events, PUBLISHED, _event(item))
    return item, created


async def get_item(session: AsyncSession, item_id: uuid.UUID) -> LearningItem:
    """One item, or NotFound."""
    item = await session.get(LearningItem, item_id)
    if item is None:
        raise NotFound("No learning item has this id.")
    return item


async def list_items(
    session: AsyncSession,
    *,
    limit: int,
    offset: int,
    status: ItemStatus,
    kind: str | None = None,
    language: str | None = None,
    competence: str | None = None,
) -> tuple[list[LearningItem], int]:
    """A page of items, newest first, with the total count of matches."""
    query = select(LearningItem).where(LearningItem.status == status.value)
    if kind:
        query = query.where(LearningItem.kind == kind)
    if language:
        query = query.where(LearningItem.languages.contains([language]))
    if competence:
        query = query.where(LearningItem.competences.contains([competence]))
    total = await session.scalar(select(func.count()).select_from(query.subquery()))
    rows = await session.scalars(
        query.order_by(LearningItem.created_at.desc(), LearningItem.id).limit(limit).offset(offset)
    )
    return list(rows), total or 0


async def retire_item(session: AsyncSession, item_id: uuid.UUID) -> LearningItem:
    """Retire an item (idempotent); subscribers hear of it once."""
    item = await session.get(LearningItem, item_id, with_for_update=True)
    if item is None:
        raise NotFound("No learning item has this id.")
    if item.status != ItemStatus.retired.value:
        item.status = ItemStatus.retired.value
        await session.flush()
        await session.refresh(item)
        await publish(session, events, RETIRED, _event(item))
    return item


def _event(item: LearningItem) -> dict[str, Any]:
    return ItemEvent.model_validate(item, from_attributes=True).model_dump(mode="json")
