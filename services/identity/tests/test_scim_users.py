"""SCIM Users: people provisioned, replaced, patched and erased by their ministry's HR system."""

from __future__ import annotations

import uuid

import httpx
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from identity.audit.models import AuditEvent
from identity.organisations.models import Organisation
from identity.people.models import Person

from .factories.people import World, make_organisation, make_person, outbox
from .factories.scim import (
    BASE,
    DLA,
    ENTERPRISE,
    Clients,
    error,
    ok,
    patch,
    scim_snapshot,
    user,
)


def unit(org_id: uuid.UUID) -> dict[str, object]:
    return {"unit": {"value": str(org_id)}}


def manager(person_id: uuid.UUID) -> dict[str, object]:
    return {"manager": {"value": str(person_id)}}


async def person(db: AsyncSession, person_id: str | uuid.UUID) -> Person:
    db.expire_all()
    row = await db.get(Person, uuid.UUID(str(person_id)))
    assert row is not None
    return row


async def test_a_client_provisions_a_person_in_its_organisation(
    client: httpx.AsyncClient, scim: Clients, world: World, db_session: AsyncSession
) -> None:
    payload = user(
        "Rasa.Petraitiene@A.Example.LT",
        externalId="hr-1001",
        name={"givenName": "Rasa", "familyName": "Petraitienė"},
        displayName="Rasa Petraitienė",
        **{ENTERPRISE: manager(world.id("a_head")), DLA: unit(world.id("a-unit-2"))},
    )
    created = await client.post("/scim/v2/Users", headers=scim["a"], json=payload)
    body = ok(created, 201)
    assert created.headers["location"] == body["meta"]["location"] == f"{BASE}/Users/{body['id']}"
    assert created.headers["etag"] == body["meta"]["version"] == 'W/"1"'
    assert body["userName"] == "rasa.petraitiene@a.example.lt"
    assert body["emails"] == [{"value": "rasa.petraitiene@a.example.lt", "type": "work", "primary": True}]
    assert body["name"] == {"givenName": "Rasa", "familyName": "Petraitienė"}
    assert body["active"] is True
    assert body["externalId"] == "hr-1001"
    assert body[ENTERPRISE]["manager"] == {
        "value": str(world.id("a_head")),
        "$ref": f"{BASE}/Users/{world.id('a_head')}",
    }
    assert body[DLA]["unit"] == {
        "value": str(world.id("a-unit-2")),
        "$ref": f"{BASE}/Groups/{world.id('a-unit-2')}",
    }
    assert body["groups"][0]["value"] == str(world.id("a-unit-2"))
    assert body["meta"]["resourceType"] == "User"

    row = await person(db_session, body["id"])
    assert (row.email, row.unit_id, row.supervisor_id) == (
        "rasa.petraitiene@a.example.lt",
        world.id("a-unit-2"),
        world.id("a_head"),
    )
    assert (row.external_id, row.provisioned_by, row.email_verified) == ("hr-1001", "a-scim", False)
    [event] = [e for e in await outbox(db_session, "identity.person.created") if e["id"] == body["id"]]
    assert event["unit_id"] == str(world.id("a-unit-2"))
    assert (
        await db_session.scalar(
            select(AuditEvent.actor).where(
                AuditEvent.target_id == body["id"], AuditEvent.action == "person.created"
            )
        )
        == "a-scim"
    )


async def test_a_person_without_unit_or_status_starts_active_in_the_clients_organisation(
    client: httpx.AsyncClient, scim: Clients, world: World
) -> None:
    body = ok(
        await client.post("/scim/v2/Users", headers=scim["a-dept"], json=user("minimal@a.example.lt")), 201
    )
    assert body["active"] is True
    assert body[DLA]["unit"]["value"] == str(world.id("a-dept"))
    assert body["displayName"] == "minimal"  # a name others can show until HR gives one
    assert "name" not in body
    assert ENTERPRISE not in body
    named = user("named@a.example.lt", name={"givenName": "Ona", "familyName": "Jonaitė"})
    assert (
        ok(await client.post("/scim/v2/Users", headers=scim["a"], json=named), 201)["displayName"]
        == "Ona Jonaitė"
    )


