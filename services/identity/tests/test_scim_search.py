"""SCIM searches: filters as SQL, paging, sorting, attribute selection, POST .search."""

from __future__ import annotations

from datetime import UTC, datetime

import httpx
import pytest
from sqlalchemy import update
from sqlalchemy.ext.asyncio import AsyncSession

from identity.people.models import Person

from .factories.people import A_PEOPLE, World, email_of
from .factories.scim import DLA, ENTERPRISE, SEARCH, Clients, error, ok, patch

ALL_A = set(A_PEOPLE)


@pytest.fixture
async def named(world: World, scim: Clients, client: httpx.AsyncClient, db_session: AsyncSession) -> World:
    """Ministry A's people, some with names, one with an externalId, one changed long after the others."""
    for name, given, family in (("a_head", "Ona", "Petraitė"), ("a_report", "Jonas", "")):
        await db_session.execute(
            update(Person).where(Person.id == world.id(name)).values(given_name=given, family_name=family)
        )
    await db_session.execute(
        update(Person)
        .where(Person.id == world.id("a_head"))
        .values(updated_at=datetime(2030, 1, 1, tzinfo=UTC))
    )
    await db_session.commit()
    operation = patch({"op": "add", "path": "externalId", "value": "HR-42"})
    ok(await client.patch(f"/scim/v2/Users/{world.id('a_other')}", headers=scim["a"], json=operation))
    return world


async def names(client: httpx.AsyncClient, headers: dict[str, str], **params: str | int) -> list[str]:
    body = ok(await client.get("/scim/v2/Users", headers=headers, params={"count": 200, **params}))
    by_email = {email_of(name): name for name in A_PEOPLE}
    found = [by_email[resource["userName"]] for resource in body.get("Resources", [])]
    assert body["totalResults"] == len(found) or "count" in params
    return found


FILTERS = {
    'userName eq "A.HEAD@a.example.lt"': {"a_head"},
    'userName ne "a.head@a.example.lt"': ALL_A - {"a_head"},
    'userName co "REPORT"': {"a_report", "a_subreport"},
    'userName sw "a.sub"': {"a_subreport"},
    'userName ew "hr@a.example.lt"': {"a_hr", "a_unit_hr"},
    'userName gt "a.s"': {"a_subreport", "a_suspended", "a_unit_hr", "platform"},
    'userName le "a.admin@a.example.lt"': {"a_admin"},
    'displayName eq "a head"': {"a_head"},
    "active eq false": {"a_suspended"},
    "not (active eq true)": {"a_suspended"},
    'emails[type eq "work" and value sw "a.o"]': {"a_other"},
    'emails[type eq "home"]': set(),
    'emails.value co "unit"': {"a_unit_hr"},
    "name.givenName pr": {"a_head", "a_report"},
    'name.familyName eq "PETRAITĖ"': {"a_head"},
    "name pr": {"a_head", "a_report"},
    "not (name.familyName pr)": ALL_A - {"a_head"},
    'externalId eq "HR-42"': {"a_other"},
    'externalId eq "hr-42"': set(),  # externalId is case-exact
    "externalId pr": {"a_other"},
    'meta.lastModified ge "2029-12-31T00:00:00Z"': {"a_head"},
    'meta.lastModified lt "2029-12-31T00:00:00Z"': ALL_A - {"a_head"},
    'meta.resourceType eq "User"': ALL_A,
    'userName sw "a.h" or (active eq false and displayName co "suspended")': {
        "a_head",
        "a_hr",
        "a_suspended",
    },
    'id eq "not-a-uuid"': set(),
    'id ne "not-a-uuid"': ALL_A,
}


async def test_filters_on_every_mapped_attribute(
    client: httpx.AsyncClient, scim: Clients, named: World
) -> None:
    for expression, expected in FILTERS.items():
        assert set(await names(client, scim["a"], filter=expression)) == expected, expression


