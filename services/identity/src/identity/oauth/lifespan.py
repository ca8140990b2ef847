"""The provider's start-up work and its hourly check for a due key rotation."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator

from fastapi import FastAPI
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from identity.oauth.clients import ensure_spa_client
from identity.oauth.keys import ensure_keys, rotate_if_due
from identity.settings import IdentitySettings

log = logging.getLogger(__name__)
CHECK_INTERVAL_SECONDS = 3600


@contextlib.asynccontextmanager
async def provider_ready(app: FastAPI) -> AsyncIterator[None]:
    """A lifespan hook: signing keys (active and next) and the SPA's client exist before the first
    request; then the signing key is rotated whenever it is due."""
    settings: IdentitySettings = app.state.settings
    sessionmaker: async_sessionmaker[AsyncSession] = app.state.sessionmaker
    async with sessionmaker() as db, db.begin():
        await ensure_keys(db)
        await rotate_if_due(db, settings)
        await ensure_spa_client(db, settings)

    async def loop() -> None:
        while True:
            await asyncio.sleep(CHECK_INTERVAL_SECONDS)
            try:
                async with sessionmaker() as db, db.begin():
                    rotated = await rotate_if_due(db, settings)
                if rotated is not None:
                    log.info("signing key rotated", extra={"kid": rotated.kid})
            except Exception:  # a database hiccup must not stop future rotations
                log.exception("scheduled key rotation failed")

    task = asyncio.create_task(loop(), name="signing-key-rotation")
    try:
        yield
    finally:
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task
