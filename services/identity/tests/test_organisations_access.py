"""Organisations need a token; non-admins see their ministry; org admins add under their subtree."""

from __future__ import annotations

import httpx
from sqlalchemy.ext.asyncio import AsyncSession

from identity.audit.models import AuditEvent
from identity.organisations.models import Organisation
from kit.testing.plugin import problem

from .factories.people import World, count, snapshot

A_CODES = {"w-a", "w-a-dept", "w-a-unit-1", "w-a-unit-2", "w-a-dept-2", "w-a-unit-3"}


def unit_body(code: str, parent: object, kind: str = "unit") -> dict[str, object]:
    return {"code": code, "kind": kind, "name": {"en": code, "lt": code}, "parent_id": str(parent)}


async def listed_codes(client: httpx.AsyncClient, headers: dict[str, str]) -> set[str]:
    response = await client.get("/organisations", headers=headers, params={"limit": 100})
    assert response.status_code == 200, response.text
    return {org["code"] for org in response.json()["items"]}


async def test_reads_need_a_token(client: httpx.AsyncClient, world: World) -> None:
    problem(await client.get("/organisations"), 401, "unauthorized")
    problem(await client.get(f"/organisations/{world.id('a')}"), 401, "unauthorized")
    problem(await client.get(f"/organisations/{world.id('a')}/children"), 401, "unauthorized")


async def test_people_and_hr_systems_see_their_ministry_only(client: httpx.AsyncClient, world: World) -> None:
    assert await listed_codes(client, world.as_("a_subreport")) == A_CODES
    assert await listed_codes(client, world.as_("a_hr")) == A_CODES
    assert await listed_codes(client, world.machine("a")) == A_CODES
    assert await listed_codes(client, world.as_("b_learner")) == {"w-b", "w-b-dept", "w-b-unit-1"}
    country = world.id("country")
    problem(await client.get(f"/organisations/{country}", headers=world.as_("a_hr")), 404, "not-found")
    children = await client.get(f"/organisations/{world.id('a')}/children", headers=world.as_("a_hr"))
    assert {org["code"] for org in children.json()["items"]} == {"w-a-dept", "w-a-dept-2"}
    assert {"w-country", "w-a", "w-b"} <= await listed_codes(client, world.as_("platform"))


async def test_an_org_admin_adds_organisations_under_their_subtree_and_it_is_audited(
    client: httpx.AsyncClient, world: World, db_session: AsyncSession
) -> None:
    created = await client.post(
        "/organisations", headers=world.as_("a_admin"), json=unit_body("w-a-new", world.id("a-dept"))
    )
    assert created.status_code == 201, created.text
    assert created.json()["path"] == [str(org) for org in world.path("a-dept")] + [created.json()["id"]]
    assert await count(db_session, AuditEvent) == 2  # the world's one, and this
    assert "w-a-new" in await listed_codes(client, world.as_("a_subreport"))


async def test_others_cannot_add_organisations_and_nothing_changes(
    client: httpx.AsyncClient, world: World, db_session: AsyncSession
) -> None:
    before = await snapshot(db_session)
    organisations = await count(db_session, Organisation)
    cases = [
        # HR manager and learner of A: they see the parent, but do not administer it.
        ("a_hr", unit_body("w-x1", world.id("a-dept")), 403, "forbidden"),
        ("a_subreport", unit_body("w-x2", world.id("a-dept")), 403, "forbidden"),
        # An org admin of A under B, or over the country: as if the parent did not exist.
        ("a_admin", unit_body("w-x3", world.id("b-dept")), 422, "validation"),
        ("a_admin", unit_body("w-x4", world.id("country"), "ministry"), 422, "validation"),
        # Only platform admins add top-level organisations.
        ("a_admin", {"code": "w-x5", "kind": "country", "name": {"en": "X"}}, 403, "forbidden"),
    ]
    for name, body, status, slug in cases:
        problem(await client.post("/organisations", headers=world.as_(name), json=body), status, slug)
    machine = await client.post(
        "/organisations", headers=world.machine("a"), json=unit_body("w-x6", world.id("a"))
    )
    problem(machine, 403, "forbidden")
    assert await snapshot(db_session) == before
    assert await count(db_session, Organisation) == organisations
