from datetime import UTC, datetime

import httpx
import pytest
from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from kit.testing.plugin import problem
from pathways.competences import DIGCOMP_CODES
from pathways.role_profiles.models import RoleProfile

from .factories.role_profiles import profile_body

LONG_AGO = datetime(2020, 1, 1, tzinfo=UTC)


async def count(session: AsyncSession) -> int:
    return (await session.scalar(select(func.count()).select_from(RoleProfile))) or 0


async def age(session: AsyncSession, key: str) -> None:
    """Backdate a profile, so a later change to updated_at is visible inside one test transaction."""
    await session.execute(update(RoleProfile).where(RoleProfile.key == key).values(updated_at=LONG_AGO))
    await session.commit()


async def test_put_creates_a_profile_that_can_be_read_and_listed(client: httpx.AsyncClient) -> None:
    created = await client.put("/role-profiles/data_steward", json=profile_body())
    assert created.status_code == 201, created.text
    body = created.json()
    assert body["key"] == "data_steward"
    assert list(body["targets"]) == list(DIGCOMP_CODES)
    assert (await client.get("/role-profiles/data_steward")).json() == body
    listed = (await client.get("/role-profiles")).json()
    assert (listed["total"], [p["key"] for p in listed["items"]]) == (1, ["data_steward"])


async def test_same_put_twice_changes_nothing(client: httpx.AsyncClient, db_session: AsyncSession) -> None:
    first = await client.put("/role-profiles/data_steward", json=profile_body())
    await age(db_session, "data_steward")
    again = await client.put("/role-profiles/data_steward", json=profile_body())
    assert (first.status_code, again.status_code) == (201, 200)
    assert {k: v for k, v in again.json().items() if k != "updated_at"} == {
        k: v for k, v in first.json().items() if k != "updated_at"
    }
    assert datetime.fromisoformat(again.json()["updated_at"]) == LONG_AGO
    assert await count(db_session) == 1


async def test_put_with_other_content_replaces_the_profile(
    client: httpx.AsyncClient, db_session: AsyncSession
) -> None:
    await client.put("/role-profiles/data_steward", json=profile_body())
    await age(db_session, "data_steward")
    changed = profile_body(
        targets={**dict.fromkeys(DIGCOMP_CODES, 3), "1.3": 6},
        title={"en": "Data steward", "lt": "Duomenų prižiūrėtojas (-a)"},
    )
    replaced = await client.put("/role-profiles/data_steward", json=changed)
    assert replaced.status_code == 200, replaced.text
    body = replaced.json()
    assert body["targets"]["1.3"] == 6
    assert body["title"]["lt"] == "Duomenų prižiūrėtojas (-a)"
    assert datetime.fromisoformat(body["updated_at"]) > LONG_AGO
    assert (await client.get("/role-profiles/data_steward")).json() == body


async def test_unknown_profile_is_not_found(client: httpx.AsyncClient) -> None:
    problem(await client.get("/role-profiles/astronaut"), 404, "not-found")


@pytest.mark.parametrize(
    "body",
    [
        profile_body(targets={**dict.fromkeys(DIGCOMP_CODES, 3), "6.1": 3}),
        profile_body(targets={code: 3 for code in DIGCOMP_CODES if code != "5.4"}),
        profile_body(targets={**dict.fromkeys(DIGCOMP_CODES, 3), "2.2": 9}),
        profile_body(targets={**dict.fromkeys(DIGCOMP_CODES, 3), "2.2": 0}),
        profile_body(targets={**dict.fromkeys(DIGCOMP_CODES, 3), "1.1": "high"}),
        profile_body(targets={**dict.fromkeys(DIGCOMP_CODES, 3), "one": 3}),
        profile_body(title={}),
        profile_body(description={"en": "   "}),
        profile_body(owner="hr"),
        {"title": {"en": "No targets"}, "description": {"en": "x"}},
    ],
    ids=[
        "unknown-code",
        "missing-code",
        "level-9",
        "level-0",
        "level-text",
        "bad-code",
        "no-title",
        "blank-description",
        "extra-field",
        "no-targets",
    ],
)
async def test_invalid_profile_is_refused_and_writes_nothing(
    client: httpx.AsyncClient, db_session: AsyncSession, body: dict[str, object]
) -> None:
    problem(await client.put("/role-profiles/data_steward", json=body), 422, "validation")
    assert await count(db_session) == 0


async def test_invalid_put_leaves_the_existing_profile_as_it_was(client: httpx.AsyncClient) -> None:
    original = (await client.put("/role-profiles/data_steward", json=profile_body())).json()
    problem(await client.put("/role-profiles/data_steward", json=profile_body(level=9)), 422, "validation")
    assert (await client.get("/role-profiles/data_steward")).json() == original


async def test_bad_key_and_malformed_json_are_refused(
    client: httpx.AsyncClient, db_session: AsyncSession
) -> None:
    problem(await client.put("/role-profiles/Data-Steward", json=profile_body()), 422, "validation")
    problem(await client.put(f"/role-profiles/{'x' * 65}", json=profile_body()), 422, "validation")
    malformed = await client.put(
        "/role-profiles/data_steward", content=b'{"title": ', headers={"content-type": "application/json"}
    )
    problem(malformed, 400, "malformed-json")
    assert await count(db_session) == 0


async def test_list_pages_through_profiles_in_key_order(client: httpx.AsyncClient) -> None:
    for key in ("gamma", "alpha", "beta"):
        await client.put(f"/role-profiles/{key}", json=profile_body())
    pages = [(await client.get("/role-profiles", params={"limit": 2, "offset": o})).json() for o in (0, 2)]
    assert [[p["key"] for p in page["items"]] for page in pages] == [["alpha", "beta"], ["gamma"]]
    assert {page["total"] for page in pages} == {3}
    problem(await client.get("/role-profiles", params={"limit": 101}), 422, "validation")
