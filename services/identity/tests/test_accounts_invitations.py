"""Accepting an invitation: the invited unit, supervisor, roles and grants, and a signed-in browser."""

from __future__ import annotations

import secrets
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from identity.accounts.models import BrowserSession
from identity.accounts.sessions import token_hash
from identity.audit.models import AuditEvent
from identity.database import events
from identity.organisations.models import Organisation
from identity.people.models import Invitation, Person, RoleGrant
from identity.profiles.models import Profile
from kit.settings import ServiceSettings
from kit.testing.plugin import ServiceSpec, problem

from .factories.accounts import accounts_app, organisation, person

NEW = "my-own-invited-passphrase"


@pytest.fixture
def app(
    dla_service: ServiceSpec, dla_settings: ServiceSettings, db_sessionmaker: async_sessionmaker[AsyncSession]
) -> FastAPI:
    application: FastAPI = accounts_app(dla_service, dla_settings, db_sessionmaker)
    return application


async def invite(db: AsyncSession, unit: Organisation, **fields: Any) -> str:
    """An invitation row as the people area writes it; returns the link's token."""
    token = secrets.token_urlsafe(32)
    values: dict[str, Any] = {
        "email": "invited@gmail.com",
        "display_name": "Invited Person",
        "unit_id": unit.id,
        "roles": ["learner", "mentor"],
        "grants": [],
        "token_hash": token_hash(token),
        "invited_by": "hr-person",
        "expires_at": datetime.now(UTC) + timedelta(days=7),
    }
    values.update(fields)
    db.add(Invitation(**values))
    await db.flush()
    return token


async def test_the_link_shows_who_is_invited_where(
    client: httpx.AsyncClient, db_session: AsyncSession
) -> None:
    unit = await organisation(db_session)
    token = await invite(db_session, unit)
    response = await client.get(f"/auth/invitations/{token}")
    assert response.status_code == 200
    body = response.json()
    assert body["email"] == "invited@gmail.com"
    assert body["display_name"] == "Invited Person"
    assert body["organisation"] == {"id": str(unit.id), "name": unit.name}
    problem(await client.get("/auth/invitations/not-a-token"), 404, "not-found")


async def test_accepting_creates_the_person_as_invited_and_signs_them_in(
    app: FastAPI, client: httpx.AsyncClient, db_session: AsyncSession
) -> None:
    ministry = await organisation(db_session)
    unit = await organisation(db_session, parent=ministry, kind="unit")
    boss = await person(db_session, app.state.settings, email="boss@vrm.lt", unit=unit)
    token = await invite(
        db_session,
        unit,
        supervisor_id=boss.id,
        grants=[{"role": "hr_manager", "organisation_id": str(unit.id)}],
    )
    response = await client.post(
        "/auth/invitations/accept", json={"token": token, "password": NEW, "language": "en"}
    )
    assert response.status_code == 200, response.text
    assert response.json() == {"status": "signed_in"}
    assert "dla_session=" in response.headers["set-cookie"]
    invited = await db_session.scalar(select(Person).where(Person.email == "invited@gmail.com"))
    assert invited is not None
    assert (invited.unit_id, invited.supervisor_id, invited.roles) == (
        unit.id,
        boss.id,
        ["learner", "mentor"],
    )
    assert invited.email_verified is True
    created = await db_session.scalar(
        select(events.outbox.c.payload).where(events.outbox.c.type == "identity.person.created")
    )
    assert created is not None
    assert (created["id"], created["unit_id"]) == (str(invited.id), str(unit.id))
    grants = (await db_session.scalars(select(RoleGrant).where(RoleGrant.person_id == invited.id))).all()
    assert [(grant.role, grant.organisation_id, grant.granted_by) for grant in grants] == [
        ("hr_manager", unit.id, "hr-person")
    ]
    profile = await db_session.get(Profile, invited.id)
    assert profile is not None
    assert profile.preferred_language == "en"
    assert await db_session.scalar(
        select(func.count()).select_from(BrowserSession).where(BrowserSession.person_id == invited.id)
    )
    audit = await db_session.scalar(select(AuditEvent).where(AuditEvent.action == "invitation.accepted"))
    assert audit is not None
    assert audit.org_path == list(unit.path)
    assert (await client.get("/auth/session")).json()["person"]["email"] == "invited@gmail.com"
    again = await client.post("/auth/invitations/accept", json={"token": token, "password": NEW})
    problem(again, 404, "not-found")
    problem(await client.get(f"/auth/invitations/{token}"), 404, "not-found")


@pytest.mark.parametrize(
    "fields",
    [
        {"expires_at": datetime.now(UTC) - timedelta(seconds=1)},
        {"revoked_at": datetime.now(UTC)},
        {"accepted_at": datetime.now(UTC)},
    ],
)
async def test_expired_withdrawn_or_used_invitations_cannot_be_accepted(
    client: httpx.AsyncClient, db_session: AsyncSession, fields: dict[str, datetime]
) -> None:
    token = await invite(db_session, await organisation(db_session), **fields)
    problem(
        await client.post("/auth/invitations/accept", json={"token": token, "password": NEW}),
        404,
        "not-found",
    )
    assert await db_session.scalar(select(func.count()).select_from(Person)) == 0


async def test_a_weak_password_keeps_the_invitation_open(
    client: httpx.AsyncClient, db_session: AsyncSession
) -> None:
    token = await invite(db_session, await organisation(db_session))
    weak = await client.post("/auth/invitations/accept", json={"token": token, "password": "invited"})
    problem(weak, 422, "weak-password")
    assert (await client.get(f"/auth/invitations/{token}")).status_code == 200


async def test_an_address_that_already_has_an_account_is_a_conflict(
    app: FastAPI, client: httpx.AsyncClient, db_session: AsyncSession
) -> None:
    unit = await organisation(db_session)
    await person(db_session, app.state.settings, email="invited@gmail.com", unit=unit)
    token = await invite(db_session, unit)
    problem(
        await client.post("/auth/invitations/accept", json={"token": token, "password": NEW}), 409, "conflict"
    )
    assert await db_session.scalar(select(func.count()).select_from(Person)) == 1
