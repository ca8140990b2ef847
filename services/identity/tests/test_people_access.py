"""Who reaches whom: across ministries nothing is visible, supervisors see their direct reports'
profiles only, HR and admins their subtree, HR systems with hr.read their ministry."""

from __future__ import annotations

import uuid

import httpx
import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from identity.people.models import Person
from kit.testing.plugin import problem

from .factories.people import A_PEOPLE, B_PEOPLE, World, snapshot


def person_endpoints(person_id: uuid.UUID, unit_id: uuid.UUID) -> list[tuple[str, str, object]]:
    """Every route of the people area that names a person."""
    return [
        ("GET", f"/people/{person_id}", None),
        ("GET", f"/people/{person_id}/profile", None),
        ("PATCH", f"/people/{person_id}", {"display_name": "Renamed"}),
        ("PATCH", f"/people/{person_id}", {"unit_id": str(unit_id)}),
        ("POST", f"/people/{person_id}/suspend", None),
        ("POST", f"/people/{person_id}/reactivate", None),
        ("PUT", f"/people/{person_id}/roles", {"roles": ["learner", "mentor"], "grants": []}),
    ]


async def test_an_hr_manager_of_a_gets_404_for_every_person_of_b_on_every_route(
    client: httpx.AsyncClient, world: World, db_session: AsyncSession
) -> None:
    before = await snapshot(db_session)
    for caller in ("a_hr", "a_admin"):
        for name in B_PEOPLE:
            for method, path, body in person_endpoints(world.id(name), world.id("a-unit-1")):
                response = await client.request(method, path, json=body, headers=world.as_(caller))
                problem(response, 404, "not-found")
    assert await snapshot(db_session) == before


async def test_b_is_invisible_in_lists_and_searches_of_a(client: httpx.AsyncClient, world: World) -> None:
    as_hr = world.as_("a_hr")
    listed = (await client.get("/people", headers=as_hr, params={"limit": 100})).json()
    ids = {item["id"] for item in listed["items"]}
    assert ids == {str(world.id(name)) for name in A_PEOPLE}
    assert listed["total"] == len(A_PEOPLE)
    for params in ({"q": "b.example.lt"}, {"unit_id": str(world.id("b-unit-1"))}, {"q": "b learner"}):
        found = (await client.get("/people", headers=as_hr, params=params)).json()
        assert (found["items"], found["total"]) == ([], 0)


async def test_an_hr_manager_of_a_gets_404_for_every_unit_of_b(
    client: httpx.AsyncClient, world: World, db_session: AsyncSession
) -> None:
    before = await snapshot(db_session)
    as_hr = world.as_("a_hr")
    for unit in ("b", "b-dept", "b-unit-1"):
        unit_id = str(world.id(unit))
        problem(await client.get(f"/organisations/{unit_id}", headers=as_hr), 404, "not-found")
        problem(await client.get(f"/organisations/{unit_id}/children", headers=as_hr), 404, "not-found")
        created = await client.post(
            "/people",
            headers=as_hr,
            json={"email": "new@a.example.lt", "display_name": "New", "unit_id": unit_id},
        )
        problem(created, 404, "not-found")
        moved = await client.patch(
            f"/people/{world.id('a_report')}", headers=as_hr, json={"unit_id": unit_id}
        )
        problem(moved, 404, "not-found")
        invited = await client.post(
            "/invitations",
            headers=as_hr,
            json={"email": "new@a.example.lt", "display_name": "New", "unit_id": unit_id},
        )
        problem(invited, 404, "not-found")
        within = await client.get("/people", headers=as_hr, params={"unit_id": unit_id})
        assert within.json()["total"] == 0
    organisations = (await client.get("/organisations", headers=as_hr, params={"limit": 100})).json()
    assert {org["code"] for org in organisations["items"]} == {
        "w-a",
        "w-a-dept",
        "w-a-unit-1",
        "w-a-unit-2",
        "w-a-dept-2",
        "w-a-unit-3",
    }
    assert await snapshot(db_session) == before


