"""Two devices at once, on real separate connections: one session, one item per position.

The other tests share one connection per test, where row locks cannot conflict; these run
against a scratch database whose data is committed, so each request has its own transaction.
"""

import asyncio
import uuid
from collections.abc import AsyncIterator, Iterator

import httpx
import pytest
from fastapi import FastAPI
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncEngine

from assessment.sessions.models import SessionItem, TestSession
from kit.db import make_engine, make_sessionmaker
from kit.settings import ServiceSettings
from kit.testing.plugin import ServiceSpec, migrated_database, service_app
from kit.testing.tokens import TokenMint

from .factories.sessions import load_framework, person, small_bank


@pytest.fixture(scope="module")
def committed_url(dla_admin_url: str, dla_service: ServiceSpec) -> Iterator[str]:
    name = f"dla_test_concurrency_{uuid.uuid4().hex[:8]}"
    with migrated_database(dla_admin_url, name, dla_service.name, dla_service.directory) as url:
        yield url


@pytest.fixture(scope="module")
async def committed_engine(committed_url: str) -> AsyncIterator[AsyncEngine]:
    engine = make_engine(committed_url, pool_size=4)
    async with make_sessionmaker(engine)() as session, session.begin():
        await small_bank(session, await load_framework(session), count=4)
    yield engine
    await engine.dispose()


@pytest.fixture
def committed_app(
    dla_service: ServiceSpec,
    dla_settings: ServiceSettings,
    committed_engine: AsyncEngine,
    dla_token_mint: TokenMint,
) -> FastAPI:
    return service_app(dla_service, dla_settings, make_sessionmaker(committed_engine), dla_token_mint)


def device(app: FastAPI, name: str) -> httpx.AsyncClient:
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url=f"http://{name}")


async def test_two_devices_starting_at_once_get_one_session(
    committed_app: FastAPI, committed_engine: AsyncEngine, dla_token_mint: TokenMint
) -> None:
    who = person(dla_token_mint)
    async with device(committed_app, "phone") as phone, device(committed_app, "laptop") as laptop:
        answers = await asyncio.gather(
            *(
                client.post("/sessions", json={"language": "en"}, headers=who.headers)
                for client in (phone, laptop)
            )
        )
    assert sorted(r.status_code for r in answers) == [200, 201], [r.text for r in answers]
    assert answers[0].json()["id"] == answers[1].json()["id"]
    async with committed_engine.connect() as connection:
        count = await connection.scalar(select(func.count()).where(TestSession.person_id == who.id))
    assert count == 1


async def test_two_devices_asking_for_the_current_item_at_once_get_one_position(
    committed_app: FastAPI, committed_engine: AsyncEngine, dla_token_mint: TokenMint
) -> None:
    who = person(dla_token_mint)
    async with device(committed_app, "phone") as phone, device(committed_app, "laptop") as laptop:
        session_id = (await phone.post("/sessions", json={"language": "en"}, headers=who.headers)).json()[
            "id"
        ]
        for _ in range(2):
            both = await asyncio.gather(
                *(
                    c.get(f"/sessions/{session_id}/current", headers=who.headers)
                    for c in (phone, laptop, phone)
                )
            )
            assert [r.status_code for r in both] == [200, 200, 200], [r.text for r in both]
            assert both[0].json() == both[1].json() == both[2].json()
            current = both[0].json()
            body = {"item_id": current["item"]["id"], "answer": {"choice": "b"}}
            url = f"/sessions/{session_id}/responses/{current['position']}"
            # The same answer sent from both devices at once is one answer.
            puts = await asyncio.gather(
                *(c.put(url, json=body, headers=who.headers) for c in (phone, laptop))
            )
            assert [r.status_code for r in puts] == [200, 200]
            assert puts[0].json() == puts[1].json()
    async with committed_engine.connect() as connection:
        positions = (
            await connection.execute(
                select(SessionItem.position, SessionItem.answered_at.is_not(None))
                .where(SessionItem.session_id == uuid.UUID(session_id))
                .order_by(SessionItem.position)
            )
        ).all()
    assert [tuple(row) for row in positions] == [(1, True), (2, True)]
