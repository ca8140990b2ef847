import asyncio
import uuid
from typing import Any

import httpx
from fastapi import FastAPI
from sqlalchemy import delete, func, select
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession

from catalog.database import events
from catalog.items.models import LearningItem, LearningItemVersion, SearchWord
from kit.db import make_sessionmaker
from kit.testing.plugin import problem
from kit.testing.tokens import TokenMint

from .conftest import ORG_PATH
from .factories.items import bearer, content_of, create, item_payload, publish, published_item


async def count(session: AsyncSession, table: Any) -> int:
    return (await session.scalar(select(func.count()).select_from(table))) or 0


async def nothing_written(session: AsyncSession) -> bool:
    return (
        await count(session, LearningItem.__table__) == 0
        and await count(session, LearningItemVersion.__table__) == 0
        and await count(session, events.outbox) == 0
    )


async def test_a_new_item_is_an_unannounced_draft_that_only_editors_list(
    client: httpx.AsyncClient, app: FastAPI, db_session: AsyncSession
) -> None:
    created = await client.post("/items", json=item_payload())
    assert created.status_code == 201, created.text
    body = created.json()
    assert (body["status"], body["version"], body["published_at"]) == ("draft", 1, None)
    assert body["languages"] == ["en", "lt"]
    assert await count(db_session, events.outbox) == 0
    anonymous = httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://t")
    async with anonymous:
        assert (await anonymous.get("/items")).json()["total"] == 0
        problem(await anonymous.get(f"/items/{body['id']}"), 404, "not-found")
        problem(await anonymous.get("/items", params={"status": "draft"}), 401, "unauthorized")
    drafts = (await client.get("/items", params={"status": "draft"})).json()
    assert [i["slug"] for i in drafts["items"]] == ["spreadsheets-basics"]


async def test_every_field_round_trips_and_tags_derive_the_competence_filters(
    client: httpx.AsyncClient,
) -> None:
    body = {"en": "## Steps\n\n1. Open the *file*.\n", "lt": "## Žingsniai\n\n1. Atidarykite **failą**.\n"}
    item = await create(
        client,
        kind="document",
        body=body,
        format="blended",
        provider="State Data Agency",
        licence="CC-BY-4.0",
        cost_eur="12.50",
        accessibility=["transcript", "captions", "captions"],
        external_id="VDA-17",
        prerequisites=[],
    )
    read = (await client.get(f"/items/{item['id']}")).json()
    assert read["body"] == {"en": body["en"].strip(), "lt": body["lt"].strip()}
    assert read["body_html"]["en"] == "<h2>Steps</h2>\n<ol>\n<li>Open the <em>file</em>.</li>\n</ol>\n"
    assert "<strong>failą</strong>" in read["body_html"]["lt"]
    assert (read["kind"], read["format"], read["provider"], read["licence"]) == (
        "document",
        "blended",
        "State Data Agency",
        "CC-BY-4.0",
    )
    assert read["cost_eur"] == "12.50"
    assert read["accessibility"] == ["captions", "transcript"]
    assert read["external_id"] == "VDA-17"
    assert [t["code"] for t in read["competence_levels"]] == ["1.3", "3.1"]
    assert (read["competences"], read["level_min"], read["level_max"]) == (["1.3", "3.1"], 2, 4)
    assert (read["owner_org_id"], read["visibility"], read["rating_average"]) == (None, "public", None)


async def test_search_texts_are_folded_from_every_language_and_words_enter_the_lexicon(
    client: httpx.AsyncClient, db_session: AsyncSession
) -> None:
    item = await create(
        client,
        title={"en": "Strong passwords", "lt": "Stiprūs slaptažodžiai"},
        summary={"en": "Make them long.", "lt": "Ilgi ir unikalūs."},
        body={"en": "Use a **password manager**.", "lt": "Naudokite [tvarkyklę](https://example.org)."},
        provider="Nacionalinis kibernetinio saugumo centras",
    )
    row = await db_session.get(LearningItem, uuid.UUID(item["id"]))
    assert row is not None
    assert row.search_title == "strong passwords stiprus slaptazodziai"
    for word in ("ilgi", "unikalus", "manager", "tvarkykle", "kibernetinio", "3.1", "1.3"):
        assert word in row.search_text
    assert "**" not in row.search_text
    assert "https" not in row.search_text
    lexicon = set(await db_session.scalars(select(SearchWord.word)))
    assert {"slaptazodziai", "stiprus", "tvarkykle", "password"} <= lexicon


async def test_retried_create_returns_the_same_draft_without_a_second_version(
    client: httpx.AsyncClient, db_session: AsyncSession
) -> None:
    first = await client.post("/items", json=item_payload())
    again = await client.post("/items", json=item_payload())
    assert (first.status_code, again.status_code) == (201, 200)
    assert first.json()["id"] == again.json()["id"]
    assert await count(db_session, LearningItemVersion.__table__) == 1


