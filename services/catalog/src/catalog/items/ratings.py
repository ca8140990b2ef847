"""Learners' ratings of items: one per person per item, editable, the item's count and sum kept in
the same transaction under the item's row lock (so concurrent ratings never lose an update)."""

from __future__ import annotations

import uuid

from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from catalog.items import access
from catalog.items.models import ItemRating, LearningItem
from catalog.items.schemas import ItemStatus, RatingIn
from catalog.items.service import get_item, locked_item
from kit.auth import Principal
from kit.problems import Conflict, Forbidden, NotFound


def person_of(principal: Principal) -> uuid.UUID:
    """The person calling; Forbidden for a machine client (only people rate or finish items)."""
    if principal.person_id is None:
        raise Forbidden("Only people rate items or mark them as done.")
    return principal.person_id


async def offered_item(session: AsyncSession, principal: Principal, item_id: uuid.UUID) -> LearningItem:
    """A published item the caller sees, locked; NotFound or Conflict otherwise."""
    item = await locked_item(session, item_id)
    access.check_read(principal, item)
    if item.status != ItemStatus.published.value:
        raise Conflict("Only published items can be rated or marked as done.")
    return item


async def _rating(session: AsyncSession, item_id: uuid.UUID, person_id: uuid.UUID) -> ItemRating | None:
    return await session.scalar(
        select(ItemRating).where(ItemRating.item_id == item_id, ItemRating.person_id == person_id)
    )


async def rate(
    session: AsyncSession, principal: Principal, item_id: uuid.UUID, data: RatingIn
) -> tuple[LearningItem, ItemRating]:
    """Set the caller's rating of an item (new, or a change of theirs); the same again changes nothing."""
    person_id = person_of(principal)
    item = await offered_item(session, principal, item_id)
    rating = await _rating(session, item.id, person_id)
    if rating is None:
        rating = ItemRating(item_id=item.id, person_id=person_id, rating=data.rating, comment=data.comment)
        session.add(rating)
        await _adjust(session, item, 1, data.rating)
    elif (rating.rating, rating.comment) != (data.rating, data.comment):
        await _adjust(session, item, 0, data.rating - rating.rating)
        rating.rating = data.rating
        rating.comment = data.comment
        rating.updated_at = func.now()
    else:
        return item, rating
    await session.flush()
    await session.refresh(rating)
    return item, rating


async def _adjust(session: AsyncSession, item: LearningItem, count: int, total: int) -> None:
    """Add to a locked item's rating count and sum; its `updated_at` is the content's, so it stays."""
    await session.execute(
        update(LearningItem)
        .where(LearningItem.id == item.id)
        .values(
            rating_count=LearningItem.rating_count + count,
            rating_sum=LearningItem.rating_sum + total,
            updated_at=LearningItem.updated_at,
        )
    )
    await session.refresh(item)


async def my_rating(session: AsyncSession, principal: Principal, item_id: uuid.UUID) -> ItemRating:
    """The caller's rating of an item they see, or NotFound."""
    person_id = person_of(principal)
    await get_item(session, principal, item_id)
    rating = await _rating(session, item_id, person_id)
    if rating is None:
        raise NotFound("You have not rated this item.")
    return rating


async def unrate(session: AsyncSession, principal: Principal, item_id: uuid.UUID) -> None:
    """Withdraw the caller's rating (nothing to withdraw is fine)."""
    person_id = person_of(principal)
    item = await locked_item(session, item_id)
    access.check_read(principal, item)
    rating = await _rating(session, item.id, person_id)
    if rating is not None:
        await session.delete(rating)
        await session.flush()
        await _adjust(session, item, -1, -rating.rating)


async def list_ratings(
    session: AsyncSession, principal: Principal | None, item_id: uuid.UUID, *, limit: int, offset: int
) -> tuple[list[ItemRating], int]:
    """A page of an item's ratings, newest change first, with the total."""
    await get_item(session, principal, item_id)
    total = await session.scalar(select(func.count()).where(ItemRating.item_id == item_id))
    rows = await session.scalars(
        select(ItemRating)
        .where(ItemRating.item_id == item_id)
        .order_by(ItemRating.updated_at.desc(), ItemRating.id)
        .limit(limit)
        .offset(offset)
    )
    return list(rows), total or 0
