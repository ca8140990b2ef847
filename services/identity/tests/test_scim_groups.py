"""SCIM Groups: the organisation units of a client's subtree; members are the people in them."""

from __future__ import annotations

import uuid
from typing import Any

import httpx
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from identity.organisations.models import Organisation
from identity.people.models import Person

from .factories.people import World, outbox
from .factories.scim import BASE, DLA, GROUP, Clients, error, ok, patch, scim_snapshot, user


def group(name: str, *members: uuid.UUID, **attributes: Any) -> dict[str, Any]:
    return {
        "schemas": [GROUP],
        "displayName": name,
        "members": [{"value": str(member)} for member in members],
        **attributes,
    }


async def unit_of(db: AsyncSession, person_id: uuid.UUID) -> uuid.UUID:
    db.expire_all()
    unit = await db.scalar(select(Person.unit_id).where(Person.id == person_id))
    assert unit is not None
    return unit


async def test_groups_are_the_units_of_the_clients_subtree_with_their_people(
    client: httpx.AsyncClient, scim: Clients, world: World
) -> None:
    listed = ok(await client.get("/scim/v2/Groups", headers=scim["a-dept"]))
    units = {found["id"] for found in listed["Resources"]}
    assert units == {str(world.id(name)) for name in ("a-dept", "a-unit-1", "a-unit-2")}
    unit_1 = ok(await client.get(f"/scim/v2/Groups/{world.id('a-unit-1')}", headers=scim["a-dept"]))
    members = {member["value"] for member in unit_1["members"]}
    assert members == {
        str(world.id(name))
        for name in ("platform", "a_admin", "a_unit_hr", "a_head", "a_report", "a_subreport")
    }
    assert all(member["type"] == "User" for member in unit_1["members"])
    assert unit_1["members"][0]["$ref"] == f"{BASE}/Users/{unit_1['members'][0]['value']}"
    assert unit_1["displayName"] == "W-A-UNIT-1"  # the Lithuanian name by default
    english = {**scim["a-dept"], "Accept-Language": "en-GB,en;q=0.8"}
    assert (
        ok(await client.get(f"/scim/v2/Groups/{world.id('a-unit-1')}", headers=english))["displayName"]
        == "W-A-Unit-1"
    )
    assert unit_1["meta"]["location"] == f"{BASE}/Groups/{world.id('a-unit-1')}"
    for outside in ("a-unit-3", "b-unit-1", "a"):
        error(await client.get(f"/scim/v2/Groups/{world.id(outside)}", headers=scim["a-dept"]), 404)


async def test_creating_a_group_creates_a_unit_and_moves_its_members_in(
    client: httpx.AsyncClient, scim: Clients, world: World, db_session: AsyncSession
) -> None:
    payload = group("Duomenų skyrius", world.id("a_other"), externalId="ORG-17")
    created = await client.post("/scim/v2/Groups", headers=scim["a"], json=payload)
    body = ok(created, 201)
    assert created.headers["location"] == f"{BASE}/Groups/{body['id']}"
    assert body["displayName"] == "Duomenų skyrius"
    assert body["externalId"] == "ORG-17"
    assert [member["value"] for member in body["members"]] == [str(world.id("a_other"))]
    unit = await db_session.get(Organisation, uuid.UUID(body["id"]))
    assert unit is not None
    assert (unit.parent_id, unit.kind, unit.name) == (world.id("a"), "unit", {"lt": "Duomenų skyrius"})
    assert await unit_of(db_session, world.id("a_other")) == uuid.UUID(body["id"])
    assert [event["id"] for event in await outbox(db_session, "identity.organisation.created")] == [
        body["id"]
    ]
    assert [event["unit_id"] for event in await outbox(db_session, "identity.person.moved")] == [body["id"]]
    # Its externalId is this client's: unique among its Groups, invisible to others.
    error(
        await client.post("/scim/v2/Groups", headers=scim["a"], json=group("Other", externalId="ORG-17")),
        409,
        "uniqueness",
    )
    found = ok(
        await client.get("/scim/v2/Groups", headers=scim["a"], params={"filter": 'externalId eq "ORG-17"'})
    )
    assert [found_group["id"] for found_group in found["Resources"]] == [body["id"]]


async def test_bad_groups_are_refused_and_change_nothing(
    client: httpx.AsyncClient, scim: Clients, world: World, db_session: AsyncSession
) -> None:
    before = await scim_snapshot(db_session)
    bad = [
        group(""),
        group("x" * 201),
        {"schemas": [GROUP]},
        group("Unit", world.id("b_head")),
        group("Unit", uuid.uuid4()),
        {"schemas": [GROUP], "displayName": "Unit", "members": [{"value": "not-a-uuid"}]},
        {
            "schemas": [GROUP],
            "displayName": "Unit",
            "members": [{"value": str(world.id("a-unit-1")), "type": "Group"}],
        },
        group("Unit", externalId=""),
    ]
    for payload in bad:
        error(await client.post("/scim/v2/Groups", headers=scim["a"], json=payload), 400, "invalidValue")
    assert await scim_snapshot(db_session) == before