async def test_same_slug_with_other_content_is_a_conflict(
    client: httpx.AsyncClient, db_session: AsyncSession
) -> None:
    await client.post("/items", json=item_payload())
    clash = await client.post("/items", json=item_payload(duration_minutes=90))
    problem(clash, 409, "conflict")
    assert await db_session.scalar(select(LearningItem.duration_minutes)) == 45


async def test_html_in_a_plain_text_field_is_refused_and_writes_nothing(
    client: httpx.AsyncClient, db_session: AsyncSession
) -> None:
    attempts = [
        item_payload(title={"en": "<b>Bold</b> title", "lt": "Pavadinimas"}),
        item_payload(summary={"en": "Fine", "lt": "Spauskite <a href='x'>čia</a>"}),
        item_payload(title={"en": "Hi <script>alert(1)</script>", "lt": "Labas"}),
        item_payload(provider="<img src=x onerror=alert(1)>"),
        item_payload(title={"en": "<!-- hidden --> Title", "lt": "Pavadinimas"}),
    ]
    for payload in attempts:
        refused = problem(await client.post("/items", json=payload), 422, "validation")
        assert "HTML tags are not allowed" in refused["errors"][0]["msg"]
    assert await nothing_written(db_session)
    fine = await client.post(
        "/items", json=item_payload(title={"en": "When a < b and b > c", "lt": "Kai a < b"})
    )
    assert fine.status_code == 201, fine.text


async def test_script_in_a_markdown_body_never_reaches_the_rendered_html(client: httpx.AsyncClient) -> None:
    source = (
        "Hello <script>alert('x')</script>\n\n<img src=x onerror=alert(1)>\n\n"
        "[click](javascript:alert(1)) and [docs](https://e-tar.lt)\n"
    )
    item = await create(client, body={"en": source, "lt": "Labas"})
    html = item["body_html"]["en"]
    assert "<script" not in html
    assert "<img" not in html
    assert "&lt;script&gt;" in html
    assert "&lt;img" in html
    assert 'href="javascript' not in html
    assert '<a href="https://e-tar.lt" rel="noopener noreferrer nofollow">docs</a>' in html
    assert item["body"]["en"] == source.strip()


async def test_bad_input_is_refused_and_writes_nothing(
    client: httpx.AsyncClient, db_session: AsyncSession
) -> None:
    malformed = await client.post(
        "/items", content=b'{"slug": ', headers={"content-type": "application/json"}
    )
    problem(malformed, 400, "malformed-json")
    wrong_type = await client.post("/items", json=item_payload(duration_minutes="long"))
    assert problem(wrong_type, 422, "validation")["errors"][0]["loc"] == ["body", "duration_minutes"]
    tag = {"code": "1.1", "level_min": 5, "level_max": 2}
    bad = [
        item_payload(price=10),
        item_payload(competence_levels=[tag]),
        item_payload(competence_levels=[{"code": "1.1", "level_min": 1, "level_max": 2}] * 2),
        item_payload(competence_levels=[{"code": "11", "level_min": 1, "level_max": 2}]),
        item_payload(title={}),
        item_payload(cost_eur=-1),
        item_payload(cost_eur="1.005"),
        item_payload(accessibility=["sign_language"]),
        item_payload(kind="podcast"),
        item_payload(format="by_post"),
        item_payload(visibility="organisation"),
        item_payload(visibility="organisation", owner="nobody"),
        item_payload(body={"en": "x" * 20_001}),
        item_payload(url="javascript:alert(1)"),
    ]
    for payload in bad:
        problem(await client.post("/items", json=payload), 422, "validation")
    huge = await client.post("/items", json=item_payload(summary={"en": "x" * (1024 * 1024 + 1)}))
    problem(huge, 413, "payload-too-large")
    assert await nothing_written(db_session)


async def test_unknown_prerequisites_are_refused_and_known_ones_kept(
    client: httpx.AsyncClient, db_session: AsyncSession
) -> None:
    unknown = str(uuid.uuid4())
    refused = problem(
        await client.post("/items", json=item_payload(prerequisites=[unknown])), 422, "validation"
    )
    assert unknown in refused["detail"]
    assert await nothing_written(db_session)
    first = await create(client, "first-steps")
    second = await create(client, "next-steps", prerequisites=[first["id"], first["id"]])
    assert second["prerequisites"] == [first["id"]]
    own = {**content_of(second), "base_version": 1, "prerequisites": [second["id"]]}
    problem(await client.put(f"/items/{second['id']}", json=own), 422, "validation")


async def test_an_external_id_belongs_to_one_item_per_owner(
    client: httpx.AsyncClient, db_session: AsyncSession
) -> None:
    await create(client, "first-item", external_id="HR-1")
    problem(
        await client.post("/items", json=item_payload("second-item", external_id="HR-1")), 409, "conflict"
    )
    assert await count(db_session, LearningItem.__table__) == 1
    mine = await create(client, "own-item", external_id="HR-1", owner="organisation")
    assert mine["owner_org_id"] == str(ORG_PATH[1])


