"""Delivering the outbox: signed webhooks with retries and exponential backoff."""

from __future__ import annotations

import asyncio
import json
import logging
import random
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from standardwebhooks.webhooks import Webhook

from kit.events.tables import EventTables

logger = logging.getLogger("kit.events")

BATCH_SIZE = 50
BASE_BACKOFF_SECONDS = 2.0
MAX_BACKOFF_SECONDS = 3600.0


def backoff(attempts: int) -> timedelta:
    """Delay before the next try: exponential from 2 s, capped at an hour, with 20 % jitter."""
    delay = min(BASE_BACKOFF_SECONDS * 2 ** max(attempts - 1, 0), MAX_BACKOFF_SECONDS)
    return timedelta(seconds=delay * random.uniform(0.8, 1.2))


def envelope(event_type: str, occurred_at: datetime, payload: dict[str, Any]) -> str:
    """The webhook body: Standard Webhooks' recommended `type`, `timestamp`, `data`."""
    return json.dumps(
        {"type": event_type, "timestamp": occurred_at.isoformat(), "data": payload},
        separators=(",", ":"),
        sort_keys=True,
    )


def signed_headers(secret: str, event_id: str, body: str) -> dict[str, str]:
    """The three Standard Webhooks headers; the id stays the same across retries."""
    now = datetime.now(tz=UTC)
    return {
        "content-type": "application/json",
        "webhook-id": event_id,
        "webhook-timestamp": str(int(now.timestamp())),
        "webhook-signature": Webhook(secret).sign(event_id, now, body),
    }


@dataclass
class _Due:
    delivery_id: Any
    attempts: int
    event_id: str
    event_type: str
    payload: dict[str, Any]
    occurred_at: datetime
    url: str
    secret: str


class Dispatcher:
    """Polls due deliveries and sends them; several replicas may run it (SKIP LOCKED)."""

    def __init__(
        self,
        sessionmaker: async_sessionmaker[AsyncSession],
        tables: EventTables,
        *,
        interval: float = 1.0,
        timeout: float = 10.0,
        max_attempts: int = 12,
        client: httpx.AsyncClient | None = None,
    ) -> None:
        self.sessionmaker = sessionmaker
        self.tables = tables
        self.interval = interval
        self.max_attempts = max_attempts
        self.client = client or httpx.AsyncClient(timeout=timeout)

    async def run_forever(self) -> None:
        """The background loop started by the app's lifespan."""
        while True:
            try:
                sent = await self.dispatch_once()
            except asyncio.CancelledError:
                raise
            except Exception:
                logger.exception("event dispatch failed; retrying")
                sent = 0
            if sent < BATCH_SIZE:  # a full batch means more may be due: go on at once
                await asyncio.sleep(self.interval)

    async def dispatch_once(self) -> int:
        """Send one batch of due deliveries; returns how many were tried."""
        t = self.tables
        async with self.sessionmaker() as session, session.begin():
            rows = await session.execute(
                select(
                    t.delivery.c.id,
                    t.delivery.c.attempts,
                    t.outbox.c.id,
                    t.outbox.c.type,
                    t.outbox.c.payload,
                    t.outbox.c.occurred_at,
                    t.subscription.c.url,
                    t.subscription.c.secret,
                )
                .join(t.outbox, t.outbox.c.id == t.delivery.c.event_id)
                .join(t.subscription, t.subscription.c.id == t.delivery.c.subscription_id)
                .where(t.delivery.c.status == "pending", t.delivery.c.next_attempt_at <= datetime.now(tz=UTC))
                .order_by(t.delivery.c.next_attempt_at, t.outbox.c.occurred_at)
                .limit(BATCH_SIZE)
                .with_for_update(of=t.delivery, skip_locked=True)
            )
            due = [_Due(r[0], r[1], str(r[2]), r[3], r[4], r[5], r[6], r[7]) for r in rows]
            results = await asyncio.gather(*(self._send(item) for item in due))
            for item, (status, error) in zip(due, results, strict=True):
                await session.execute(self._outcome(item, status, error))
        return len(due)

    async def _send(self, item: _Due) -> tuple[int | None, str | None]:
        body = envelope(item.event_type, item.occurred_at, item.payload)
        try:
            response = await self.client.post(
                item.url, content=body, headers=signed_headers(item.secret, item.event_id, body)
            )
        except httpx.HTTPError as exc:
            return None, f"{type(exc).__name__}: {exc}"[:500]
        if 200 <= response.status_code < 300:
            return response.status_code, None
        return response.status_code, response.text[:500]

    def _outcome(self, item: _Due, status: int | None, error: str | None) -> Any:
        t = self.tables
        attempts = item.attempts + 1
        statement = update(t.delivery).where(t.delivery.c.id == item.delivery_id)
        if error is None:
            return statement.values(
                status="delivered",
                attempts=attempts,
                last_status=status,
                last_error=None,
                delivered_at=datetime.now(tz=UTC),
            )
        logger.warning(
            "delivery of %s to %s failed (attempt %d): %s", item.event_id, item.url, attempts, error
        )
        final = attempts >= self.max_attempts
        return statement.values(
            status="failed" if final else "pending",
            attempts=attempts,
            last_status=status,
            last_error=error,
            next_attempt_at=datetime.now(tz=UTC) + backoff(attempts),
        )

    async def aclose(self) -> None:
        """Close the HTTP client."""
        await self.client.aclose()
