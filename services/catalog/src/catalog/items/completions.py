""" "Mark as done": a person finished an item. Recorded once per person and item, and announced
once with `catalog.item.completed`, for pathways to count as progress."""

from __future__ import annotations

import uuid

from sqlalchemy import select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from catalog.database import events
from catalog.items.models import ItemCompletion
from catalog.items.ratings import offered_item, person_of
from catalog.items.schemas import Completion
from catalog.items.service import COMPLETED
from kit.auth import Principal
from kit.events.outbox import publish
from kit.problems import NotFound


async def my_completion(session: AsyncSession, principal: Principal, item_id: uuid.UUID) -> ItemCompletion:
    """When the caller marked an item done; NotFound if they have not (or cannot see it)."""
    person_id = person_of(principal)
    item = await offered_item(session, principal, item_id)
    found = await session.scalar(
        select(ItemCompletion).where(ItemCompletion.item_id == item.id, ItemCompletion.person_id == person_id)
    )
    if found is None:
        raise NotFound("You have not marked this item as done.")
    return found


async def mark_done(
    session: AsyncSession, principal: Principal, item_id: uuid.UUID
) -> tuple[ItemCompletion, bool]:
    """Record that the caller finished a published item they see; (completion, created)."""
    person_id = person_of(principal)
    item = await offered_item(session, principal, item_id)
    inserted = await session.scalar(
        insert(ItemCompletion)
        .values(item_id=item.id, person_id=person_id)
        .on_conflict_do_nothing(index_elements=[ItemCompletion.item_id, ItemCompletion.person_id])
        .returning(ItemCompletion)
    )
    if inserted is None:
        existing = await session.scalar(
            select(ItemCompletion).where(
                ItemCompletion.item_id == item.id, ItemCompletion.person_id == person_id
            )
        )
        assert existing is not None, "ON CONFLICT skipped the row, so it exists"
        return existing, False
    payload = Completion.model_validate(inserted).model_dump(mode="json")
    await publish(session, events, COMPLETED, payload)
    return inserted, True
