"""The acceptance test: 50 people register at the same moment for 10 seats, on real connections.

The other tests share one connection per test, where row locks cannot conflict; this one runs
against a scratch database whose data is committed, with a real connection pool, so every request
is its own transaction and the session row lock is what keeps order.
"""

import asyncio
import uuid
from collections.abc import AsyncIterator, Iterator

import httpx
import pytest
from fastapi import FastAPI
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncEngine

from catalog.database import events
from catalog.workshops.models import Registration
from kit.db import make_engine, make_sessionmaker
from kit.settings import ServiceSettings
from kit.testing.plugin import ServiceSpec, migrated_database, service_app
from kit.testing.tokens import TokenMint

from .factories.workshops import Who, person, register, session, workshop

PEOPLE = 50
SEATS = 10


@pytest.fixture(scope="module")
def committed_url(dla_admin_url: str, dla_service: ServiceSpec) -> Iterator[str]:
    name = f"dla_test_workshops_{uuid.uuid4().hex[:8]}"
    with migrated_database(dla_admin_url, name, dla_service.name, dla_service.directory) as url:
        yield url


@pytest.fixture(scope="module")
async def committed_engine(committed_url: str) -> AsyncIterator[AsyncEngine]:
    engine = make_engine(committed_url, pool_size=10)
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


def device(app: FastAPI, headers: dict[str, str] | None = None) -> httpx.AsyncClient:
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://t", headers=headers)


async def everyone(app: FastAPI, session_id: str, people: list[Who]) -> list[httpx.Response]:
    """Each person on their own client, all at once."""
    clients = [device(app) for _ in people]
    try:
        return list(
            await asyncio.gather(
                *(register(c, session_id, who) for c, who in zip(clients, people, strict=True))
            )
        )
    finally:
        await asyncio.gather(*(c.aclose() for c in clients))


async def rows(engine: AsyncEngine, session_id: str) -> list[Registration]:
    async with make_sessionmaker(engine)() as db:
        found = await db.scalars(
            select(Registration)
            .where(Registration.session_id == uuid.UUID(session_id))
            .order_by(Registration.arrival)
        )
        return list(found)


async def events_of(engine: AsyncEngine, session_id: str) -> list[tuple[str, dict[str, object]]]:
    async with engine.connect() as conn:
        found = await conn.execute(
            select(events.outbox.c.type, events.outbox.c.payload).where(
                events.outbox.c.payload["session_id"].astext == session_id
            )
        )
        return [(t, p) for t, p in found]


async def test_fifty_people_at_once_for_ten_seats(
    committed_app: FastAPI, committed_engine: AsyncEngine, dla_token_mint: TokenMint
) -> None:
    editor = person(dla_token_mint, roles=["content_editor"])
    async with device(committed_app, editor.headers) as http:
        item_id = await workshop(http, f"rush-{uuid.uuid4().hex[:8]}")
        session_id = (await session(http, item_id, capacity=SEATS))["id"]
    people = [person(dla_token_mint) for _ in range(PEOPLE)]

    answers = await everyone(committed_app, session_id, people)
    assert [a.status_code for a in answers] == [201] * PEOPLE, [
        a.text for a in answers if a.status_code != 201
    ]
    statuses = [a.json()["status"] for a in answers]
    assert (statuses.count("confirmed"), statuses.count("waitlisted")) == (SEATS, PEOPLE - SEATS)
    positions = sorted(a.json()["waitlist_position"] for a in answers if a.json()["status"] == "waitlisted")
    assert positions == list(range(1, PEOPLE - SEATS + 1))

    stored = await rows(committed_engine, session_id)
    assert len(stored) == PEOPLE
    assert len({r.person_id for r in stored}) == PEOPLE
    # Arrival order, as the lock decided it: the first ten arrivals have the seats, and the line
    # is served by arrival.
    assert [r.status for r in stored] == ["confirmed"] * SEATS + ["waitlisted"] * (PEOPLE - SEATS)
    by_id = {a.json()["id"]: a.json() for a in answers}
    line = [by_id[str(r.id)]["waitlist_position"] for r in stored[SEATS:]]
    assert line == list(range(1, PEOPLE - SEATS + 1))

    # Every client retries (say the answers were lost): the same registrations, nothing new.
    retries = await everyone(committed_app, session_id, people)
    assert [r.status_code for r in retries] == [200] * PEOPLE
    assert [r.json()["id"] for r in retries] == [a.json()["id"] for a in answers]
    assert len(await rows(committed_engine, session_id)) == PEOPLE
    assert len(await events_of(committed_engine, session_id)) == PEOPLE

    # A confirmed person cancels: the first in line gets the seat, and is told.
    who = {str(p.id): p for p in people}
    leaver = who[str(stored[0].person_id)]
    first_in_line = stored[SEATS]
    async with device(committed_app) as http:
        gone = await http.delete(f"/workshop-sessions/{session_id}/registration", headers=leaver.headers)
    assert gone.json()["status"] == "cancelled", gone.text
    after = {r.person_id: r for r in await rows(committed_engine, session_id)}
    assert after[first_in_line.person_id].status == "confirmed"
    assert sum(r.status == "confirmed" for r in after.values()) == SEATS
    promoted = [
        p for t, p in await events_of(committed_engine, session_id) if t == "catalog.registration.promoted"
    ]
    assert [p["person_id"] for p in promoted] == [str(first_in_line.person_id)]

    # Two more leave at the same moment: the next two in line, in order, and no seat is lost.
    leavers = [who[str(r.person_id)] for r in stored[1:3]]
    clients = [device(committed_app) for _ in leavers]
    await asyncio.gather(
        *(
            c.delete(f"/workshop-sessions/{session_id}/registration", headers=p.headers)
            for c, p in zip(clients, leavers, strict=True)
        )
    )
    await asyncio.gather(*(c.aclose() for c in clients))
    final = {r.person_id: r for r in await rows(committed_engine, session_id)}
    assert {final[r.person_id].status for r in stored[SEATS + 1 : SEATS + 3]} == {"confirmed"}
    assert final[stored[SEATS + 3].person_id].status == "waitlisted"
    assert sum(r.status == "confirmed" for r in final.values()) == SEATS
    async with device(committed_app) as http:
        view = (await http.get(f"/workshop-sessions/{session_id}")).json()
    assert (view["seats_left"], view["waitlist_length"]) == (0, PEOPLE - SEATS - 3)
