"""Invitations: HR and admins invite to their units; the e-mail is queued in the same transaction;
duplicates are conflicts; withdrawn invitations stop working."""

from __future__ import annotations

import re
import uuid
from datetime import UTC, datetime
from typing import Any

import httpx
import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from identity.accounts.sessions import token_hash
from identity.audit.models import AuditEvent
from identity.mail.models import MailMessage
from identity.people.models import Invitation
from kit.testing.plugin import problem

from .factories.people import World, snapshot


def invitation(world: World, **overrides: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "email": "Jurga.Naujoke@A.example.lt",
        "display_name": "Jurga Naujokė",
        "unit_id": str(world.id("a-unit-2")),
        "supervisor_id": str(world.id("a_head")),
        "language": "lt",
    }
    body.update(overrides)
    return body


async def test_hr_invites_and_the_mail_carries_a_working_link(
    client: httpx.AsyncClient, world: World, db_session: AsyncSession
) -> None:
    response = await client.post("/invitations", headers=world.as_("a_hr"), json=invitation(world))
    assert response.status_code == 201, response.text
    created = response.json()
    assert (created["email"], created["status"], created["roles"]) == (
        "jurga.naujoke@a.example.lt",
        "pending",
        ["learner"],
    )
    assert created["invited_by"] == str(world.id("a_hr"))
    mail = (await db_session.scalars(select(MailMessage).where(MailMessage.kind == "invitation"))).one()
    assert (mail.to_address, mail.language) == ("jurga.naujoke@a.example.lt", "lt")
    assert "A Hr" in mail.body_text
    assert "Jurga Naujokė" in mail.body_text
    link = re.search(r"http://\S+/invitation\?token=(\S+)", mail.body_text)
    assert link is not None
    row = await db_session.get(Invitation, uuid.UUID(created["id"]))
    assert row is not None
    assert row.token_hash == token_hash(link.group(1))
    assert row.expires_at > datetime.now(UTC)
    audit = await db_session.scalar(select(AuditEvent).where(AuditEvent.target_id == created["id"]))
    assert audit is not None
    assert audit.action == "invitation.created"
    assert audit.org_path == world.path("a-unit-2")


@pytest.mark.parametrize(
    ("overrides", "status", "slug"),
    [
        ({"email": "A.REPORT@a.example.lt"}, 409, "conflict"),  # has an account, in other letters
        # B's pending invitation: a conflict however written (addresses are unique platform-wide).
        ({"email": "INVITED@b.example.lt"}, 409, "conflict"),
        ({"unit_id": str(uuid.uuid4())}, 404, "not-found"),
        ({"supervisor_id": str(uuid.uuid4())}, 404, "not-found"),
        ({"display_name": "x" * 201}, 422, "validation"),
        ({"email": "x@" + "a" * 250 + ".lt"}, 422, "validation"),
        ({"language": "fr"}, 422, "validation"),
        ({"roles": []}, 422, "validation"),
    ],
)
async def test_refused_invitations_change_nothing(
    client: httpx.AsyncClient,
    world: World,
    db_session: AsyncSession,
    overrides: dict[str, Any],
    status: int,
    slug: str,
) -> None:
    before = await snapshot(db_session)
    mails = len((await db_session.scalars(select(MailMessage.id))).all())
    response = await client.post(
        "/invitations", headers=world.as_("a_hr"), json=invitation(world, **overrides)
    )
    problem(response, status, slug)
    assert await snapshot(db_session) == before
    assert len((await db_session.scalars(select(MailMessage.id))).all()) == mails


async def test_a_second_pending_invitation_to_the_same_address_is_a_conflict(
    client: httpx.AsyncClient, world: World
) -> None:
    assert (
        await client.post("/invitations", headers=world.as_("a_hr"), json=invitation(world))
    ).status_code == 201
    again = await client.post(
        "/invitations",
        headers=world.as_("a_admin"),
        json=invitation(world, email="JURGA.naujoke@a.example.lt"),
    )
    problem(again, 409, "conflict")


async def test_only_hr_and_admins_of_the_unit_invite(client: httpx.AsyncClient, world: World) -> None:
    for name in ("a_head", "a_subreport"):
        problem(
            await client.post("/invitations", headers=world.as_(name), json=invitation(world)),
            404,
            "not-found",
        )
    problem(
        await client.post("/invitations", headers=world.machine("a"), json=invitation(world)),
        403,
        "forbidden",
    )
    unit_hr = await client.post("/invitations", headers=world.as_("a_unit_hr"), json=invitation(world))
    problem(unit_hr, 404, "not-found")  # a-unit-2 is not their unit


async def test_withdrawing_stops_the_invitation_and_lists_filter_by_status(
    client: httpx.AsyncClient, world: World, db_session: AsyncSession
) -> None:
    as_hr = world.as_("a_hr")
    first = (await client.post("/invitations", headers=as_hr, json=invitation(world))).json()
    second = (
        await client.post("/invitations", headers=as_hr, json=invitation(world, email="second@a.example.lt"))
    ).json()
    withdrawn = await client.delete(f"/invitations/{first['id']}", headers=as_hr)
    assert withdrawn.status_code == 204
    assert (await client.delete(f"/invitations/{first['id']}", headers=as_hr)).status_code == 204

    async def listed(**params: Any) -> list[str]:
        return [
            item["id"]
            for item in (await client.get("/invitations", headers=as_hr, params=params)).json()["items"]
        ]

    assert sorted(await listed()) == sorted([second["id"], first["id"]])  # one transaction: one time
    assert await listed(status="revoked") == [first["id"]]
    assert await listed(status="pending") == [second["id"]]
    assert await listed(status="accepted") == []
    actions = await db_session.scalars(
        select(AuditEvent.action).where(AuditEvent.target_id == first["id"]).order_by(AuditEvent.id)
    )
    assert list(actions) == ["invitation.created", "invitation.revoked"]
    # An accepted invitation stays as it was.
    row = await db_session.get(Invitation, uuid.UUID(second["id"]))
    assert row is not None
    row.accepted_at = datetime.now(UTC)
    await db_session.commit()
    problem(await client.delete(f"/invitations/{second['id']}", headers=as_hr), 409, "conflict")
    problem(await client.delete(f"/invitations/{uuid.uuid4()}", headers=as_hr), 404, "not-found")
    problem(await client.get("/invitations", headers=as_hr, params={"status": "lost"}), 422, "validation")
