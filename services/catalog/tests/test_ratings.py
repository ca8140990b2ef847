"""Ratings of items (one per person, editable, average kept) and "mark as done"."""

import asyncio
import uuid
from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from sqlalchemy import delete, func, select
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession

from catalog.database import events
from catalog.items.models import ItemCompletion, ItemRating, LearningItem
from kit.db import make_sessionmaker
from kit.testing.plugin import problem
from kit.testing.tokens import TokenMint

from .conftest import ORG_PATH
from .factories.items import bearer, create, ministry, published_item


@pytest.fixture
async def http(app: FastAPI) -> Any:
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://t") as client:
        yield client


async def test_each_person_rates_once_and_the_average_follows_every_change(
    client: httpx.AsyncClient, http: httpx.AsyncClient, dla_token_mint: TokenMint, db_session: AsyncSession
) -> None:
    item = await published_item(client)
    path = f"/items/{item['id']}"
    ona, jonas = bearer(dla_token_mint, ORG_PATH), bearer(dla_token_mint, ministry())
    first = (
        await http.put(f"{path}/rating", json={"rating": 5, "comment": "Very practical."}, headers=ona)
    ).json()
    assert (first["rating_count"], first["rating_average"]) == (1, 5.0)
    second = (await http.put(f"{path}/rating", json={"rating": 2}, headers=jonas)).json()
    assert (second["rating_count"], second["rating_average"]) == (2, 3.5)
    edited = (await http.put(f"{path}/rating", json={"rating": 3}, headers=ona)).json()
    assert (edited["rating_count"], edited["rating_average"]) == (2, 2.5)
    again = (await http.put(f"{path}/rating", json={"rating": 3}, headers=ona)).json()
    assert (again["rating_count"], again["rating_average"]) == (2, 2.5)
    assert (await http.get(f"{path}/rating", headers=ona)).json()["comment"] is None
    listed = (await http.get(f"{path}/ratings")).json()
    assert listed["total"] == 2
    assert sorted(r["rating"] for r in listed["items"]) == [2, 3]
    assert all(set(r) == {"rating", "comment", "created_at", "updated_at"} for r in listed["items"])
    assert await db_session.scalar(select(func.count()).select_from(ItemRating)) == 2


async def test_withdrawing_a_rating_is_idempotent_and_updates_the_average(
    client: httpx.AsyncClient, http: httpx.AsyncClient, dla_token_mint: TokenMint
) -> None:
    item = await published_item(client)
    path = f"/items/{item['id']}"
    ona, jonas = bearer(dla_token_mint, ORG_PATH), bearer(dla_token_mint, ORG_PATH)
    await http.put(f"{path}/rating", json={"rating": 4}, headers=ona)
    await http.put(f"{path}/rating", json={"rating": 2, "comment": "Too long."}, headers=jonas)
    for _ in range(2):
        assert (await http.delete(f"{path}/rating", headers=jonas)).status_code == 204
    now = (await http.get(path)).json()
    assert (now["rating_count"], now["rating_average"]) == (1, 4.0)
    problem(await http.get(f"{path}/rating", headers=jonas), 404, "not-found")


async def test_only_people_rate_only_published_items_they_see(
    client: httpx.AsyncClient, http: httpx.AsyncClient, dla_token_mint: TokenMint, db_session: AsyncSession
) -> None:
    draft = await create(client, "a-draft")
    private = await published_item(client, "private-item", owner="organisation", visibility="organisation")
    public = await published_item(client, "public-item")
    outsider = bearer(dla_token_mint, ministry())
    machine = {"Authorization": f"Bearer {dla_token_mint.client('hr-system', ORG_PATH[:2], scope='dla')}"}
    body = {"rating": 4}
    problem(await client.put(f"/items/{draft['id']}/rating", json=body), 409, "conflict")
    problem(await http.put(f"/items/{draft['id']}/rating", json=body, headers=outsider), 404, "not-found")
    problem(await http.put(f"/items/{private['id']}/rating", json=body, headers=outsider), 404, "not-found")
    problem(await http.put(f"/items/{public['id']}/rating", json=body), 401, "unauthorized")
    problem(await http.put(f"/items/{public['id']}/rating", json=body, headers=machine), 403, "forbidden")
    for bad in (
        {"rating": 0},
        {"rating": 6},
        {"rating": "five"},
        {"rating": 3, "comment": "<a href=x>spam</a>"},
    ):
        problem(await client.put(f"/items/{public['id']}/rating", json=bad), 422, "validation")
    assert await db_session.scalar(select(func.count()).select_from(ItemRating)) == 0
    assert (
        await db_session.scalar(select(LearningItem.rating_count).where(LearningItem.slug == "public-item"))
        == 0
    )


