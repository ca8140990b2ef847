"""The receiving end of `catalog.item.*`: signed requests through `POST /events`."""

import uuid
from datetime import UTC, datetime
from typing import Any

import httpx
import pytest
from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from kit.settings import ServiceSettings
from kit.testing.plugin import problem
from pathways.catalog_items.models import CatalogItem
from pathways.database import events

from .factories.catalog_events import envelope, item_data, signed

PUBLISHED, RETIRED = "catalog.item.published", "catalog.item.retired"
LONG_AGO = datetime(2020, 1, 1, tzinfo=UTC)


@pytest.fixture
def secret(dla_settings: ServiceSettings) -> str:
    return dla_settings.webhook_secret


async def deliver(
    client: httpx.AsyncClient, secret: str, event_type: str, data: Any, event_id: str | None = None
) -> httpx.Response:
    body = envelope(event_type, data)
    return await client.post("/events", content=body, headers=signed(secret, body, event_id))


async def stored(session: AsyncSession) -> list[tuple[str, str, int]]:
    rows = await session.execute(select(CatalogItem.slug, CatalogItem.status, CatalogItem.duration_minutes))
    return [tuple(row) for row in rows]  # type: ignore[misc]


async def inbox_size(session: AsyncSession) -> int:
    return (await session.scalar(select(func.count()).select_from(events.inbox))) or 0


async def test_published_event_is_processed_and_listed(
    client: httpx.AsyncClient, db_session: AsyncSession, secret: str
) -> None:
    data = item_data()
    response = await deliver(client, secret, PUBLISHED, data)
    assert response.json() == {"status": "processed"}
    assert await stored(db_session) == [("phishing-basics", "published", 10)]
    listed = (await client.get("/catalog-items")).json()
    assert listed["total"] == 1
    item = listed["items"][0]
    assert (item["id"], item["competences"], item["languages"]) == (data["id"], ["4.1", "4.2"], ["en", "lt"])
    assert item["title"] == data["title"]


async def test_redelivery_with_the_same_webhook_id_is_a_duplicate_without_effect(
    client: httpx.AsyncClient, db_session: AsyncSession, secret: str
) -> None:
    data = item_data()
    first = await deliver(client, secret, PUBLISHED, data, event_id="evt-1")
    await db_session.execute(update(CatalogItem).values(updated_at=LONG_AGO))
    await db_session.commit()
    again = await deliver(client, secret, PUBLISHED, data, event_id="evt-1")
    # Same id, other content: still the same event as far as the inbox is concerned.
    retire = await deliver(client, secret, RETIRED, {**data, "status": "retired"}, event_id="evt-1")
    assert [r.json()["status"] for r in (first, again, retire)] == ["processed", "duplicate", "duplicate"]
    assert await stored(db_session) == [("phishing-basics", "published", 10)]
    assert await db_session.scalar(select(CatalogItem.updated_at)) == LONG_AGO
    assert await inbox_size(db_session) == 1


async def test_a_new_event_with_the_same_content_changes_nothing(
    client: httpx.AsyncClient, db_session: AsyncSession, secret: str
) -> None:
    data = item_data()
    await deliver(client, secret, PUBLISHED, data)
    await db_session.execute(update(CatalogItem).values(updated_at=LONG_AGO))
    await db_session.commit()
    assert (await deliver(client, secret, PUBLISHED, data)).json() == {"status": "processed"}
    assert await db_session.scalar(select(CatalogItem.updated_at)) == LONG_AGO


async def test_republished_item_takes_the_new_content(
    client: httpx.AsyncClient, db_session: AsyncSession, secret: str
) -> None:
    item_id = uuid.uuid4()
    await deliver(client, secret, PUBLISHED, item_data(item_id))
    await deliver(client, secret, PUBLISHED, item_data(item_id, duration_minutes=25))
    assert await stored(db_session) == [("phishing-basics", "published", 25)]


async def test_retired_event_retires_the_copy(
    client: httpx.AsyncClient, db_session: AsyncSession, secret: str
) -> None:
    item_id = uuid.uuid4()
    await deliver(client, secret, PUBLISHED, item_data(item_id))
    await deliver(client, secret, RETIRED, item_data(item_id, status="retired"))
    assert await stored(db_session) == [("phishing-basics", "retired", 10)]
    assert (await client.get("/catalog-items", params={"status": "published"})).json()["total"] == 0