async def test_a_person_can_be_provisioned_inactive_with_the_unit_given_by_its_group_url(
    client: httpx.AsyncClient, scim: Clients, world: World, db_session: AsyncSession
) -> None:
    payload = user(
        "inactive@a.example.lt",
        active=False,
        **{DLA: {"unit": {"$ref": f"{BASE}/Groups/{world.id('a-unit-3')}"}}},
    )
    body = ok(await client.post("/scim/v2/Users", headers=scim["a"], json=payload), 201)
    assert body["active"] is False
    assert body[DLA]["unit"]["value"] == str(world.id("a-unit-3"))
    assert (await person(db_session, body["id"])).status == "suspended"


async def test_user_names_are_unique_in_any_letter_case(
    client: httpx.AsyncClient, scim: Clients, db_session: AsyncSession
) -> None:
    before = await scim_snapshot(db_session)
    error(
        await client.post("/scim/v2/Users", headers=scim["a"], json=user("A.HEAD@a.example.lt")),
        409,
        "uniqueness",
    )
    # Addresses are unique platform-wide, so one held in ministry B is taken too.
    error(
        await client.post("/scim/v2/Users", headers=scim["a"], json=user("b.head@B.example.lt")),
        409,
        "uniqueness",
    )
    assert await scim_snapshot(db_session) == before


async def test_external_ids_are_unique_per_provisioning_client(
    client: httpx.AsyncClient, scim: Clients
) -> None:
    ok(
        await client.post(
            "/scim/v2/Users", headers=scim["a"], json=user("one@a.example.lt", externalId="E-1")
        ),
        201,
    )
    duplicate = user("two@a.example.lt", externalId="E-1")
    error(await client.post("/scim/v2/Users", headers=scim["a"], json=duplicate), 409, "uniqueness")
    other = ok(await client.post("/scim/v2/Users", headers=scim["a-dept"], json=duplicate), 201)
    assert other["externalId"] == "E-1"
    # Each client sees its own ids only.
    first = ok(
        await client.get("/scim/v2/Users", headers=scim["a"], params={"filter": 'externalId eq "E-1"'})
    )
    assert [found["userName"] for found in first["Resources"]] == ["one@a.example.lt"]
    seen_by_a = ok(await client.get(f"/scim/v2/Users/{other['id']}", headers=scim["a"]))
    assert "externalId" not in seen_by_a


