"""My data: a complete JSON download, and erasure that keeps only the audit log."""

from __future__ import annotations

import json
import uuid
from datetime import UTC, datetime, timedelta

import httpx
import pytest
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from identity.accounts.models import BrowserSession, PasswordCredential
from identity.audit.models import AuditEvent
from identity.mail.models import MailMessage
from identity.oauth.models import RefreshToken
from identity.people.models import Person, RoleGrant
from identity.profiles.models import Profile
from kit.testing.plugin import problem

from .factories.people import World, outbox, snapshot


async def add_sign_in_data(db: AsyncSession, person_id: uuid.UUID, email: str) -> None:
    now = datetime.now(UTC)
    db.add(PasswordCredential(person_id=person_id, password_hash="$argon2id$not-a-real-hash"))
    db.add(
        BrowserSession(
            token_hash=uuid.uuid4().hex,
            person_id=person_id,
            expires_at=now + timedelta(hours=1),
            ip="192.0.2.7",
            user_agent="Firefox",
        )
    )
    db.add(
        RefreshToken(
            token_hash=uuid.uuid4().hex,
            family_id=uuid.uuid4(),
            client_id="dla-spa",
            person_id=person_id,
            scope="openid dla",
            auth_time=now,
            expires_at=now + timedelta(days=1),
        )
    )
    db.add(MailMessage(to_address=email, subject="Hello", body_text="Hi", kind="verify_email", language="lt"))
    await db.commit()


async def test_the_export_holds_my_person_profile_sign_ins_and_audit_and_is_audited(
    client: httpx.AsyncClient, world: World, db_session: AsyncSession
) -> None:
    await add_sign_in_data(db_session, world.id("a_hr"), "a.hr@a.example.lt")
    response = await client.get("/me/export", headers=world.as_("a_hr"))
    assert response.status_code == 200, response.text
    assert response.headers["content-disposition"].startswith('attachment; filename="dla-my-data-')
    assert response.headers["cache-control"] == "no-store"
    data = json.loads(response.content)
    assert data["person"]["email"] == "a.hr@a.example.lt"
    assert data["person"]["grants"][0]["role"] == "hr_manager"
    assert data["profile"]["job_title"] == "Job of A Hr"
    assert data["sign_in"]["sessions"][0]["ip"] == "192.0.2.7"
    assert data["sign_in"]["refresh_tokens"][0]["client_id"] == "dla-spa"
    assert data["mail"][0]["subject"] == "Hello"
    assert "not-a-real-hash" not in response.text  # secrets are not data about the person
    assert [event["action"] for event in data["audit"]] == ["person.exported"]
    exported = await db_session.scalar(
        select(func.count()).where(
            AuditEvent.action == "person.exported", AuditEvent.target_id == str(world.id("a_hr"))
        )
    )
    assert exported == 1


async def test_erasure_clears_personal_data_keeps_the_audit_log_and_announces_it(
    client: httpx.AsyncClient, world: World, db_session: AsyncSession
) -> None:
    person_id = world.id("a_report")
    await add_sign_in_data(db_session, person_id, "a.report@a.example.lt")
    db_session.add(RoleGrant(person_id=person_id, role="hr_manager", organisation_id=world.id("a-unit-1")))
    await db_session.commit()
    headers = world.as_("a_report")
    erased = await client.post("/me/erasure", headers=headers, json={"confirm": True})
    assert erased.status_code == 204, erased.text

    person = await db_session.scalar(
        select(Person).where(Person.id == person_id).execution_options(populate_existing=True)
    )
    assert person is not None
    assert (person.status, person.display_name, person.given_name, person.roles) == ("erased", "", "", [])
    assert person.email == f"erased-{person_id}@erased.invalid"
    assert person.erased_at is not None
    assert person.supervisor_id is None
    for table in (Profile, RoleGrant, PasswordCredential, BrowserSession, RefreshToken):
        assert (
            await db_session.scalar(
                select(func.count()).select_from(table).where(table.person_id == person_id)
            )
            == 0
        )
    assert (
        await db_session.scalar(select(func.count()).where(MailMessage.to_address == "a.report@a.example.lt"))
        == 0
    )
    # Their report has no supervisor now, and says so to every service.
    sub = await db_session.scalar(select(Person.supervisor_id).where(Person.id == world.id("a_subreport")))
    assert sub is None
    [changed] = await outbox(db_session, "identity.person.supervisor_changed")
    assert changed["id"] == str(world.id("a_subreport"))
    [event] = await outbox(db_session, "identity.person.erased")
    assert event["id"] == str(person_id)
    audit = await db_session.scalar(
        select(AuditEvent).where(AuditEvent.action == "person.erased", AuditEvent.target_id == str(person_id))
    )
    assert audit is not None
    assert audit.actor == str(person_id)

    # The token no longer works, nobody finds them, and the address is free again.
    problem(await client.get("/me", headers=headers), 401, "unauthorized")
    problem(await client.get(f"/people/{person_id}", headers=world.as_("a_hr")), 404, "not-found")
    problem(await client.get(f"/people/{person_id}/profile", headers=world.as_("a_head")), 404, "not-found")
    assert (await client.get("/me/reports", headers=world.as_("a_head"))).json()["total"] == 0
    again = await client.post(
        "/people",
        headers=world.as_("a_hr"),
        json={
            "email": "a.report@a.example.lt",
            "display_name": "A Report",
            "unit_id": str(world.id("a-unit-1")),
        },
    )
    assert again.status_code == 201, again.text


@pytest.mark.parametrize("body", [{}, {"confirm": False}, {"confirm": "yes"}, {"confirm": True, "why": "x"}])
async def test_erasure_must_be_confirmed_and_changes_nothing_otherwise(
    client: httpx.AsyncClient, world: World, db_session: AsyncSession, body: dict[str, object]
) -> None:
    before = await snapshot(db_session)
    problem(await client.post("/me/erasure", headers=world.as_("a_report"), json=body), 422, "validation")
    assert await snapshot(db_session) == before


async def test_hr_systems_have_no_data_of_their_own(client: httpx.AsyncClient, world: World) -> None:
    problem(await client.get("/me/export", headers=world.machine("a")), 403, "forbidden")
    problem(
        await client.post("/me/erasure", headers=world.machine("a"), json={"confirm": True}), 403, "forbidden"
    )
