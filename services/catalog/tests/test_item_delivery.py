"""The dispatcher's bookkeeping when a subscriber cannot be reached."""

import socket
from datetime import UTC, datetime

import httpx
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from catalog.database import events
from kit.events.dispatcher import Dispatcher
from kit.events.outbox import register_subscribers
from kit.settings import DEVELOPMENT_WEBHOOK_SECRET, SubscriberConfig

from .factories.items import published_item


def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


async def subscribe(session: AsyncSession, url: str, patterns: list[str]) -> None:
    await register_subscribers(
        session,
        events,
        [SubscriberConfig(name="receiver", url=url, events=patterns)],
        DEVELOPMENT_WEBHOOK_SECRET,
    )
    await session.commit()


async def test_unreachable_subscriber_is_retried_later_then_given_up(
    client: httpx.AsyncClient, db_session: AsyncSession, db_sessionmaker: async_sessionmaker[AsyncSession]
) -> None:
    await subscribe(db_session, f"http://127.0.0.1:{closed_port()}/events", ["catalog.item.*"])
    await published_item(client)
    dispatcher = Dispatcher(db_sessionmaker, events, max_attempts=2, timeout=2)
    try:
        assert await dispatcher.dispatch_once() == 1
        status, attempts, due, error = (
            await db_session.execute(
                select(
                    events.delivery.c.status,
                    events.delivery.c.attempts,
                    events.delivery.c.next_attempt_at,
                    events.delivery.c.last_error,
                )
            )
        ).one()
        assert (status, attempts) == ("pending", 1)
        assert due > datetime.now(tz=UTC)
        assert "Connect" in error
        # Not due yet: nothing is sent again.
        assert await dispatcher.dispatch_once() == 0
        await db_session.execute(events.delivery.update().values(next_attempt_at=datetime.now(tz=UTC)))
        await db_session.commit()
        assert await dispatcher.dispatch_once() == 1
        db_session.expire_all()
        final = (await db_session.execute(select(events.delivery.c.status, events.delivery.c.attempts))).one()
        assert tuple(final) == ("failed", 2)
    finally:
        await dispatcher.aclose()


async def test_only_matching_subscriptions_get_a_delivery(
    client: httpx.AsyncClient, db_session: AsyncSession
) -> None:
    await subscribe(db_session, "http://127.0.0.1:1/events", ["identity.*"])
    await published_item(client)
    assert (await db_session.execute(select(events.delivery.c.id))).all() == []


async def test_a_new_subscriber_catches_up_on_past_events_once(
    client: httpx.AsyncClient, db_session: AsyncSession
) -> None:
    await published_item(client, "first-item")
    await published_item(client, "second-item")
    await subscribe(db_session, "http://127.0.0.1:1/events", ["catalog.item.*"])
    await subscribe(db_session, "http://127.0.0.1:1/events", ["catalog.item.*"])
    rows = (await db_session.execute(select(events.delivery.c.event_id))).all()
    outbox = (await db_session.execute(select(events.outbox.c.id))).all()
    assert sorted(r[0] for r in rows) == sorted(r[0] for r in outbox)
    assert len(rows) == 2
