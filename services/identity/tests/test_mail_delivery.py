"""End to end over real HTTP and real SMTP: registering queues a mail that the app's own sender
loop (started by its lifespan) delivers to an SMTP server."""

from __future__ import annotations

import asyncio
import os
from collections.abc import Iterator

import httpx
import pytest
from sqlalchemy.ext.asyncio import async_sessionmaker

from identity.app import create_app
from kit.db import make_engine
from kit.migrations import upgrade
from kit.settings import ServiceSettings
from kit.testing.plugin import ServiceSpec, role_url, scratch_database
from kit.testing.servers import Served

from .factories.accounts import PASSWORD, fast_settings, organisation, solve
from .factories.smtp import smtp_receiver


@pytest.fixture(scope="module")
def database_url(dla_service: ServiceSpec, dla_admin_url: str) -> Iterator[str]:
    """A database of this module's own: the served app commits."""
    with scratch_database(dla_admin_url, f"dla_test_{os.getpid()}_mail") as database:
        url = role_url(dla_admin_url, database, "identity")
        upgrade(dla_service.directory, url)
        yield url


async def test_a_registration_mail_reaches_the_smtp_server(
    database_url: str, dla_settings: ServiceSettings
) -> None:
    engine = make_engine(database_url, pool_size=1)
    try:
        async with async_sessionmaker(engine)() as db, db.begin():
            await organisation(db, domains=["mail-test.lt"])
    finally:
        await engine.dispose()
    async with smtp_receiver() as receiver:
        settings = fast_settings(
            dla_settings,
            database_url=database_url,
            smtp_url=receiver.url,
            dispatch_enabled=True,
            dispatch_interval_seconds=0.05,
        )
        with Served(create_app(settings)) as server:
            async with httpx.AsyncClient(base_url=server.url) as http:
                challenge = (await http.get("/auth/altcha")).json()
                response = await http.post(
                    "/auth/register",
                    json={
                        "email": "ona@mail-test.lt",
                        "password": PASSWORD,
                        "display_name": "Ona",
                        "language": "en",
                        "altcha": solve(challenge),
                    },
                )
                assert response.status_code == 202, response.text
                await asyncio.wait_for(receiver.arrived.wait(), timeout=15)
                mailbox = (await http.get("/dev/mailbox", params={"to": "ona@mail-test.lt"})).json()["items"]
    [received] = receiver.messages
    assert received.recipients == ["ona@mail-test.lt"]
    assert received.message["Subject"] == "Confirm your e-mail address"
    body = received.message.get_body()
    assert body is not None
    assert "/verify-email?token=" in body.get_content()
    [listed] = mailbox
    assert listed["links"][0] in body.get_content()


async def test_the_sender_loop_is_off_when_background_delivery_is_off(
    database_url: str, dla_settings: ServiceSettings
) -> None:
    app = create_app(fast_settings(dla_settings, database_url=database_url, dispatch_enabled=False))
    async with app.router.lifespan_context(app):
        assert app.state.mail_sender is not None
        assert app.state.mail_task is None
    running = create_app(fast_settings(dla_settings, database_url=database_url, dispatch_enabled=True))
    async with running.router.lifespan_context(running):
        assert not running.state.mail_task.done()
    assert running.state.mail_task.cancelled()