async def test_filters_on_references_and_ids(client: httpx.AsyncClient, scim: Clients, named: World) -> None:
    world = named
    cases = {
        f'{ENTERPRISE}:manager.value eq "{world.id("a_head")}"': {"a_report"},
        f"{ENTERPRISE}:manager pr": {"a_report", "a_subreport"},
        f'{DLA}:unit.value eq "{world.id("a-unit-2")}"': {"a_hr", "a_suspended"},
        f'groups.value eq "{world.id("a-unit-3")}"': {"a_other"},
        'groups[display eq "w-a-unit-3"]': {"a_other"},
        f'id eq "{world.id("a_hr")}"': {"a_hr"},
        f'id eq "{world.id("b_head")}"': set(),
    }
    for expression, expected in cases.items():
        assert set(await names(client, scim["a"], filter=expression)) == expected, expression


async def test_pages_are_sorted_and_counted(client: httpx.AsyncClient, scim: Clients, named: World) -> None:
    ordered = sorted(ALL_A, key=email_of)
    assert await names(client, scim["a"], sortBy="userName", count=3) == ordered[:3]
    page = ok(
        await client.get(
            "/scim/v2/Users", headers=scim["a"], params={"sortBy": "userName", "startIndex": 4, "count": 3}
        )
    )
    assert (page["totalResults"], page["startIndex"], page["itemsPerPage"]) == (len(ALL_A), 4, 3)
    assert [resource["userName"] for resource in page["Resources"]] == [
        email_of(name) for name in ordered[3:6]
    ]
    descending = await names(client, scim["a"], sortBy="emails", sortOrder="descending")
    assert descending == ordered[::-1]
    # Unassigned names sort last ascending.
    by_given = await names(client, scim["a"], sortBy="name.givenName")
    assert by_given[:2] == ["a_report", "a_head"]
    counted = ok(await client.get("/scim/v2/Users", headers=scim["a"], params={"count": 0}))
    assert (counted["totalResults"], counted["itemsPerPage"], counted["Resources"]) == (len(ALL_A), 0, [])
    beyond = ok(await client.get("/scim/v2/Users", headers=scim["a"], params={"startIndex": 100}))
    assert (beyond["totalResults"], beyond["itemsPerPage"]) == (len(ALL_A), 0)
    # startIndex below 1 means 1 and a negative count means 0 (RFC 7644 §3.4.2.4).
    assert (
        ok(await client.get("/scim/v2/Users", headers=scim["a"], params={"startIndex": -5, "count": 1}))[
            "startIndex"
        ]
        == 1
    )
    assert (
        ok(await client.get("/scim/v2/Users", headers=scim["a"], params={"count": -1}))["itemsPerPage"] == 0
    )


async def test_attributes_select_what_is_returned(
    client: httpx.AsyncClient, scim: Clients, named: World
) -> None:
    only = ok(
        await client.get("/scim/v2/Users", headers=scim["a"], params={"attributes": "userName", "count": 1})
    )
    assert set(only["Resources"][0]) == {"schemas", "id", "userName"}
    without = ok(
        await client.get(
            "/scim/v2/Users", headers=scim["a"], params={"excludedAttributes": "emails,groups", "count": 1}
        )
    )
    assert "emails" not in without["Resources"][0]
    assert "groups" not in without["Resources"][0]
    assert "userName" in without["Resources"][0]
    one = ok(
        await client.get(
            f"/scim/v2/Users/{named.id('a_head')}", headers=scim["a"], params={"attributes": f"{DLA}:unit"}
        )
    )
    assert set(one) == {"schemas", "id", DLA}
    group = ok(
        await client.get(
            f"/scim/v2/Groups/{named.id('a-unit-1')}",
            headers=scim["a"],
            params={"excludedAttributes": "members"},
        )
    )
    assert "members" not in group
    assert group["displayName"] == "W-A-UNIT-1"


async def test_post_search_takes_the_same_parameters(
    client: httpx.AsyncClient, scim: Clients, named: World
) -> None:
    body = {
        "schemas": [SEARCH],
        "filter": 'userName ew "hr@a.example.lt"',
        "sortBy": "userName",
        "attributes": ["userName"],
    }
    found = ok(await client.post("/scim/v2/Users/.search", headers=scim["a"], json=body))
    assert [resource["userName"] for resource in found["Resources"]] == [
        email_of("a_hr"),
        email_of("a_unit_hr"),
    ]
    assert set(found["Resources"][0]) == {"schemas", "id", "userName"}
    groups = ok(
        await client.post(
            "/scim/v2/Groups/.search", headers=scim["a"], json={"filter": 'displayName sw "w-a-unit"'}
        )
    )
    assert groups["totalResults"] == 3