async def test_bad_users_are_refused_with_a_scim_error_and_change_nothing(
    client: httpx.AsyncClient, scim: Clients, world: World, db_session: AsyncSession
) -> None:
    a = scim["a"]
    before = await scim_snapshot(db_session)
    invalid = [
        user("not-an-address"),
        user(""),
        {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"], "displayName": "No user name"},
        user("ok@a.example.lt", active="maybe"),
        user("ok@a.example.lt", name={"givenName": "x" * 101}),
        user("ok@a.example.lt", displayName="x" * 201),
        user("ok@a.example.lt", externalId="x" * 201),
        user("ok@a.example.lt", name="Ona"),
        user("ok@a.example.lt", **{DLA: unit(world.id("b-unit-1"))}),
        user("ok@a.example.lt", **{DLA: {"unit": {"value": "not-a-uuid"}}}),
        user("ok@a.example.lt", **{DLA: {"unit": None}}),
        user("ok@a.example.lt", **{ENTERPRISE: manager(world.id("b_head"))}),
        user("ok@a.example.lt", **{ENTERPRISE: manager(uuid.uuid4())}),
    ]
    for payload in invalid:
        error(await client.post("/scim/v2/Users", headers=a, json=payload), 400, "invalidValue")
    # The schemas must include the User's.
    error(
        await client.post(
            "/scim/v2/Users", headers=a, json={"schemas": ["urn:x:Other"], "userName": "ok@a.example.lt"}
        ),
        400,
        "invalidSyntax",
    )
    assert await scim_snapshot(db_session) == before


async def test_attributes_dla_does_not_keep_are_ignored(
    client: httpx.AsyncClient, scim: Clients, db_session: AsyncSession
) -> None:
    payload = user("extra@a.example.lt", nickName="Ona", phoneNumbers=[{"value": "+37060000000"}])
    body = ok(await client.post("/scim/v2/Users", headers=scim["a"], json=payload), 201)
    assert "nickName" not in body
    assert "phoneNumbers" not in body


async def test_put_replaces_the_person_moving_them_and_changing_status_and_supervisor(
    client: httpx.AsyncClient, scim: Clients, world: World, db_session: AsyncSession
) -> None:
    url = f"/scim/v2/Users/{world.id('a_report')}"
    replacement = user(
        "A.Report.New@a.example.lt",
        active=False,
        name={"givenName": "Aistė"},
        **{DLA: unit(world.id("a-unit-3")), ENTERPRISE: manager(world.id("a_other"))},
    )
    body = ok(await client.put(url, headers=scim["a"], json=replacement))
    assert body["userName"] == "a.report.new@a.example.lt"
    assert body["name"] == {"givenName": "Aistė"}
    assert "displayName" not in body  # a replacement without it leaves it unassigned
    assert body["active"] is False
    assert body[DLA]["unit"]["value"] == str(world.id("a-unit-3"))
    assert body[ENTERPRISE]["manager"]["value"] == str(world.id("a_other"))
    row = await person(db_session, world.id("a_report"))
    assert (row.status, row.unit_id, row.supervisor_id, row.display_name, row.email_verified) == (
        "suspended",
        world.id("a-unit-3"),
        world.id("a_other"),
        "",
        False,
    )
    me = str(world.id("a_report"))
    assert [e["unit_id"] for e in await outbox(db_session, "identity.person.moved") if e["id"] == me] == [
        str(world.id("a-unit-3"))
    ]
    assert [e["id"] for e in await outbox(db_session, "identity.person.suspended")] == [me]
    assert [e["supervisor_id"] for e in await outbox(db_session, "identity.person.supervisor_changed")] == [
        str(world.id("a_other"))
    ]
    # A replacement that leaves out the status and the unit keeps them.
    kept = ok(await client.put(url, headers=scim["a"], json=user("a.report.new@a.example.lt")))
    assert kept["active"] is False
    assert kept[DLA]["unit"]["value"] == str(world.id("a-unit-3"))
    assert ENTERPRISE not in kept
    assert (await person(db_session, world.id("a_report"))).supervisor_id is None


async def test_patch_changes_names_ids_unit_and_manager(
    client: httpx.AsyncClient, scim: Clients, world: World, db_session: AsyncSession
) -> None:
    url = f"/scim/v2/Users/{world.id('a_subreport')}"
    operations = patch(
        {"op": "replace", "path": "name.givenName", "value": "Jonas"},
        {"op": "add", "path": "externalId", "value": "hr-7"},
        {"op": "remove", "path": "displayName"},
        {"op": "replace", "value": {"name.familyName": "Jonaitis", "active": False}},
        {"op": "replace", "path": f"{DLA}:unit.$ref", "value": f"{BASE}/Groups/{world.id('a-unit-2')}"},
        {"op": "remove", "path": f"{ENTERPRISE}:manager"},
    )
    body = ok(await client.patch(url, headers=scim["a"], json=operations))
    assert body["name"] == {"givenName": "Jonas", "familyName": "Jonaitis"}
    assert body["externalId"] == "hr-7"
    assert "displayName" not in body
    assert body["active"] is False
    assert body[DLA]["unit"] == {
        "value": str(world.id("a-unit-2")),
        "$ref": f"{BASE}/Groups/{world.id('a-unit-2')}",
    }
    assert ENTERPRISE not in body
    row = await person(db_session, world.id("a_subreport"))
    assert (row.given_name, row.family_name, row.display_name) == ("Jonas", "Jonaitis", "")
    assert (row.unit_id, row.supervisor_id, row.status) == (world.id("a-unit-2"), None, "suspended")

    back = patch(
        {"op": "add", "path": f"{ENTERPRISE}:manager", "value": {"value": str(world.id("a_head"))}},
        {"op": "replace", "path": "active", "value": True},
        {"op": "replace", "path": "userName", "value": "Jonas.Jonaitis@a.example.lt"},
    )
    body = ok(await client.patch(url, headers=scim["a"], json=back))
    assert body[ENTERPRISE]["manager"]["value"] == str(world.id("a_head"))
    assert body["active"] is True
    assert body["emails"][0]["value"] == body["userName"] == "jonas.jonaitis@a.example.lt"
    assert [e["id"] for e in await outbox(db_session, "identity.person.reactivated")] == [
        str(world.id("a_subreport"))
    ]


async def test_bad_patches_are_refused_and_change_nothing(
    client: httpx.AsyncClient, scim: Clients, world: World, db_session: AsyncSession
) -> None:
    url = f"/scim/v2/Users/{world.id('a_report')}"
    before = await scim_snapshot(db_session)
    refused = [
        # The e-mail address is the userName; emails only shows it.
        (
            patch({"op": "replace", "path": 'emails[type eq "work"].value', "value": "x@a.example.lt"}),
            "mutability",
        ),
        (patch({"op": "remove", "path": "userName"}), "mutability"),
        (patch({"op": "remove", "path": "active"}), "mutability"),
        (patch({"op": "remove", "path": DLA}), "mutability"),
        (patch({"op": "replace", "path": "userName", "value": "not an address"}), "invalidValue"),
        (patch({"op": "replace", "path": "active", "value": "sometimes"}), "invalidValue"),
        (patch({"op": "jump", "path": "active", "value": True}), "invalidValue"),
        (patch({"op": "replace", "path": "displayName[", "value": "x"}), "invalidPath"),
        (patch(), "invalidValue"),
        ({"schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"]}, "invalidValue"),
        # All or nothing: the first operation would work, the second cannot.
        (
            patch(
                {"op": "replace", "path": "displayName", "value": "Changed"},
                {"op": "replace", "path": f"{DLA}:unit.value", "value": str(world.id("b-unit-1"))},
            ),
            "invalidValue",
        ),
        (
            patch(
                {"op": "add", "path": f"{ENTERPRISE}:manager", "value": {"value": str(world.id("a_report"))}}
            ),
            "invalidValue",
        ),
        # a_head reports to nobody, but a_report's report (a_subreport) cannot become their manager.
        (
            patch(
                {
                    "op": "add",
                    "path": f"{ENTERPRISE}:manager",
                    "value": {"value": str(world.id("a_subreport"))},
                }
            ),
            "invalidValue",
        ),
        (patch({"op": "replace", "path": "userName", "value": "B.Head@b.example.lt"}), "uniqueness"),
    ]
    for operations, scim_type in refused:
        status = 409 if scim_type == "uniqueness" else 400
        error(await client.patch(url, headers=scim["a"], json=operations), status, scim_type)
        assert await scim_snapshot(db_session) == before, operations