async def test_an_hr_manager_of_a_cannot_see_or_withdraw_invitations_or_audit_events_of_b(
    client: httpx.AsyncClient, world: World, db_session: AsyncSession
) -> None:
    before = await snapshot(db_session)
    as_hr = world.as_("a_hr")
    problem(await client.delete(f"/invitations/{world.b_invitation}", headers=as_hr), 404, "not-found")
    listed = (await client.get("/invitations", headers=as_hr)).json()
    assert listed["items"] == []
    assert listed["total"] == 0
    audit = (await client.get("/audit", headers=as_hr, params={"limit": 100})).json()
    assert audit["total"] == 0
    about_b = await client.get("/audit", headers=as_hr, params={"target_id": str(world.id("b_learner"))})
    assert about_b.json()["items"] == []
    assert await snapshot(db_session) == before
    # B's own HR manager does see them: the filter is reach, not absence.
    as_b = world.as_("b_hr")
    assert (await client.get("/invitations", headers=as_b)).json()["total"] == 1
    assert (await client.get("/audit", headers=as_b)).json()["total"] == 1


async def test_a_supervisor_sees_the_profiles_of_direct_reports_only(
    client: httpx.AsyncClient, world: World
) -> None:
    as_head = world.as_("a_head")
    reports = (await client.get("/me/reports", headers=as_head)).json()
    assert [item["id"] for item in reports["items"]] == [str(world.id("a_report"))]
    profile = await client.get(f"/people/{world.id('a_report')}/profile", headers=as_head)
    assert profile.status_code == 200, profile.text
    body = profile.json()
    assert body["job_title"] == "Job of A Report"
    assert "share_results_with_supervisor" in body
    assert body["accessibility"] is None  # not work data: the supervisor does not see it
    # A report's report is not theirs; nor is the person record, the audit log or any change.
    problem(await client.get(f"/people/{world.id('a_subreport')}/profile", headers=as_head), 404, "not-found")
    for method, path, body_ in person_endpoints(world.id("a_report"), world.id("a-unit-1")):
        if path.endswith("/profile"):
            continue
        problem(await client.request(method, path, json=body_, headers=as_head), 404, "not-found")
    assert (await client.get("/audit", headers=as_head)).json()["total"] == 0
    assert (await client.get("/people", headers=as_head)).json()["total"] == 0
    # The report's own view of the same profile is complete.
    own = (await client.get(f"/people/{world.id('a_report')}/profile", headers=world.as_("a_report"))).json()
    assert own["accessibility"] == {
        "larger_text": False,
        "reduced_motion": False,
        "screen_reader_hints": False,
    }


async def test_hr_of_a_unit_reaches_that_unit_only(client: httpx.AsyncClient, world: World) -> None:
    as_unit_hr = world.as_("a_unit_hr")
    inside, outside = world.id("a_report"), world.id("a_other")
    assert (await client.get(f"/people/{inside}", headers=as_unit_hr)).status_code == 200
    assert (await client.get(f"/people/{inside}/profile", headers=as_unit_hr)).json()[
        "accessibility"
    ] is not None
    problem(await client.get(f"/people/{outside}", headers=as_unit_hr), 404, "not-found")
    problem(await client.get(f"/people/{outside}/profile", headers=as_unit_hr), 404, "not-found")
    listed = (await client.get("/people", headers=as_unit_hr, params={"limit": 100})).json()
    unit = str(world.id("a-unit-1"))
    assert listed["total"] >= 1
    assert all(item["unit_id"] == unit for item in listed["items"])
    # Moving someone to a unit outside their subtree is as if the unit did not exist.
    moved = await client.patch(
        f"/people/{inside}", headers=as_unit_hr, json={"unit_id": str(world.id("a-unit-2"))}
    )
    problem(moved, 404, "not-found")