async def test_patching_members_moves_people_in_and_up_to_the_parent(
    client: httpx.AsyncClient, scim: Clients, world: World, db_session: AsyncSession
) -> None:
    url = f"/scim/v2/Groups/{world.id('a-unit-2')}"
    moved_in = patch({"op": "add", "path": "members", "value": [{"value": str(world.id("a_other"))}]})
    body = ok(await client.patch(url, headers=scim["a"], json=moved_in))
    assert str(world.id("a_other")) in {member["value"] for member in body["members"]}
    assert await unit_of(db_session, world.id("a_other")) == world.id("a-unit-2")

    # The filter form SCIM clients use to remove one member; they go up to a-dept.
    removed = patch({"op": "remove", "path": f'members[value eq "{world.id("a_hr")}"]'})
    body = ok(await client.patch(url, headers=scim["a"], json=removed))
    assert str(world.id("a_hr")) not in {member["value"] for member in body["members"]}
    assert await unit_of(db_session, world.id("a_hr")) == world.id("a-dept")
    moves = {(event["id"], event["unit_id"]) for event in await outbox(db_session, "identity.person.moved")}
    assert moves == {
        (str(world.id("a_other")), str(world.id("a-unit-2"))),
        (str(world.id("a_hr")), str(world.id("a-dept"))),
    }

    renamed = ok(
        await client.patch(
            url,
            headers=scim["a"],
            json=patch({"op": "replace", "path": "displayName", "value": "Mokymų skyrius"}),
        )
    )
    assert renamed["displayName"] == "Mokymų skyrius"
    [event] = await outbox(db_session, "identity.organisation.updated")
    assert (event["id"], event["name"]) == (str(world.id("a-unit-2")), {"lt": "Mokymų skyrius"})


async def test_put_sets_exactly_the_members_given(
    client: httpx.AsyncClient, scim: Clients, world: World, db_session: AsyncSession
) -> None:
    url = f"/scim/v2/Groups/{world.id('a-unit-3')}"  # holds a_other
    body = ok(
        await client.put(
            url, headers=scim["a"], json=group("W-A-UNIT-3", world.id("a_hr"), world.id("a_suspended"))
        )
    )
    assert {member["value"] for member in body["members"]} == {
        str(world.id("a_hr")),
        str(world.id("a_suspended")),
    }
    assert await unit_of(db_session, world.id("a_other")) == world.id("a-dept-2")
    assert await unit_of(db_session, world.id("a_hr")) == world.id("a-unit-3")
    emptied = ok(await client.put(url, headers=scim["a"], json=group("W-A-UNIT-3")))
    assert "members" not in emptied


async def test_membership_changes_stay_inside_the_subtree_and_change_nothing_when_refused(
    client: httpx.AsyncClient, scim: Clients, world: World, db_session: AsyncSession
) -> None:
    before = await scim_snapshot(db_session)
    a = scim["a"]
    unit_2 = f"/scim/v2/Groups/{world.id('a-unit-2')}"
    refused = [
        (
            unit_2,
            patch({"op": "add", "path": "members", "value": [{"value": str(world.id("b_head"))}]}),
            400,
            "invalidValue",
        ),
        # A filter that matches no member is no target; removing nobody is fine but changes nothing.
        (
            unit_2,
            patch({"op": "replace", "path": 'members[value eq "nobody"].type', "value": "User"}),
            400,
            "noTarget",
        ),
        (unit_2, patch({"op": "replace", "path": "displayName", "value": None}), 400, "mutability"),
        # People of the client's own organisation can only move down into one of its units.
        (
            f"/scim/v2/Groups/{world.id('a')}",
            patch({"op": "add", "path": "members", "value": [{"value": str(world.id("a_hr"))}]}),
            200,
            None,
        ),
        (f"/scim/v2/Groups/{world.id('a')}", patch({"op": "remove", "path": "members"}), 400, "mutability"),
        (
            f"/scim/v2/Groups/{world.id('a')}",
            patch({"op": "replace", "path": "displayName", "value": "Mine"}),
            403,
            None,
        ),
    ]
    for url, operations, status, scim_type in refused:
        response = await client.patch(url, headers=a, json=operations)
        if status == 200:
            ok(response)
            before = await scim_snapshot(db_session)
            continue
        error(response, status, scim_type)
        assert await scim_snapshot(db_session) == before, operations
    for outside in ("b-unit-1", "b"):
        url = f"/scim/v2/Groups/{world.id(outside)}"
        error(await client.patch(url, headers=a, json=patch({"op": "remove", "path": "members"})), 404)
        error(await client.put(url, headers=a, json=group("Mine")), 404)
        error(await client.delete(url, headers=a), 404)
    assert await scim_snapshot(db_session) == before


async def test_only_an_empty_unit_can_be_deleted(
    client: httpx.AsyncClient, scim: Clients, world: World, db_session: AsyncSession
) -> None:
    a = scim["a"]
    before = await scim_snapshot(db_session)
    error(await client.delete(f"/scim/v2/Groups/{world.id('a-unit-1')}", headers=a), 409)  # people
    error(await client.delete(f"/scim/v2/Groups/{world.id('a-dept')}", headers=a), 409)  # sub-units
    error(await client.delete(f"/scim/v2/Groups/{world.id('a')}", headers=a), 403)  # the client's own
    assert await scim_snapshot(db_session) == before

    created = ok(
        await client.post("/scim/v2/Groups", headers=a, json=group("Laikinas", world.id("a_other"))), 201
    )
    url = f"/scim/v2/Groups/{created['id']}"
    ok(await client.patch(url, headers=a, json=patch({"op": "remove", "path": "members"})))
    assert await unit_of(db_session, world.id("a_other")) == world.id("a")
    # An erased person keeps a row, which goes up with the unit's deletion.
    leaver = user("gone@a.example.lt", **{DLA: {"unit": {"value": created["id"]}}})
    erased = ok(await client.post("/scim/v2/Users", headers=a, json=leaver), 201)
    assert (await client.delete(f"/scim/v2/Users/{erased['id']}", headers=a)).status_code == 204
    deleted = await client.delete(url, headers=a)
    assert deleted.status_code == 204, deleted.text
    error(await client.get(url, headers=a), 404)
    assert await unit_of(db_session, uuid.UUID(erased["id"])) == world.id("a")
    assert [event["id"] for event in await outbox(db_session, "identity.organisation.deleted")] == [
        created["id"]
    ]
