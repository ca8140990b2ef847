"""Self-registration for allowed e-mail domains, with ALTCHA, e-mail verification and no enumeration."""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from identity.accounts.models import PasswordCredential
from identity.database import events
from identity.mail.models import MailMessage
from identity.people.models import Person
from identity.profiles.models import Profile
from kit.settings import ServiceSettings
from kit.testing.plugin import ServiceSpec, problem

from .factories.accounts import PASSWORD, accounts_app, login, organisation, person, solved_altcha


@pytest.fixture
def app(
    dla_service: ServiceSpec, dla_settings: ServiceSettings, db_sessionmaker: async_sessionmaker[AsyncSession]
) -> FastAPI:
    application: FastAPI = accounts_app(dla_service, dla_settings, db_sessionmaker)
    return application


async def registration(client: httpx.AsyncClient, **overrides: Any) -> dict[str, Any]:
    body = {
        "email": "Jonas.Jonaitis@VRM.lt",
        "password": PASSWORD,
        "display_name": "Jonas Jonaitis",
        "language": "lt",
        "altcha": await solved_altcha(client),
    }
    body.update(overrides)
    return body


async def mails_to(db: AsyncSession, address: str) -> list[MailMessage]:
    query = select(MailMessage).where(MailMessage.to_address == address).order_by(MailMessage.created_at)
    return list((await db.scalars(query)).all())


def link_token(message: MailMessage, path: str) -> str:
    marker = f"{path}?token="
    return message.body_text.split(marker, 1)[1].split()[0]


async def test_a_new_person_joins_the_deepest_organisation_of_their_domain_and_confirms_the_address(
    client: httpx.AsyncClient, db_session: AsyncSession
) -> None:
    country = await organisation(db_session)
    ministry = await organisation(db_session, parent=country, domains=["vrm.lt"])
    department = await organisation(
        db_session, parent=ministry, kind="department", domains=["vrm.lt", "x.lt"]
    )
    response = await client.post("/auth/register", json=await registration(client))
    assert response.status_code == 202, response.text
    someone = await db_session.scalar(select(Person).where(Person.email == "jonas.jonaitis@vrm.lt"))
    assert someone is not None
    assert someone.unit_id == department.id
    assert someone.roles == ["learner"]
    assert someone.email_verified is False
    profile = await db_session.get(Profile, someone.id)
    assert profile is not None
    assert profile.preferred_language == "lt"
    assert await db_session.get(PasswordCredential, someone.id) is not None
    published = (await db_session.execute(select(events.outbox.c.type, events.outbox.c.payload))).all()
    assert [(kind, payload["id"]) for kind, payload in published] == [
        ("identity.person.created", str(someone.id))
    ]
    [mail] = await mails_to(db_session, "jonas.jonaitis@vrm.lt")
    assert (mail.kind, mail.language, mail.subject) == (
        "verify_email",
        "lt",
        "Patvirtinkite el. pašto adresą",
    )
    assert "http://127.0.0.1:8000/verify-email?token=" in mail.body_text
    problem(await login(client, "jonas.jonaitis@vrm.lt"), 403, "email-not-verified")
    token = link_token(mail, "/verify-email")
    assert (await client.post("/auth/verify-email", json={"token": token})).status_code == 204
    assert (await login(client, "jonas.jonaitis@vrm.lt")).json() == {"status": "signed_in"}
    problem(await client.post("/auth/verify-email", json={"token": token}), 400, "token-invalid")


async def test_a_domain_no_organisation_lists_cannot_register(
    client: httpx.AsyncClient, db_session: AsyncSession
) -> None:
    await organisation(db_session, domains=["vrm.lt"])
    body = problem(
        await client.post("/auth/register", json=await registration(client, email="someone@gmail.com")),
        422,
        "domain-not-allowed",
    )
    assert "gmail.com" in body["detail"]
    assert await db_session.scalar(select(func.count()).select_from(Person)) == 0


async def test_registration_without_a_valid_altcha_is_refused(
    client: httpx.AsyncClient, db_session: AsyncSession
) -> None:
    await organisation(db_session, domains=["vrm.lt"])
    body = await registration(client)
    missing = {key: value for key, value in body.items() if key != "altcha"}
    problem(await client.post("/auth/register", json=missing), 422, "validation")
    problem(await client.post("/auth/register", json={**body, "altcha": "Zm9yZ2Vk"}), 400, "captcha-invalid")
    assert (await client.post("/auth/register", json=body)).status_code == 202
    again = await client.post("/auth/register", json={**body, "email": "petras@vrm.lt"})
    problem(again, 400, "captcha-invalid")
    assert await db_session.scalar(select(func.count()).select_from(Person)) == 1


async def test_a_weak_password_is_refused_with_the_reason(
    client: httpx.AsyncClient, db_session: AsyncSession
) -> None:
    await organisation(db_session, domains=["vrm.lt"])
    body = problem(
        await client.post("/auth/register", json=await registration(client, password="Password123")),
        422,
        "weak-password",
    )
    assert "too common" in body["detail"]
    assert await db_session.scalar(select(func.count()).select_from(Person)) == 0


async def test_a_known_address_in_any_letter_case_gets_a_reminder_not_a_second_account(
    app: FastAPI, client: httpx.AsyncClient, db_session: AsyncSession
) -> None:
    ministry = await organisation(db_session, domains=["vrm.lt"])
    await person(db_session, app.state.settings, email="jonas.jonaitis@vrm.lt", unit=ministry, language="en")
    response = await client.post(
        "/auth/register", json=await registration(client, password="another-fine-pass")
    )
    assert response.status_code == 202
    assert response.content == b""
    assert await db_session.scalar(select(func.count()).select_from(Person)) == 1
    [mail] = await mails_to(db_session, "jonas.jonaitis@vrm.lt")
    assert (mail.kind, mail.language, mail.subject) == (
        "already_registered",
        "en",
        "You already have an account",
    )
    assert "/reset-password/confirm?token=" in mail.body_text
    # The old password still signs in: nothing about the account changed.
    assert (await login(client, "jonas.jonaitis@vrm.lt")).status_code == 200


@pytest.mark.parametrize(
    "overrides",
    [
        {"display_name": ""},
        {"display_name": "   "},
        {"display_name": "x" * 201},
        {"display_name": "Jonas\u0000"},
        {"language": "de"},
        {"email": "not-an-address"},
        {"password": "x" * 1025},
    ],
)
async def test_bad_registrations_are_422_and_change_nothing(
    client: httpx.AsyncClient, db_session: AsyncSession, overrides: dict[str, str]
) -> None:
    await organisation(db_session, domains=["vrm.lt"])
    problem(
        await client.post("/auth/register", json=await registration(client, **overrides)), 422, "validation"
    )
    assert await db_session.scalar(select(func.count()).select_from(Person)) == 0
    assert await db_session.scalar(select(func.count()).select_from(MailMessage)) == 0
