"""Reminders: a day ahead, one per confirmed registrant, once per session."""

from datetime import UTC, datetime, timedelta

import httpx
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from catalog.database import events
from catalog.workshops.reminders import send_due_reminders
from kit.settings import ServiceSettings
from kit.testing.plugin import ServiceSpec
from kit.testing.tokens import TokenMint

from .factories.workshops import move_session, person, register, session, workshop


async def reminded(db: AsyncSession) -> list[tuple[str, str]]:
    rows = await db.execute(
        select(
            events.outbox.c.payload["person_id"].astext, events.outbox.c.payload["session_id"].astext
        ).where(events.outbox.c.type == "catalog.workshop.reminder")
    )
    return sorted((p, s) for p, s in rows)


async def test_confirmed_people_are_reminded_once_a_day_ahead(
    client: httpx.AsyncClient, dla_token_mint: TokenMint, db_session: AsyncSession
) -> None:
    item_id = await workshop(client)
    tomorrow = await session(client, item_id, days=5, capacity=2)
    next_week = await session(client, item_id, days=7, capacity=2)
    cancelled = await session(client, item_id, days=6, capacity=2)
    seated = [person(dla_token_mint) for _ in range(2)]
    waiting, leaver = person(dla_token_mint), person(dla_token_mint)
    for who in (*seated, waiting):
        await register(client, tomorrow["id"], who)
    await register(client, next_week["id"], leaver)
    await register(client, cancelled["id"], leaver)
    await client.post(f"/workshop-sessions/{cancelled['id']}/cancel")
    await move_session(db_session, tomorrow["id"], timedelta(hours=20))
    await move_session(db_session, cancelled["id"], timedelta(hours=10))

    assert await send_due_reminders(db_session) == 2
    assert await reminded(db_session) == sorted((str(p.id), tomorrow["id"]) for p in seated)
    # The next round (or another replica) sends nothing again.
    assert await send_due_reminders(db_session) == 0
    # A week on, the other session is within a day: its people are reminded then.
    assert await send_due_reminders(db_session, at=datetime.now(tz=UTC) + timedelta(days=6, hours=12)) == 1
    assert (str(leaver.id), next_week["id"]) in await reminded(db_session)
    assert len(await reminded(db_session)) == 3


async def test_the_app_sends_reminders_in_the_background(
    dla_service: ServiceSpec, dla_settings: ServiceSettings
) -> None:
    app = dla_service.create_app(dla_settings)
    async with app.router.lifespan_context(app):
        task = app.state.reminder_task
        assert task is not None
        assert not task.done()
    assert task.done()
