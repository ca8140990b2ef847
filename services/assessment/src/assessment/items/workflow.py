"""The authoring workflow of an item's newest version: submit, publish (four eyes), reject, retire.

A transition already made returns the item unchanged, so a retried request is harmless; any other
transition from the wrong status is a 409. The version row records who decided what and when.
"""

from __future__ import annotations

import uuid

from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from assessment.items.models import Item, ItemVersion, VersionStatus
from assessment.items.service import ItemView, get_item, locked_item, version_of
from kit.problems import Conflict, Forbidden


async def _head(session: AsyncSession, item_id: uuid.UUID, guard: int | None) -> tuple[Item, ItemVersion]:
    item = await locked_item(session, item_id)
    if guard is not None and guard != item.head_version:
        raise Conflict(f"The item's newest version is {item.head_version}, not {guard}.")
    return item, await version_of(session, item.id, item.head_version)


def _refuse(head: ItemVersion, action: str) -> Conflict:
    return Conflict(f"Version {head.version} is {head.status}: it cannot be {action}.")


async def submit(
    session: AsyncSession, item_id: uuid.UUID, actor: uuid.UUID, guard: int | None = None
) -> ItemView:
    """Send the newest version (a draft) for review."""
    _, head = await _head(session, item_id, guard)
    if head.status == VersionStatus.draft:
        head.status = VersionStatus.in_review.value
        head.submitted_by, head.submitted_at = actor, func.now()
        await session.flush()
    elif head.status != VersionStatus.in_review:
        raise _refuse(head, "submitted")
    return await get_item(session, item_id)


async def publish(
    session: AsyncSession, item_id: uuid.UUID, reviewer: uuid.UUID, guard: int | None = None
) -> ItemView:
    """Make the version in review the one served; its author may not publish it (four eyes)."""
    item, head = await _head(session, item_id, guard)
    if head.status == VersionStatus.active:
        return await get_item(session, item_id)
    if head.status != VersionStatus.in_review:
        raise _refuse(head, "published")
    if head.author == reviewer:
        raise Forbidden("The author of a version cannot publish it: another editor reviews it.")
    # Before the new one is active: the partial unique index allows one active version.
    await session.execute(
        update(ItemVersion)
        .where(ItemVersion.item_id == item.id, ItemVersion.status == VersionStatus.active.value)
        .values(status=VersionStatus.superseded.value)
    )
    head.status = VersionStatus.active.value
    head.reviewer, head.reviewed_at = reviewer, func.now()
    item.updated_at = func.now()
    await session.flush()
    return await get_item(session, item_id)


async def reject(
    session: AsyncSession, item_id: uuid.UUID, reviewer: uuid.UUID, comment: str, guard: int | None = None
) -> ItemView:
    """Send the version in review back to draft, with the reviewer's comment."""
    item, head = await _head(session, item_id, guard)
    if head.status != VersionStatus.in_review:
        raise _refuse(head, "rejected")
    head.status = VersionStatus.draft.value
    head.reviewer, head.reviewed_at = reviewer, func.now()
    head.rejected_by, head.rejected_at, head.review_comment = reviewer, func.now(), comment
    item.updated_at = func.now()
    await session.flush()
    return await get_item(session, item_id)


async def retire(
    session: AsyncSession, item_id: uuid.UUID, actor: uuid.UUID, guard: int | None = None
) -> ItemView:
    """Stop serving the item: its active version is retired (a later version may be published)."""
    item, _ = await _head(session, item_id, guard)
    statuses = set(await session.scalars(select(ItemVersion.status).where(ItemVersion.item_id == item.id)))
    if VersionStatus.active not in statuses:
        if VersionStatus.retired in statuses:
            return await get_item(session, item_id)
        raise Conflict("The item has no active version to retire.")
    await session.execute(
        update(ItemVersion)
        .where(ItemVersion.item_id == item.id, ItemVersion.status == VersionStatus.active.value)
        .values(status=VersionStatus.retired.value, retired_by=actor, retired_at=func.now())
    )
    item.updated_at = func.now()
    await session.flush()
    return await get_item(session, item_id)
