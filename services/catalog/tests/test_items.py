import asyncio
import uuid

import httpx
from fastapi import FastAPI
from sqlalchemy import delete, func, select
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession

from catalog.database import events
from catalog.items.models import LearningItem
from kit.db import make_sessionmaker
from kit.testing.plugin import problem
from kit.testing.tokens import TokenMint

from .factories.items import item_payload


async def count(session: AsyncSession, table: object) -> int:
    return (await session.scalar(select(func.count()).select_from(table))) or 0  # type: ignore[arg-type]


async def test_created_item_is_listed_and_announced_in_the_outbox(
    client: httpx.AsyncClient, db_session: AsyncSession
) -> None:
    created = await client.post("/items", json=item_payload())
    assert created.status_code == 201, created.text
    body = created.json()
    assert body["languages"] == ["en", "lt"]
    assert body["competences"] == ["1.3", "3.1"]
    listed = (await client.get("/items")).json()
    assert [i["slug"] for i in listed["items"]] == ["spreadsheets-basics"]
    assert listed["total"] == 1
    outbox = (await db_session.execute(select(events.outbox.c.type, events.outbox.c.payload))).all()
    assert [(t, p["slug"]) for t, p in outbox] == [("catalog.item.published", "spreadsheets-basics")]


async def test_retried_create_returns_the_same_item_without_a_second_event(
    client: httpx.AsyncClient, db_session: AsyncSession
) -> None:
    first = await client.post("/items", json=item_payload())
    again = await client.post("/items", json=item_payload())
    assert (first.status_code, again.status_code) == (201, 200)
    assert first.json()["id"] == again.json()["id"]
    assert await count(db_session, events.outbox) == 1


async def test_same_slug_with_other_content_is_a_conflict(
    client: httpx.AsyncClient, db_session: AsyncSession
) -> None:
    await client.post("/items", json=item_payload())
    clash = await client.post("/items", json=item_payload(duration_minutes=90))
    problem(clash, 409, "conflict")
    stored = await db_session.scalar(select(LearningItem.duration_minutes))
    assert stored == 45


async def test_retire_hides_the_item_and_announces_once(
    client: httpx.AsyncClient, db_session: AsyncSession
) -> None:
    item = (await client.post("/items", json=item_payload())).json()
    for _ in range(2):
        retired = await client.post(f"/items/{item['id']}/retire")
        assert retired.json()["status"] == "retired"
    assert (await client.get("/items")).json()["total"] == 0
    assert (await client.get("/items", params={"status": "retired"})).json()["total"] == 1
    types = (await db_session.scalars(select(events.outbox.c.type))).all()
    assert sorted(types) == ["catalog.item.published", "catalog.item.retired"]


async def test_filters_by_language_competence_and_kind(client: httpx.AsyncClient) -> None:
    await client.post("/items", json=item_payload("a-lt-course", languages=["lt"], competences=["4.2"]))
    await client.post("/items", json=item_payload("an-en-video", kind="video", languages=["en"]))
    assert [i["slug"] for i in (await client.get("/items", params={"language": "lt"})).json()["items"]] == [
        "a-lt-course"
    ]
    assert [
        i["slug"] for i in (await client.get("/items", params={"competence": "4.2"})).json()["items"]
    ] == ["a-lt-course"]
    assert [i["slug"] for i in (await client.get("/items", params={"kind": "video"})).json()["items"]] == [
        "an-en-video"
    ]


async def test_pagination_pages_through_all_items(client: httpx.AsyncClient) -> None:
    for n in range(5):
        await client.post("/items", json=item_payload(f"item-{n}"))
    pages = [(await client.get("/items", params={"limit": 2, "offset": o})).json() for o in (0, 2, 4)]
    slugs = [i["slug"] for p in pages for i in p["items"]]
    assert sorted(slugs) == [f"item-{n}" for n in range(5)]
    assert {p["total"] for p in pages} == {5}
    problem(await client.get("/items", params={"limit": 0}), 422, "validation")