async def test_root_search_finds_users_and_groups_together(
    client: httpx.AsyncClient, scim: Clients, named: World
) -> None:
    body = {"schemas": [SEARCH], "filter": 'displayName co "unit"'}
    found = ok(await client.post("/scim/v2/.search", headers=scim["a"], json=body))
    kinds = [resource["meta"]["resourceType"] for resource in found["Resources"]]
    assert kinds == ["User", "Group", "Group", "Group"]  # "A Unit Hr", then the three units
    assert found["totalResults"] == 4
    paged = ok(
        await client.post("/scim/v2/.search", headers=scim["a"], json={**body, "startIndex": 2, "count": 2})
    )
    assert [resource["meta"]["resourceType"] for resource in paged["Resources"]] == ["Group", "Group"]
    # Sorted, both kinds are merged in one order.
    ordered = ok(
        await client.post(
            "/scim/v2/.search",
            headers=scim["a"],
            json={**body, "sortBy": "displayName", "sortOrder": "descending"},
        )
    )
    assert [resource["displayName"] for resource in ordered["Resources"]] == [
        "W-A-UNIT-3",
        "W-A-UNIT-2",
        "W-A-UNIT-1",
        "A Unit Hr",
    ]
    # An attribute only Users have matches no Group.
    users_only = ok(
        await client.post("/scim/v2/.search", headers=scim["a"], json={"filter": 'userName sw "a.head"'})
    )
    assert [resource["meta"]["resourceType"] for resource in users_only["Resources"]] == ["User"]


async def test_group_filters(client: httpx.AsyncClient, scim: Clients, named: World) -> None:
    world = named

    async def group_ids(expression: str) -> set[str]:
        body = ok(await client.get("/scim/v2/Groups", headers=scim["a"], params={"filter": expression}))
        return {resource["id"] for resource in body.get("Resources", [])}

    ids = {
        name: str(world.id(name)) for name in ("a", "a-dept", "a-dept-2", "a-unit-1", "a-unit-2", "a-unit-3")
    }
    assert await group_ids('displayName eq "w-a-unit-1"') == {ids["a-unit-1"]}
    assert await group_ids(f'members[value eq "{world.id("a_other")}"]') == {ids["a-unit-3"]}
    assert await group_ids(f'members.value eq "{world.id("a_hr")}" and members.type eq "User"') == {
        ids["a-unit-2"]
    }
    assert await group_ids("members pr") == {ids["a-unit-1"], ids["a-unit-2"], ids["a-unit-3"]}
    assert await group_ids("not (members pr)") == {ids["a"], ids["a-dept"], ids["a-dept-2"]}
    assert await group_ids(f'id eq "{world.id("b-unit-1")}"') == set()


async def test_bad_queries_are_scim_errors(client: httpx.AsyncClient, scim: Clients, world: World) -> None:
    bad = {
        "filter=userName eq": "invalidFilter",
        'filter=nickName eq "x"': "invalidFilter",
        "filter=active gt true": "invalidFilter",
        'filter=meta.lastModified gt "yesterday"': "invalidFilter",
        'filter=userName eq "x") or (': "invalidFilter",
        "count=many": "invalidValue",
        "startIndex=first": "invalidValue",
        "sortOrder=sideways": "invalidValue",
        "sortBy=nickName": "invalidPath",
        "attributes=userName&excludedAttributes=emails": "invalidValue",
    }
    for query, scim_type in bad.items():
        error(await client.get(f"/scim/v2/Users?{query}", headers=scim["a"]), 400, scim_type)
    error(
        await client.post("/scim/v2/Users/.search", headers=scim["a"], json={"filter": 12}),
        400,
        "invalidValue",
    )
    error(
        await client.post("/scim/v2/.search", headers=scim["a"], json={"filter": "(("}), 400, "invalidFilter"
    )
