"""Roles and grants: only org admins of the person's unit and platform admins set them, never more
than they hold, and every change is in the audit log."""

from __future__ import annotations

import uuid
from typing import Any

import httpx
import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from identity.audit.models import AuditEvent
from kit.testing.plugin import problem

from .factories.people import World, snapshot


def grant(world: World, role: str, org: str) -> dict[str, str]:
    return {"role": role, "organisation_id": str(world.id(org))}


async def test_an_org_admin_grants_hr_rights_in_their_ministry_and_it_is_audited(
    client: httpx.AsyncClient, world: World, db_session: AsyncSession
) -> None:
    person = world.id("a_report")
    body = {"roles": ["learner", "mentor"], "grants": [grant(world, "hr_manager", "a-dept")]}
    response = await client.put(f"/people/{person}/roles", headers=world.as_("a_admin"), json=body)
    assert response.status_code == 200, response.text
    assert response.json() == {
        "roles": ["learner", "mentor"],
        "grants": [grant(world, "hr_manager", "a-dept")],
    }
    event = await db_session.scalar(
        select(AuditEvent).where(
            AuditEvent.action == "person.roles_changed", AuditEvent.target_id == str(person)
        )
    )
    assert event is not None
    assert event.actor == str(world.id("a_admin"))
    assert event.details == {
        "roles_added": ["mentor"],
        "roles_removed": [],
        "grants_added": [grant(world, "hr_manager", "a-dept")],
        "grants_removed": [],
    }
    # The new HR manager now reaches the department, at once.
    reached = await client.get(f"/people/{world.id('a_hr')}", headers=world.as_("a_report"))
    assert reached.status_code == 200
    # Taking it back works the same way.
    back = await client.put(
        f"/people/{person}/roles", headers=world.as_("a_admin"), json={"roles": ["learner"]}
    )
    assert back.json() == {"roles": ["learner"], "grants": []}
    problem(await client.get(f"/people/{world.id('a_hr')}", headers=world.as_("a_report")), 404, "not-found")


async def test_a_platform_admin_grants_anything_anywhere(client: httpx.AsyncClient, world: World) -> None:
    body = {
        "roles": ["content_editor", "learner", "platform_admin"],
        "grants": [grant(world, "org_admin", "b"), grant(world, "hr_manager", "country")],
    }
    response = await client.put(
        f"/people/{world.id('b_learner')}/roles", headers=world.as_("platform"), json=body
    )
    assert response.status_code == 200, response.text
    assert response.json()["roles"] == ["content_editor", "learner", "platform_admin"]
    assert len(response.json()["grants"]) == 2


@pytest.mark.parametrize(
    ("caller", "target", "body", "status", "slug"),
    [
        # HR managers see the person but do not set roles.
        (
            "a_hr",
            "a_report",
            {"roles": ["learner"], "grants": [("hr_manager", "a-unit-1")]},
            403,
            "forbidden",
        ),
        # Not more than they hold: the org admin is a mentor, not a content editor or a platform admin.
        ("a_admin", "a_report", {"roles": ["learner", "content_editor"]}, 403, "forbidden"),
        ("a_admin", "a_report", {"roles": ["learner", "platform_admin"]}, 403, "forbidden"),
        # ... nor take away what they do not hold.
        ("a_admin", "a_other", {"roles": ["learner"]}, 403, "forbidden"),
        ("a_admin", "platform", {"roles": ["learner"]}, 403, "forbidden"),
        # Grants over organisations outside their subtree: B is invisible, the country too.
        ("a_admin", "a_report", {"roles": ["learner"], "grants": [("hr_manager", "b")]}, 404, "not-found"),
        (
            "a_admin",
            "a_report",
            {"roles": ["learner"], "grants": [("org_admin", "country")]},
            404,
            "not-found",
        ),
        (
            "a_admin",
            "a_report",
            {"roles": ["learner"], "grants": [("hr_manager", "unknown")]},
            404,
            "not-found",
        ),
        # People of another ministry are not found at all.
        ("a_admin", "b_learner", {"roles": ["learner", "mentor"]}, 404, "not-found"),
        ("b_admin", "a_report", {"roles": ["learner"]}, 404, "not-found"),
        # Bad input.
        ("a_admin", "a_report", {"roles": ["learner", "supervisor"]}, 422, "validation"),
        ("a_admin", "a_report", {"roles": ["learner"], "grants": [("mentor", "a")]}, 422, "validation"),
        ("a_admin", "a_report", {"grants": []}, 422, "validation"),
        ("a_admin", "a_report", {"roles": ["learner"] * 11}, 422, "validation"),
        ("a_admin", "a_report", {"roles": ["learner"], "scopes": ["hr.read"]}, 422, "validation"),
    ],
)
async def test_refused_role_changes_change_nothing(
    client: httpx.AsyncClient,
    world: World,
    db_session: AsyncSession,
    caller: str,
    target: str,
    body: dict[str, Any],
    status: int,
    slug: str,
) -> None:
    grants = [
        {"role": role, "organisation_id": str(world.ids.get(org, uuid.uuid4()))}
        for role, org in body.get("grants", [])
    ]
    payload = {**body, "grants": grants} if "grants" in body else body
    before = await snapshot(db_session)
    response = await client.put(f"/people/{world.id(target)}/roles", headers=world.as_(caller), json=payload)
    problem(response, status, slug)
    assert await snapshot(db_session) == before


async def test_an_org_admin_may_leave_roles_they_do_not_hold_as_they_are(
    client: httpx.AsyncClient, world: World
) -> None:
    # a_other is a content editor; the org admin adds mentor (which they hold) and keeps the rest.
    body = {"roles": ["content_editor", "learner", "mentor"], "grants": []}
    response = await client.put(
        f"/people/{world.id('a_other')}/roles", headers=world.as_("a_admin"), json=body
    )
    assert response.status_code == 200, response.text
    assert response.json()["roles"] == ["content_editor", "learner", "mentor"]


async def test_invitations_carry_roles_only_a_granting_admin_may_give(
    client: httpx.AsyncClient, world: World, db_session: AsyncSession
) -> None:
    body = {
        "email": "future.hr@a.example.lt",
        "display_name": "Future HR",
        "unit_id": str(world.id("a-unit-1")),
        "roles": ["learner", "mentor"],
        "grants": [grant(world, "hr_manager", "a-unit-1")],
    }
    before = await snapshot(db_session)
    problem(await client.post("/invitations", headers=world.as_("a_hr"), json=body), 403, "forbidden")
    assert await snapshot(db_session) == before
    response = await client.post("/invitations", headers=world.as_("a_admin"), json=body)
    assert response.status_code == 201, response.text
    assert response.json()["grants"] == [grant(world, "hr_manager", "a-unit-1")]