async def test_bad_input_is_refused_and_writes_nothing(
    client: httpx.AsyncClient, db_session: AsyncSession
) -> None:
    malformed = await client.post(
        "/items", content=b'{"slug": ', headers={"content-type": "application/json"}
    )
    problem(malformed, 400, "malformed-json")
    wrong_type = await client.post("/items", json=item_payload(duration_minutes="long"))
    assert problem(wrong_type, 422, "validation")["errors"][0]["loc"] == ["body", "duration_minutes"]
    unknown = await client.post("/items", json=item_payload(price=10))
    problem(unknown, 422, "validation")
    levels = await client.post("/items", json=item_payload(level_min=5, level_max=2))
    problem(levels, 422, "validation")
    no_title = await client.post("/items", json=item_payload(title={}))
    problem(no_title, 422, "validation")
    huge = await client.post("/items", json=item_payload(summary={"en": "x" * (1024 * 1024 + 1)}))
    problem(huge, 413, "payload-too-large")
    assert await count(db_session, LearningItem.__table__) == 0
    assert await count(db_session, events.outbox) == 0


async def test_unknown_item_is_not_found(client: httpx.AsyncClient) -> None:
    problem(await client.get(f"/items/{uuid.uuid4()}"), 404, "not-found")
    problem(await client.post(f"/items/{uuid.uuid4()}/retire"), 404, "not-found")
    problem(await client.get("/items/not-a-uuid"), 422, "validation")


async def test_concurrent_identical_creates_make_one_item_and_one_event(
    dla_engine: AsyncEngine, app: FastAPI, editor_headers: dict[str, str]
) -> None:
    # Two real connections, each its own transaction, racing on the same slug.
    slug = f"race-{uuid.uuid4().hex[:8]}"
    app.state.sessionmaker = make_sessionmaker(dla_engine)
    transport = httpx.ASGITransport(app=app)
    try:
        async with httpx.AsyncClient(
            transport=transport, base_url="http://t", headers=editor_headers
        ) as http:
            answers = await asyncio.gather(*(http.post("/items", json=item_payload(slug)) for _ in range(2)))
        assert sorted(a.status_code for a in answers) == [200, 201]
        assert answers[0].json()["id"] == answers[1].json()["id"]
        async with dla_engine.connect() as conn:
            published = await conn.scalar(
                select(func.count())
                .select_from(events.outbox)
                .where(events.outbox.c.payload["slug"].astext == slug)
            )
        assert published == 1
    finally:
        async with dla_engine.begin() as conn:
            await conn.execute(delete(events.outbox).where(events.outbox.c.payload["slug"].astext == slug))
            await conn.execute(delete(LearningItem).where(LearningItem.slug == slug))


async def test_only_content_editors_write_the_catalog(
    app: FastAPI, dla_token_mint: TokenMint, db_session: AsyncSession
) -> None:
    learner = dla_token_mint.person(uuid.uuid4(), (uuid.uuid4(), uuid.uuid4()), roles=["learner"])
    admin = dla_token_mint.person(uuid.uuid4(), (uuid.uuid4(), uuid.uuid4()), roles=["platform_admin"])
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://t") as http:
        before = await db_session.scalar(select(func.count()).select_from(events.outbox))
        problem(await http.post("/items", json=item_payload("anonymous")), 401, "unauthorized")
        as_learner = {"Authorization": f"Bearer {learner}"}
        problem(await http.post("/items", json=item_payload("learner"), headers=as_learner), 403, "forbidden")
        problem(await http.post(f"/items/{uuid.uuid4()}/retire", headers=as_learner), 403, "forbidden")
        assert await db_session.scalar(select(func.count()).select_from(events.outbox)) == before
        as_admin = {"Authorization": f"Bearer {admin}"}
        assert (await http.post("/items", json=item_payload("by-admin"), headers=as_admin)).status_code == 201
        assert (await http.get("/items")).status_code == 200  # reading stays public