async def test_filters_by_language_competence_and_kind(client: httpx.AsyncClient) -> None:
    await published_item(
        client,
        "a-lt-course",
        languages=["lt"],
        competence_levels=[{"code": "4.2", "level_min": 1, "level_max": 2}],
    )
    await published_item(client, "an-en-video", kind="video", languages=["en"])
    await create(client, "a-draft-video", kind="video", languages=["lt"])

    async def slugs(**params: str) -> list[str]:
        return [i["slug"] for i in (await client.get("/items", params=params)).json()["items"]]

    assert await slugs(language="lt") == ["a-lt-course"]
    assert await slugs(competence="4.2") == ["a-lt-course"]
    assert await slugs(kind="video") == ["an-en-video"]
    assert await slugs(kind="video", status="draft") == ["a-draft-video"]
    both = await client.get(
        "/items", params=[("status", "draft"), ("status", "published"), ("kind", "video")]
    )
    assert sorted(i["slug"] for i in both.json()["items"]) == ["a-draft-video", "an-en-video"]


async def test_pagination_pages_through_all_items(client: httpx.AsyncClient) -> None:
    for n in range(5):
        await published_item(client, f"item-{n}")
    pages = [(await client.get("/items", params={"limit": 2, "offset": o})).json() for o in (0, 2, 4)]
    slugs = [i["slug"] for p in pages for i in p["items"]]
    assert sorted(slugs) == [f"item-{n}" for n in range(5)]
    assert {p["total"] for p in pages} == {5}
    problem(await client.get("/items", params={"limit": 0}), 422, "validation")


async def test_unknown_item_is_not_found_everywhere(client: httpx.AsyncClient) -> None:
    unknown = uuid.uuid4()
    change = {**item_payload(), "base_version": 1}
    change.pop("slug")
    # One after another: the test's requests share one connection.
    calls: list[tuple[str, str, dict[str, Any] | None]] = [
        ("GET", "", None),
        ("PUT", "", change),
        ("PATCH", "", {"base_version": 1, "duration_minutes": 5}),
        ("GET", "/versions", None),
        ("GET", "/versions/1", None),
        ("GET", "/ratings", None),
        ("GET", "/rating", None),
        ("PUT", "/rating", {"rating": 4}),
        ("DELETE", "/rating", None),
        ("POST", "/done", None),
        ("POST", "/request-changes", {"note": "More examples."}),
        ("POST", "/submit", None),
        ("POST", "/publish", None),
        ("POST", "/retire", None),
    ]
    for method, path, body in calls:
        problem(await client.request(method, f"/items/{unknown}{path}", json=body), 404, "not-found")
    item = await create(client)
    problem(await client.get(f"/items/{item['id']}/versions/2"), 404, "not-found")
    problem(await client.get("/items/not-a-uuid"), 422, "validation")


async def test_concurrent_identical_creates_make_one_item_and_one_version(
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
            versions = await conn.scalar(
                select(func.count())
                .select_from(LearningItemVersion)
                .join(LearningItem)
                .where(LearningItem.slug == slug)
            )
        assert versions == 1
    finally:
        async with dla_engine.begin() as conn:
            await conn.execute(delete(LearningItem).where(LearningItem.slug == slug))


async def test_only_content_editors_write_the_catalog(
    app: FastAPI, dla_token_mint: TokenMint, db_session: AsyncSession
) -> None:
    learner = bearer(dla_token_mint, ORG_PATH)
    admin = bearer(dla_token_mint, (uuid.uuid4(), uuid.uuid4()), roles=["platform_admin"])
    machine = {"Authorization": f"Bearer {dla_token_mint.client('hr-system', ORG_PATH[:2], scope='dla')}"}
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://t") as http:
        problem(await http.post("/items", json=item_payload("anonymous")), 401, "unauthorized")
        problem(await http.post("/items", json=item_payload("learner"), headers=learner), 403, "forbidden")
        problem(await http.post("/items", json=item_payload("machine"), headers=machine), 403, "forbidden")
        problem(await http.post(f"/items/{uuid.uuid4()}/retire", headers=learner), 403, "forbidden")
        problem(await http.get("/items", params={"status": "in_review"}, headers=learner), 403, "forbidden")
        assert await nothing_written(db_session)
        by_admin = await http.post("/items", json=item_payload("by-admin"), headers=admin)
        assert by_admin.status_code == 201
        await publish(http, by_admin.json()["id"], admin)
        problem(await http.put(f"/items/{by_admin.json()['id']}", json={}, headers=learner), 403, "forbidden")
        listed = (await http.get("/items")).json()  # reading stays public
        assert [i["slug"] for i in listed["items"]] == ["by-admin"]
