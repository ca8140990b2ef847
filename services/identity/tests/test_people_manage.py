"""HR and admins create, change, move, suspend and reactivate people of their subtree; every change
is audited and announced; bad input is refused and changes nothing."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from identity.accounts.models import BrowserSession
from identity.audit.models import AuditEvent
from identity.oauth.models import RefreshToken
from identity.profiles.models import Profile
from kit.testing.plugin import problem

from .factories.people import World, outbox, snapshot


def new_person(world: World, **overrides: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "email": "Nauja.Darbuotoja@A.example.lt",
        "display_name": "Nauja Darbuotoja",
        "given_name": "Nauja",
        "family_name": "Darbuotoja",
        "unit_id": str(world.id("a-unit-2")),
        "supervisor_id": str(world.id("a_head")),
        "language": "en",
    }
    body.update(overrides)
    return body


async def audit_actions(db: AsyncSession, target: uuid.UUID | str) -> list[str]:
    rows = await db.scalars(
        select(AuditEvent.action).where(AuditEvent.target_id == str(target)).order_by(AuditEvent.id)
    )
    return list(rows)


async def test_hr_creates_a_person_with_a_profile_an_event_and_an_audit_entry(
    client: httpx.AsyncClient, world: World, db_session: AsyncSession
) -> None:
    response = await client.post("/people", headers=world.as_("a_hr"), json=new_person(world))
    assert response.status_code == 201, response.text
    created = response.json()
    assert created["email"] == "nauja.darbuotoja@a.example.lt"
    assert (created["roles"], created["grants"], created["status"]) == (["learner"], [], "active")
    person_id = uuid.UUID(created["id"])
    profile = await db_session.get(Profile, person_id)
    assert profile is not None
    assert profile.preferred_language == "en"
    [event] = await outbox(db_session, "identity.person.created")
    assert event["id"] == created["id"]
    assert event["org_path"] == [str(org) for org in world.path("a-unit-2")]
    assert event["supervisor_id"] == str(world.id("a_head"))
    assert await audit_actions(db_session, person_id) == ["person.created"]
    fetched = await client.get(f"/people/{person_id}", headers=world.as_("a_admin"))
    assert fetched.json() == created


@pytest.mark.parametrize(
    ("overrides", "status", "slug"),
    [
        ({"email": "A.HR@a.example.lt"}, 409, "conflict"),  # a_hr's address in other letters
        ({"email": "B.LEARNER@B.EXAMPLE.LT"}, 409, "conflict"),
        ({"email": "not-an-address"}, 422, "validation"),
        ({"email": "x" * 250 + "@a.lt"}, 422, "validation"),
        ({"display_name": "x" * 201}, 422, "validation"),
        ({"display_name": "  "}, 422, "validation"),
        ({"given_name": "x" * 101}, 422, "validation"),
        ({"family_name": "line\nbreak"}, 422, "validation"),
        ({"unit_id": str(uuid.uuid4())}, 404, "not-found"),
        ({"unit_id": "not-a-uuid"}, 422, "validation"),
        ({"supervisor_id": str(uuid.uuid4())}, 404, "not-found"),
        ({"roles": ["learner", "astronaut"]}, 422, "validation"),
        ({"roles": ["learner", "mentor"]}, 403, "forbidden"),  # HR does not give roles
        ({"language": "de"}, 422, "validation"),
        ({"status": "active"}, 422, "validation"),
    ],
)
async def test_bad_or_forbidden_creates_change_nothing(
    client: httpx.AsyncClient,
    world: World,
    db_session: AsyncSession,
    overrides: dict[str, Any],
    status: int,
    slug: str,
) -> None:
    before = await snapshot(db_session)
    response = await client.post("/people", headers=world.as_("a_hr"), json=new_person(world, **overrides))
    problem(response, status, slug)
    assert await snapshot(db_session) == before


async def test_a_suspended_supervisor_or_one_of_another_ministry_cannot_be_given(
    client: httpx.AsyncClient, world: World, db_session: AsyncSession
) -> None:
    before = await snapshot(db_session)
    for supervisor in ("a_suspended", "b_head"):
        response = await client.post(
            "/people",
            headers=world.as_("a_hr"),
            json=new_person(world, supervisor_id=str(world.id(supervisor))),
        )
        problem(response, 404, "not-found")
    problem(
        await client.post("/people", headers=world.as_("a_head"), json=new_person(world)), 404, "not-found"
    )
    assert await snapshot(db_session) == before


async def test_moving_and_changing_the_supervisor_publish_their_events(
    client: httpx.AsyncClient, world: World, db_session: AsyncSession
) -> None:
    person = world.id("a_subreport")
    response = await client.patch(
        f"/people/{person}",
        headers=world.as_("a_hr"),
        json={
            "unit_id": str(world.id("a-unit-3")),
            "supervisor_id": str(world.id("a_head")),
            "given_name": "Ieva",
        },
    )
    assert response.status_code == 200, response.text
    body = response.json()
    assert (body["unit_id"], body["supervisor_id"], body["given_name"]) == (
        str(world.id("a-unit-3")),
        str(world.id("a_head")),
        "Ieva",
    )
    [moved] = await outbox(db_session, "identity.person.moved")
    assert moved == {
        "id": str(person),
        "from_unit_id": str(world.id("a-unit-1")),
        "unit_id": str(world.id("a-unit-3")),
        "org_path": [str(org) for org in world.path("a-unit-3")],
    }
    [changed] = await outbox(db_session, "identity.person.supervisor_changed")
    assert changed == {
        "id": str(person),
        "from_supervisor_id": str(world.id("a_report")),
        "supervisor_id": str(world.id("a_head")),
    }
    assert await audit_actions(db_session, person) == [
        "person.renamed",
        "person.moved",
        "person.supervisor_changed",
    ]
    # The same values again change nothing and announce nothing.
    again = await client.patch(
        f"/people/{person}", headers=world.as_("a_hr"), json={"unit_id": str(world.id("a-unit-3"))}
    )
    assert again.status_code == 200
    assert len(await outbox(db_session, "identity.person.moved")) == 1
    # Removing the supervisor is `null`.
    removed = await client.patch(f"/people/{person}", headers=world.as_("a_hr"), json={"supervisor_id": None})
    assert removed.json()["supervisor_id"] is None
    assert len(await outbox(db_session, "identity.person.supervisor_changed")) == 2
    # A new given name leaves the display name, so nothing is announced; a new display name is,
    # once (saying it again changes nothing).
    assert await outbox(db_session, "identity.person.renamed") == []
    for _ in range(2):
        renamed = await client.patch(
            f"/people/{person}", headers=world.as_("a_hr"), json={"display_name": "Ieva Naujokė"}
        )
        assert renamed.status_code == 200
    assert await outbox(db_session, "identity.person.renamed") == [
        {"id": str(person), "display_name": "Ieva Naujokė"}
    ]


@pytest.mark.parametrize(
    ("name", "body", "status", "slug"),
    [
        # A loop of supervisors: a_head would report to their own report's report.
        ("a_head", {"supervisor_id": "a_subreport"}, 422, "validation"),
        ("a_head", {"supervisor_id": "a_head"}, 422, "validation"),
        ("a_head", {"unit_id": None}, 422, "validation"),
        ("a_head", {"display_name": None}, 422, "validation"),
        ("a_head", {"display_name": "x" * 201}, 422, "validation"),
        ("a_head", {"email": "other@a.example.lt"}, 422, "validation"),
        ("a_head", {"unit_id": str(uuid.uuid4())}, 404, "not-found"),
        ("a_head", {"supervisor_id": "b_head"}, 404, "not-found"),
        # A rename with a loop later in the same request: nothing of it stays.
        ("a_head", {"given_name": "Changed", "supervisor_id": "a_report"}, 422, "validation"),
    ],
)
async def test_bad_changes_change_nothing(
    client: httpx.AsyncClient,
    world: World,
    db_session: AsyncSession,
    name: str,
    body: dict[str, Any],
    status: int,
    slug: str,
) -> None:
    if isinstance(body.get("supervisor_id"), str) and body["supervisor_id"] in world.ids:
        body = {**body, "supervisor_id": str(world.id(body["supervisor_id"]))}
    before = await snapshot(db_session)
    response = await client.patch(f"/people/{world.id(name)}", headers=world.as_("a_hr"), json=body)
    problem(response, status, slug)
    assert await snapshot(db_session) == before


async def test_suspension_ends_sessions_and_tokens_and_reactivation_restores_sign_in(
    client: httpx.AsyncClient, world: World, db_session: AsyncSession
) -> None:
    person = world.id("a_report")
    now = datetime.now(UTC)
    session = BrowserSession(
        token_hash=uuid.uuid4().hex, person_id=person, expires_at=now + timedelta(hours=1)
    )
    db_session.add(session)
    refresh = RefreshToken(
        token_hash=uuid.uuid4().hex,
        family_id=uuid.uuid4(),
        client_id="dla-spa",
        person_id=person,
        scope="openid dla",
        auth_time=now,
        expires_at=now + timedelta(days=1),
    )
    db_session.add(refresh)
    await db_session.commit()
    session_id, refresh_id = session.id, refresh.id
    assert (await client.get("/me", headers=world.as_("a_report"))).status_code == 200

    suspended = await client.post(f"/people/{person}/suspend", headers=world.as_("a_hr"))
    assert suspended.status_code == 200, suspended.text
    assert suspended.json()["status"] == "suspended"
    ended = await db_session.scalar(select(BrowserSession.ended_at).where(BrowserSession.id == session_id))
    revoked = await db_session.scalar(select(RefreshToken.revoked_at).where(RefreshToken.id == refresh_id))
    assert ended is not None
    assert revoked is not None
    problem(await client.get("/me", headers=world.as_("a_report")), 401, "unauthorized")
    [event] = await outbox(db_session, "identity.person.suspended")
    assert event["id"] == str(person)
    # Twice is the same as once.
    assert (await client.post(f"/people/{person}/suspend", headers=world.as_("a_hr"))).status_code == 200
    assert len(await outbox(db_session, "identity.person.suspended")) == 1

    reactivated = await client.post(f"/people/{person}/reactivate", headers=world.as_("a_hr"))
    assert reactivated.json()["status"] == "active"
    assert (await client.get("/me", headers=world.as_("a_report"))).status_code == 200
    assert len(await outbox(db_session, "identity.person.reactivated")) == 1
    assert await audit_actions(db_session, person) == ["person.suspended", "person.reactivated"]


async def test_nobody_suspends_themselves_and_supervisors_change_nobody(
    client: httpx.AsyncClient, world: World, db_session: AsyncSession
) -> None:
    before = await snapshot(db_session)
    problem(
        await client.post(f"/people/{world.id('a_hr')}/suspend", headers=world.as_("a_hr")), 403, "forbidden"
    )
    problem(
        await client.post(f"/people/{world.id('a_report')}/suspend", headers=world.as_("a_head")),
        404,
        "not-found",
    )
    problem(
        await client.patch(
            f"/people/{world.id('a_report')}", headers=world.as_("a_report"), json={"display_name": "Me"}
        ),
        403,
        "forbidden",
    )
    assert await snapshot(db_session) == before


async def test_the_list_is_filtered_searched_and_paginated(client: httpx.AsyncClient, world: World) -> None:
    as_hr = world.as_("a_hr")

    async def ids(**params: Any) -> list[str]:
        response = await client.get("/people", headers=as_hr, params={"limit": 100, **params})
        assert response.status_code == 200, response.text
        return [item["id"] for item in response.json()["items"]]

    assert await ids(role="supervisor") == [str(world.id("a_head")), str(world.id("a_report"))]
    assert set(await ids(role="hr_manager")) == {str(world.id("a_hr")), str(world.id("a_unit_hr"))}
    assert await ids(role="content_editor") == [str(world.id("a_other"))]
    assert await ids(status="suspended") == [str(world.id("a_suspended"))]
    assert await ids(unit_id=str(world.id("a-dept-2"))) == [str(world.id("a_other"))]
    assert await ids(q="SUBREPORT") == [str(world.id("a_subreport"))]
    assert await ids(q="%") == []
    everyone = await ids()
    pages = [await ids(limit=4, offset=offset) for offset in range(0, len(everyone), 4)]
    assert [item for page in pages for item in page] == everyone
    admin = (await client.get("/people", headers=world.as_("a_admin"), params={"q": "a.admin"})).json()
    assert admin["items"][0]["grants"] == [{"role": "org_admin", "organisation_id": str(world.id("a"))}]
    for params in (
        {"limit": 0},
        {"limit": 101},
        {"offset": -1},
        {"status": "erased"},
        {"role": "boss"},
        {"q": ""},
    ):
        problem(await client.get("/people", headers=as_hr, params=params), 422, "validation")


async def test_the_contract_declares_every_people_event(client: httpx.AsyncClient) -> None:
    schema = (await client.get("/openapi.json")).json()
    for event, model in {
        "identity.person.created": "PersonCreatedEvent",
        "identity.person.moved": "PersonMovedEvent",
        "identity.person.supervisor_changed": "SupervisorChangedEvent",
        "identity.person.suspended": "PersonStatusEvent",
        "identity.person.reactivated": "PersonStatusEvent",
        "identity.person.erased": "PersonErasedEvent",
        "identity.profile.updated": "ProfileUpdatedEvent",
    }.items():
        body = schema["webhooks"][event]["post"]["requestBody"]["content"]["application/json"]["schema"]
        assert body["$ref"] == f"#/components/schemas/{model}"
