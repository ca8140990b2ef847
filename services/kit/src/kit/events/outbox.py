"""Writing events: in the caller's transaction, one delivery row per matching subscriber."""

from __future__ import annotations

import fnmatch
import uuid
from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import insert, literal_column, select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.ext.asyncio import AsyncSession

from kit.events.tables import EventTables
from kit.settings import SubscriberConfig


def matches(event_type: str, patterns: Sequence[str]) -> bool:
    """Whether an event type matches any subscription pattern (`catalog.item.*`, `*`)."""
    return any(fnmatch.fnmatchcase(event_type, pattern) for pattern in patterns)


async def publish(
    session: AsyncSession, tables: EventTables, event_type: str, payload: dict[str, Any]
) -> uuid.UUID:
    """Record an event in the outbox; it is delivered only if the caller's transaction commits."""
    event_id = uuid.uuid4()
    await session.execute(insert(tables.outbox).values(id=event_id, type=event_type, payload=payload))
    rows = await session.execute(
        select(tables.subscription.c.id, tables.subscription.c.event_types).where(
            tables.subscription.c.active.is_(True)
        )
    )
    await _enqueue(
        session, tables, ((event_id, sub_id) for sub_id, patterns in rows if matches(event_type, patterns))
    )
    return event_id


async def _enqueue(
    session: AsyncSession, tables: EventTables, pairs: Iterable[tuple[uuid.UUID, uuid.UUID]]
) -> None:
    """One pending delivery per (event, subscription) pair."""
    rows = [{"id": uuid.uuid4(), "event_id": event, "subscription_id": sub} for event, sub in pairs]
    if rows:
        await session.execute(insert(tables.delivery), rows)


async def register_subscribers(
    session: AsyncSession, tables: EventTables, subscribers: Sequence[SubscriberConfig], secret: str
) -> None:
    """Upsert the internal subscribers named in configuration (idempotent across replicas).

    A subscriber seen for the first time is also sent every matching event already in the
    outbox, so a consumer added later (or seeded data written before start-up) catches up.
    """
    sub = tables.subscription
    for subscriber in subscribers:
        statement = pg_insert(sub).values(
            id=uuid.uuid4(),
            name=subscriber.name,
            url=subscriber.url,
            secret=secret,
            event_types=subscriber.events,
            active=True,
        )
        row = (
            await session.execute(
                statement.on_conflict_do_update(
                    index_elements=[sub.c.name],
                    set_={
                        "url": statement.excluded.url,
                        "secret": statement.excluded.secret,
                        "event_types": statement.excluded.event_types,
                        "active": True,
                    },
                ).returning(sub.c.id, literal_column("xmax = 0").label("inserted"))
            )
        ).one()
        if row.inserted:
            await _backfill(session, tables, row.id, subscriber.events)


async def _backfill(
    session: AsyncSession, tables: EventTables, subscription_id: uuid.UUID, patterns: Sequence[str]
) -> None:
    events = await session.execute(select(tables.outbox.c.id, tables.outbox.c.type))
    await _enqueue(
        session,
        tables,
        ((event_id, subscription_id) for event_id, event_type in events if matches(event_type, patterns)),
    )