async def test_a_suspended_manager_can_still_be_assigned(
    client: httpx.AsyncClient, scim: Clients, world: World, db_session: AsyncSession
) -> None:
    operation = patch(
        {"op": "add", "path": f"{ENTERPRISE}:manager", "value": {"value": str(world.id("a_suspended"))}}
    )
    body = ok(await client.patch(f"/scim/v2/Users/{world.id('a_other')}", headers=scim["a"], json=operation))
    assert body[ENTERPRISE]["manager"]["value"] == str(world.id("a_suspended"))
    assert [e["supervisor_id"] for e in await outbox(db_session, "identity.person.supervisor_changed")] == [
        str(world.id("a_suspended"))
    ]
    # ...but never in a loop: a_head cannot report to someone who reports to them.
    loop = patch(
        {"op": "add", "path": f"{ENTERPRISE}:manager", "value": {"value": str(world.id("a_report"))}}
    )
    error(
        await client.patch(f"/scim/v2/Users/{world.id('a_head')}", headers=scim["a"], json=loop),
        400,
        "invalidValue",
    )


async def test_delete_erases_the_person(
    client: httpx.AsyncClient, scim: Clients, world: World, db_session: AsyncSession
) -> None:
    url = f"/scim/v2/Users/{world.id('a_report')}"
    deleted = await client.delete(url, headers=scim["a"])
    assert deleted.status_code == 204, deleted.text
    error(await client.get(url, headers=scim["a"]), 404)
    error(await client.delete(url, headers=scim["a"]), 404)
    found = ok(
        await client.get(
            "/scim/v2/Users", headers=scim["a"], params={"filter": f'id eq "{world.id("a_report")}"'}
        )
    )
    assert found["totalResults"] == 0
    row = await person(db_session, world.id("a_report"))
    assert (row.status, row.given_name, row.external_id) == ("erased", "", None)
    assert [e["id"] for e in await outbox(db_session, "identity.person.erased")] == [
        str(world.id("a_report"))
    ]
    # Their report lost them as supervisor.
    assert (await person(db_session, world.id("a_subreport"))).supervisor_id is None