async def test_an_hr_system_reads_its_ministry_with_hr_read_and_changes_nothing(
    client: httpx.AsyncClient, world: World, db_session: AsyncSession
) -> None:
    before = await snapshot(db_session)
    machine = world.machine("a")
    listed = (await client.get("/people", headers=machine, params={"limit": 100})).json()
    assert {item["id"] for item in listed["items"]} == {str(world.id(name)) for name in A_PEOPLE}
    assert (await client.get(f"/people/{world.id('a_report')}", headers=machine)).status_code == 200
    assert (await client.get(f"/people/{world.id('a_report')}/profile", headers=machine)).status_code == 200
    for name in B_PEOPLE:
        problem(await client.get(f"/people/{world.id(name)}", headers=machine), 404, "not-found")
        problem(await client.get(f"/people/{world.id(name)}/profile", headers=machine), 404, "not-found")
    # Reading is all it does.
    for method, path, body in person_endpoints(world.id("a_report"), world.id("a-unit-2")):
        if method != "GET":
            problem(await client.request(method, path, json=body, headers=machine), 403, "forbidden")
    problem(await client.get("/me", headers=machine), 403, "forbidden")
    problem(await client.get("/audit", headers=machine), 403, "forbidden")
    # Without hr.read (a SCIM-only client, say) it reads nobody.
    scim_only = world.machine("a", scope="scim")
    problem(await client.get("/people", headers=scim_only), 403, "insufficient-scope")
    problem(await client.get(f"/people/{world.id('a_report')}", headers=scim_only), 403, "insufficient-scope")
    assert await snapshot(db_session) == before


async def test_a_learner_reaches_only_themselves(client: httpx.AsyncClient, world: World) -> None:
    as_learner = world.as_("a_subreport")
    assert (await client.get(f"/people/{world.id('a_subreport')}", headers=as_learner)).status_code == 200
    problem(await client.get(f"/people/{world.id('a_report')}", headers=as_learner), 404, "not-found")
    problem(await client.get(f"/people/{world.id('a_report')}/profile", headers=as_learner), 404, "not-found")
    assert (await client.get("/people", headers=as_learner)).json()["total"] == 0
    assert (await client.get("/invitations", headers=as_learner)).json()["total"] == 0
    organisations = (await client.get("/organisations", headers=as_learner, params={"limit": 100})).json()
    assert "w-b" not in {org["code"] for org in organisations["items"]}


async def test_a_platform_admin_reaches_both_ministries(client: httpx.AsyncClient, world: World) -> None:
    as_admin = world.as_("platform")
    listed = (await client.get("/people", headers=as_admin, params={"limit": 100})).json()
    assert {str(world.id(name)) for name in A_PEOPLE + B_PEOPLE} <= {item["id"] for item in listed["items"]}
    assert (await client.get(f"/people/{world.id('b_learner')}/profile", headers=as_admin)).status_code == 200
    assert (await client.get(f"/organisations/{world.id('b-unit-1')}", headers=as_admin)).status_code == 200


async def test_a_suspended_or_unknown_persons_token_is_refused(
    client: httpx.AsyncClient, world: World, db_session: AsyncSession
) -> None:
    problem(await client.get("/me", headers=world.as_("a_suspended")), 401, "unauthorized")
    problem(await client.get("/organisations", headers=world.as_("a_suspended")), 401, "unauthorized")
    ghost = world.mint.person(uuid.uuid4(), world.path("a-unit-1"))
    problem(await client.get("/me", headers={"Authorization": f"Bearer {ghost}"}), 401, "unauthorized")
    # Suspension takes effect on the very next request, not when the token expires.
    token = world.as_("a_report")
    assert (await client.get("/me", headers=token)).status_code == 200
    report = await db_session.get(Person, world.id("a_report"))
    assert report is not None
    report.status = "suspended"
    await db_session.flush()
    problem(await client.get("/me", headers=token), 401, "unauthorized")


async def test_grants_are_read_fresh_not_from_the_token(client: httpx.AsyncClient, world: World) -> None:
    # A token still claiming hr_manager of A after the grant was withdrawn reaches nobody.
    stale = world.mint.person(
        world.id("a_head"), world.path("a_head"), grants=world.grants["a_hr"], roles=["platform_admin"]
    )
    headers = {"Authorization": f"Bearer {stale}"}
    assert (await client.get("/people", headers=headers)).json()["total"] == 0
    problem(await client.get(f"/people/{world.id('a_other')}", headers=headers), 404, "not-found")


@pytest.mark.parametrize(
    "path", ["/me", "/me/profile", "/people", "/audit", "/invitations", "/organisations"]
)
async def test_no_token_or_no_dla_scope_is_refused(
    client: httpx.AsyncClient, world: World, path: str
) -> None:
    problem(await client.get(path), 401, "unauthorized")
    problem(await client.get(path, headers={"Authorization": "Bearer not.a.token"}), 401, "unauthorized")
    problem(await client.get(path, headers=world.as_("a_hr", scope="openid")), 403, "insufficient-scope")
