"""Reminders: a day before a session, one `catalog.workshop.reminder` per confirmed registrant.

Run by a background task of the app (the lifespan hook below, switched with the event dispatcher),
like the outbox delivery. A session is reminded once (`reminded_at`); several replicas may run it
(SKIP LOCKED), and a session being registered for at that moment is simply taken next round.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator
from datetime import datetime, timedelta

from fastapi import FastAPI
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from catalog.database import events
from catalog.items.models import LearningItem
from catalog.workshops import queue
from catalog.workshops.context import SCHEDULED, now
from catalog.workshops.models import Registration, Workshop, WorkshopSession
from catalog.workshops.schemas import ReminderEvent, WorkshopFormat
from kit.events.outbox import publish
from kit.settings import ServiceSettings

logger = logging.getLogger("catalog.reminders")

REMINDER = "catalog.workshop.reminder"
REMIND_BEFORE = timedelta(hours=24)
INTERVAL_SECONDS = 60.0
BATCH_SIZE = 20


async def send_due_reminders(db: AsyncSession, *, at: datetime | None = None) -> int:
    """Remind the confirmed registrants of sessions starting within a day; returns events written."""
    current = at or now()
    due = await db.execute(
        select(WorkshopSession, Workshop, LearningItem)
        .join(Workshop, Workshop.item_id == WorkshopSession.item_id)
        .join(LearningItem, LearningItem.id == Workshop.item_id)
        .where(
            WorkshopSession.status == SCHEDULED,
            WorkshopSession.reminded_at.is_(None),
            WorkshopSession.starts_at > current,
            WorkshopSession.starts_at <= current + REMIND_BEFORE,
        )
        .order_by(WorkshopSession.starts_at)
        .limit(BATCH_SIZE)
        .with_for_update(of=WorkshopSession, skip_locked=True)
    )
    sent = 0
    for ws, workshop, item in due.all():
        confirmed = await db.scalars(
            select(Registration)
            .where(Registration.session_id == ws.id, Registration.status == queue.CONFIRMED)
            .order_by(Registration.arrival)
        )
        for registration in confirmed:
            payload = ReminderEvent(
                registration_id=registration.id,
                person_id=registration.person_id,
                session_id=ws.id,
                item_id=item.id,
                title=item.title,
                starts_at=ws.starts_at,
                ends_at=ws.ends_at,
                timezone=ws.timezone,
                format=WorkshopFormat(workshop.format),
                location=ws.location or workshop.location,
            )
            await publish(db, events, REMINDER, payload.model_dump(mode="json"))
            sent += 1
        ws.reminded_at = current
    await db.flush()
    return sent


async def run_reminders(sessionmaker: async_sessionmaker[AsyncSession], interval: float) -> None:
    """The background loop: one transaction per round."""
    while True:
        try:
            async with sessionmaker() as db, db.begin():
                await send_due_reminders(db)
        except asyncio.CancelledError:
            raise
        except Exception:
            logger.exception("sending workshop reminders failed; retrying")
        await asyncio.sleep(interval)


@contextlib.asynccontextmanager
async def workshop_reminders(app: FastAPI) -> AsyncIterator[None]:
    """Lifespan hook: send reminders while the app runs (with the event dispatcher's switch)."""
    settings: ServiceSettings = app.state.settings
    task = None
    if settings.dispatch_enabled:
        task = asyncio.create_task(
            run_reminders(app.state.sessionmaker, INTERVAL_SECONDS), name="workshop-reminders"
        )
    app.state.reminder_task = task
    try:
        yield
    finally:
        if task is not None:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task
