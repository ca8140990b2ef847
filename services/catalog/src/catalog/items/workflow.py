"""The editorial workflow of an item: draft → in review → published → retired.

`in_review` may go back to `draft` with a note (changes requested); any status but `retired` may be
retired, and `retired` is final (pathways relies on it: a retired item never comes back). Every
status change is a new version. The same transition again answers with the item as it is and
announces nothing, so a retried request is harmless.
"""

from __future__ import annotations

import uuid
from enum import StrEnum

from sqlalchemy import func
from sqlalchemy.ext.asyncio import AsyncSession

from catalog.items import access
from catalog.items.models import LearningItem
from catalog.items.schemas import ItemStatus
from catalog.items.service import PUBLISHED, RETIRED, announce, locked_item, record_version
from kit.auth import Principal
from kit.problems import Conflict, Invalid

# The languages every published item is written in: the catalog is bilingual (issue 5).
REQUIRED_LANGUAGES = ("en", "lt")


class Action(StrEnum):
    """What an editor does to an item's status."""

    submit = "submit"
    publish = "publish"
    request_changes = "request_changes"
    retire = "retire"


_S = ItemStatus
# action: (the status it leads to, the statuses it may start from)
_MOVES: dict[Action, tuple[ItemStatus, tuple[ItemStatus, ...]]] = {
    Action.submit: (_S.in_review, (_S.draft,)),
    Action.publish: (_S.published, (_S.in_review,)),
    Action.request_changes: (_S.draft, (_S.in_review,)),
    Action.retire: (_S.retired, (_S.draft, _S.in_review, _S.published)),
}
_WHY_NOT = {
    Action.submit: "Only a draft can be sent for review.",
    Action.publish: "Only an item in review can be published; send it for review first.",
    Action.request_changes: "Changes can be requested only for an item in review.",
    Action.retire: "The item is retired already.",
}


def missing_texts(item: LearningItem) -> list[str]:
    """The titles and summaries a learner would miss, by language."""
    return [
        f"{name} ({language})"
        for name in ("title", "summary")
        for language in REQUIRED_LANGUAGES
        if not getattr(item, name).get(language)
    ]


async def transition(
    session: AsyncSession,
    editor: Principal,
    item_id: uuid.UUID,
    action: Action,
    *,
    base_version: int | None = None,
    note: str | None = None,
) -> LearningItem:
    """Move an item's status by `action`; Conflict when it cannot go there from where it is."""
    item = await locked_item(session, item_id)
    access.check_edit(editor, item)
    target, sources = _MOVES[action]
    if item.status == target.value:
        return item
    if ItemStatus(item.status) not in sources:
        raise Conflict(_WHY_NOT[action] + f" It is {item.status.replace('_', ' ')}.")
    if base_version is not None and base_version != item.version:
        raise Conflict(
            f"The item changed since version {base_version}: its newest version is {item.version}."
        )
    if target in (_S.in_review, _S.published):
        missing = missing_texts(item)
        if missing:
            raise Invalid("The item needs these texts first: " + ", ".join(missing) + ".")
    item.status = target.value
    item.version += 1
    if target is _S.published:
        item.published_at = func.now()
    await session.flush()
    await session.refresh(item)
    await record_version(session, item, editor, note)
    if target is _S.published:
        await announce(session, PUBLISHED, item)
    elif target is _S.retired:
        await announce(session, RETIRED, item)
    return item


async def publish_now(
    session: AsyncSession, editor: Principal, item_id: uuid.UUID, note: str | None = None
) -> LearningItem:
    """Submit and publish in one go (the seed, and imports that ask to publish); published stays."""
    item = await locked_item(session, item_id)
    if item.status == _S.draft.value:
        await transition(session, editor, item_id, Action.submit, note=note)
    return await transition(session, editor, item_id, Action.publish, note=note)
