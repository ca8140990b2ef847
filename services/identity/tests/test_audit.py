"""The audit log: written with each sensitive action, read by HR and admins for their subtree only."""

from __future__ import annotations

import uuid
from typing import Any

import httpx
from sqlalchemy.ext.asyncio import AsyncSession

from identity.audit.service import record
from kit.testing.plugin import problem

from .factories.people import World


async def actions(client: httpx.AsyncClient, headers: dict[str, str], **params: Any) -> list[str]:
    response = await client.get("/audit", headers=headers, params={"limit": 100, **params})
    assert response.status_code == 200, response.text
    return [event["action"] for event in response.json()["items"]]


async def test_each_reader_sees_the_events_of_their_subtree(
    client: httpx.AsyncClient, world: World, db_session: AsyncSession
) -> None:
    # Actions in A (a suspension) and a platform-wide event with no organisation.
    await client.post(f"/people/{world.id('a_other')}/suspend", headers=world.as_("a_hr"))
    await record(
        db_session,
        actor="system",
        actor_kind="system",
        action="signing_key.rotated",
        target_type="key",
        target_id="k1",
    )
    await db_session.commit()
    assert await actions(client, world.as_("a_hr")) == ["person.suspended"]
    assert await actions(client, world.as_("a_admin")) == ["person.suspended"]
    assert await actions(client, world.as_("b_hr")) == ["person.renamed"]
    # HR of one unit does not see what happened in another unit of the ministry.
    assert await actions(client, world.as_("a_unit_hr")) == []
    assert sorted(await actions(client, world.as_("platform"))) == [
        "person.renamed",
        "person.suspended",
        "signing_key.rotated",
    ]


async def test_the_log_is_filtered_newest_first_and_paginated(
    client: httpx.AsyncClient, world: World, db_session: AsyncSession
) -> None:
    target = world.id("a_other")
    for n in range(5):
        await record(
            db_session,
            actor=str(world.id("a_hr")),
            actor_kind="person",
            action="person.renamed" if n % 2 else "person.moved",
            target_type="person",
            target_id=target,
            org_path=world.path("a-unit-3"),
            ip="192.0.2.1",
            details={"n": n},
        )
    await db_session.commit()
    # One transaction gives them one time: the order among equal times is the order written.
    as_hr = world.as_("a_hr")
    page = (await client.get("/audit", headers=as_hr, params={"limit": 2})).json()
    assert page["total"] == 5
    assert [event["details"]["n"] for event in page["items"]] == [4, 3]
    assert page["items"][0]["ip"] == "192.0.2.1"
    assert page["items"][0]["org_path"] == [str(org) for org in world.path("a-unit-3")]
    assert await actions(client, as_hr, action="person.renamed") == ["person.renamed"] * 2
    assert len(await actions(client, as_hr, target_id=str(target))) == 5
    assert await actions(client, as_hr, target_id=str(uuid.uuid4())) == []
    for params in ({"action": "DROP TABLE"}, {"action": "x" * 65}, {"target_id": ""}, {"limit": 1000}):
        problem(await client.get("/audit", headers=as_hr, params=params), 422, "validation")


async def test_learners_and_supervisors_see_nothing(client: httpx.AsyncClient, world: World) -> None:
    for name in ("a_head", "a_subreport", "b_learner"):
        page = (await client.get("/audit", headers=world.as_(name))).json()
        assert (page["items"], page["total"]) == ([], 0)