async def test_stale_published_after_retired_leaves_the_item_retired(
    client: httpx.AsyncClient, db_session: AsyncSession, secret: str
) -> None:
    item_id = uuid.uuid4()
    # The retirement overtook the publication: the item is stored retired, never resurrected.
    await deliver(client, secret, RETIRED, item_data(item_id, status="retired"))
    assert await stored(db_session) == [("phishing-basics", "retired", 10)]
    late = await deliver(client, secret, PUBLISHED, item_data(item_id, duration_minutes=99))
    assert late.json() == {"status": "processed"}
    assert await stored(db_session) == [("phishing-basics", "retired", 10)]


async def test_bad_signature_is_refused_and_writes_nothing(
    client: httpx.AsyncClient, db_session: AsyncSession, secret: str
) -> None:
    body = envelope(PUBLISHED, item_data())
    tampered = signed(secret, body.replace("phishing-basics", "phishing-basic"))
    problem(await client.post("/events", content=body, headers=tampered), 401, "unauthorized")
    other_secret = "whsec_" + "b3RoZXItc2VjcmV0LW90aGVyLXNlY3JldCE="
    problem(
        await client.post("/events", content=body, headers=signed(other_secret, body)), 401, "unauthorized"
    )
    unsigned = await client.post("/events", content=body, headers={"content-type": "application/json"})
    problem(unsigned, 401, "unauthorized")
    assert (await stored(db_session), await inbox_size(db_session)) == ([], 0)


@pytest.mark.parametrize(
    "body",
    [
        "[1, 2]",
        '{"type": "catalog.item.published"}',
        '{"type": 7, "data": {}}',
        '{"type": "catalog.item.published", "data": "x"}',
        "not json",
    ],
    ids=["array", "no-data", "type-not-string", "data-not-object", "not-json"],
)
async def test_signed_body_that_is_not_an_envelope_is_a_bad_request(
    client: httpx.AsyncClient, db_session: AsyncSession, secret: str, body: str
) -> None:
    problem(await client.post("/events", content=body, headers=signed(secret, body)), 400, "bad-request")
    assert (await stored(db_session), await inbox_size(db_session)) == ([], 0)


@pytest.mark.parametrize(
    "data",
    [
        item_data(level_min=0),
        item_data(level_min=5, level_max=2),
        item_data(competences=["first"]),
        item_data(id="not-a-uuid"),
        {"id": str(uuid.uuid4())},
        item_data(duration_minutes=0),
    ],
    ids=["level-0", "levels-reversed", "bad-competence", "bad-id", "missing-fields", "no-duration"],
)
async def test_invalid_item_is_refused_and_can_be_redelivered(
    client: httpx.AsyncClient, db_session: AsyncSession, secret: str, data: dict[str, Any]
) -> None:
    refused = await deliver(client, secret, PUBLISHED, data, event_id="evt-bad")
    problem(refused, 422, "validation")
    # Nothing kept, not even the inbox row: a corrected redelivery of the same event still counts.
    assert (await stored(db_session), await inbox_size(db_session)) == ([], 0)
    fixed = await deliver(client, secret, PUBLISHED, item_data(), event_id="evt-bad")
    assert fixed.json() == {"status": "processed"}


async def test_unknown_event_type_is_acknowledged_and_ignored(
    client: httpx.AsyncClient, db_session: AsyncSession, secret: str
) -> None:
    response = await deliver(client, secret, "catalog.workshop.created", item_data())
    assert response.json() == {"status": "ignored"}
    assert await stored(db_session) == []


async def test_fields_the_catalog_adds_later_are_tolerated(
    client: httpx.AsyncClient, db_session: AsyncSession, secret: str
) -> None:
    data = item_data(kind="document", accessibility=["captions"])
    assert (await deliver(client, secret, PUBLISHED, data)).json() == {"status": "processed"}
    assert await stored(db_session) == [("phishing-basics", "published", 10)]


async def test_a_private_item_is_not_kept_and_a_public_copy_turned_private_is_removed(
    client: httpx.AsyncClient, db_session: AsyncSession, secret: str
) -> None:
    private = {**item_data(), "visibility": "organisation"}
    assert (await deliver(client, secret, PUBLISHED, private)).json() == {"status": "processed"}
    assert await stored(db_session) == []
    public = {**item_data(), "id": str(uuid.uuid4()), "slug": "shared-then-private"}
    await deliver(client, secret, PUBLISHED, public)
    assert [slug for slug, _, _ in await stored(db_session)] == ["shared-then-private"]
    await deliver(client, secret, PUBLISHED, {**public, "visibility": "organisation"})
    db_session.expire_all()
    assert await stored(db_session) == []
    assert (await client.get("/catalog-items")).json()["total"] == 0