async def test_concurrent_ratings_of_one_item_are_all_counted(
    dla_engine: AsyncEngine, app: FastAPI, dla_token_mint: TokenMint, editor_headers: dict[str, str]
) -> None:
    # Real connections, each request its own transaction: the row lock keeps count and sum right.
    app.state.sessionmaker = make_sessionmaker(dla_engine)
    slug = f"rated-{uuid.uuid4().hex[:8]}"
    people = [bearer(dla_token_mint, ORG_PATH) for _ in range(8)]
    try:
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://t") as http:
            item = await published_item(http, slug, editor_headers)
            answers = await asyncio.gather(
                *(
                    http.put(f"/items/{item['id']}/rating", json={"rating": 1 + n % 5}, headers=person)
                    for n, person in enumerate(people)
                )
            )
            assert {a.status_code for a in answers} == {200}
            final = (await http.get(f"/items/{item['id']}")).json()
        assert final["rating_count"] == 8
        assert final["rating_average"] == round(sum(1 + n % 5 for n in range(8)) / 8, 2)
    finally:
        async with dla_engine.begin() as conn:
            await conn.execute(delete(events.outbox).where(events.outbox.c.payload["slug"].astext == slug))
            await conn.execute(delete(LearningItem).where(LearningItem.slug == slug))


async def test_marking_an_item_done_is_recorded_and_announced_once(
    client: httpx.AsyncClient, http: httpx.AsyncClient, dla_token_mint: TokenMint, db_session: AsyncSession
) -> None:
    item = await published_item(client)
    person = uuid.uuid4()
    learner = bearer(dla_token_mint, ORG_PATH, person_id=person)
    problem(await http.get(f"/items/{item['id']}/done", headers=learner), 404, "not-found")
    first = await http.post(f"/items/{item['id']}/done", headers=learner)
    again = await http.post(f"/items/{item['id']}/done", headers=learner)
    assert (first.status_code, again.status_code) == (201, 200)
    assert first.json() == again.json()
    status = await http.get(f"/items/{item['id']}/done", headers=learner)
    assert (status.status_code, status.json()) == (200, first.json())
    other = bearer(dla_token_mint, ORG_PATH, person_id=uuid.uuid4())
    problem(await http.get(f"/items/{item['id']}/done", headers=other), 404, "not-found")
    assert (first.json()["item_id"], first.json()["person_id"]) == (item["id"], str(person))
    sent = (
        await db_session.execute(
            select(events.outbox.c.payload).where(events.outbox.c.type == "catalog.item.completed")
        )
    ).scalars()
    assert list(sent) == [first.json()]
    assert await db_session.scalar(select(func.count()).select_from(ItemCompletion)) == 1


async def test_done_needs_a_person_and_a_published_item_they_see(
    client: httpx.AsyncClient, http: httpx.AsyncClient, dla_token_mint: TokenMint, db_session: AsyncSession
) -> None:
    draft = await create(client, "a-draft")
    private = await published_item(client, "private-item", owner="organisation", visibility="organisation")
    outsider = bearer(dla_token_mint, ministry())
    machine = {"Authorization": f"Bearer {dla_token_mint.client('hr-system', ORG_PATH[:2], scope='dla')}"}
    problem(await client.post(f"/items/{draft['id']}/done"), 409, "conflict")
    problem(await http.post(f"/items/{private['id']}/done", headers=outsider), 404, "not-found")
    problem(await http.post(f"/items/{private['id']}/done"), 401, "unauthorized")
    problem(await http.post(f"/items/{private['id']}/done", headers=machine), 403, "forbidden")
    await client.post(f"/items/{private['id']}/retire")
    problem(await client.post(f"/items/{private['id']}/done"), 409, "conflict")
    assert await db_session.scalar(select(func.count()).select_from(ItemCompletion)) == 0
    completed = select(func.count()).where(events.outbox.c.type == "catalog.item.completed")
    assert await db_session.scalar(completed) == 0