async def test_a_client_sees_and_touches_nothing_outside_its_subtree(
    client: httpx.AsyncClient, scim: Clients, world: World, db_session: AsyncSession
) -> None:
    before = await scim_snapshot(db_session)
    a, dept = scim["a"], scim["a-dept"]
    outside = [
        ("a", world.id("b_head")),
        ("a", world.id("b_learner")),
        ("a-dept", world.id("a_other")),
        ("a", uuid.uuid4()),
    ]
    for caller, person_id in outside:
        headers = scim[caller]
        url = f"/scim/v2/Users/{person_id}"
        error(await client.get(url, headers=headers), 404)
        error(await client.put(url, headers=headers, json=user("x@a.example.lt")), 404)
        error(
            await client.patch(url, headers=headers, json=patch({"op": "remove", "path": "displayName"})), 404
        )
        error(await client.delete(url, headers=headers), 404)
    error(await client.get("/scim/v2/Users/not-a-uuid", headers=a), 404)
    assert await scim_snapshot(db_session) == before

    listed = ok(await client.get("/scim/v2/Users", headers=a, params={"count": 200}))
    names = {found["userName"] for found in listed["Resources"]}
    assert names
    assert all(name.endswith("@a.example.lt") for name in names)
    assert listed["totalResults"] == len(names)
    by_b_address = {"filter": 'userName eq "b.head@b.example.lt" or emails.value co "b.example"'}
    assert ok(await client.get("/scim/v2/Users", headers=a, params=by_b_address))["totalResults"] == 0
    dept_names = {
        found["userName"] for found in ok(await client.get("/scim/v2/Users", headers=dept))["Resources"]
    }
    assert "a.other@a.example.lt" not in dept_names
    assert "a.head@a.example.lt" in dept_names


async def test_a_manager_outside_the_subtree_is_not_shown_and_stays(
    client: httpx.AsyncClient, scim: Clients, world: World, db_session: AsyncSession
) -> None:
    department = await db_session.get(Organisation, world.id("a-dept"))
    unit = await make_organisation(db_session, "w-a-dept-unit-4", "unit", department)
    boss = await db_session.get(Person, world.id("a_other"))  # in a-dept-2, outside a-dept
    someone = await make_person(db_session, unit, "dept.member@a.example.lt", supervisor=boss)
    await db_session.commit()
    url = f"/scim/v2/Users/{someone.id}"
    body = ok(await client.get(url, headers=scim["a-dept"]))
    assert ENTERPRISE not in body
    # What the client cannot see, it does not change by leaving it out.
    ok(
        await client.put(
            url, headers=scim["a-dept"], json=user("dept.member@a.example.lt", displayName="Renamed")
        )
    )
    assert (await person(db_session, someone.id)).supervisor_id == world.id("a_other")
    assert ok(await client.get(url, headers=scim["a"]))[ENTERPRISE]["manager"]["value"] == str(
        world.id("a_other")
    )
