"""Password sign-in: the session cookie, its row, who may not sign in, rehashing, logout."""

from __future__ import annotations

import httpx
import pytest
from argon2 import extract_parameters
from fastapi import FastAPI
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from identity.accounts.models import BrowserSession, PasswordCredential
from identity.accounts.passwords import hash_secret
from identity.accounts.sessions import token_hash
from identity.settings import IdentitySettings
from kit.settings import ServiceSettings
from kit.testing.plugin import ServiceSpec, problem

from .factories.accounts import PASSWORD, accounts_app, login, person


@pytest.fixture
def app(
    dla_service: ServiceSpec, dla_settings: ServiceSettings, db_sessionmaker: async_sessionmaker[AsyncSession]
) -> FastAPI:
    application: FastAPI = accounts_app(dla_service, dla_settings, db_sessionmaker)
    return application


@pytest.fixture
def settings(app: FastAPI) -> IdentitySettings:
    configured: IdentitySettings = app.state.settings
    return configured


async def test_signing_in_sets_a_secure_session_cookie_and_stores_only_its_hash(
    client: httpx.AsyncClient, db_session: AsyncSession, settings: IdentitySettings
) -> None:
    someone = await person(db_session, settings, email="ona@vrm.lt")
    response = await login(client, "Ona@VRM.lt")
    assert response.status_code == 200, response.text
    assert response.json() == {"status": "signed_in"}
    cookie = response.headers["set-cookie"]
    assert cookie.startswith("dla_session=")
    assert "HttpOnly" in cookie
    assert "SameSite=lax" in cookie
    assert "Path=/" in cookie
    assert "Secure" not in cookie  # session_cookie_secure is off in development
    token = response.cookies["dla_session"]
    row = await db_session.scalar(select(BrowserSession).where(BrowserSession.person_id == someone.id))
    assert row is not None
    assert row.token_hash == token_hash(token) != token
    assert row.amr == ["pwd"]


async def test_the_cookie_is_secure_when_the_settings_say_so(
    dla_service: ServiceSpec,
    dla_settings: ServiceSettings,
    db_sessionmaker: async_sessionmaker[AsyncSession],
    db_session: AsyncSession,
) -> None:
    secure = accounts_app(dla_service, dla_settings, db_sessionmaker, session_cookie_secure=True)
    await person(db_session, secure.state.settings, email="ona@vrm.lt")
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=secure), base_url="http://testserver"
    ) as http:
        response = await login(http, "ona@vrm.lt")
    assert response.status_code == 200
    assert "Secure" in response.headers["set-cookie"]


async def test_the_session_endpoint_knows_the_signed_in_person_until_logout(
    client: httpx.AsyncClient, db_session: AsyncSession, settings: IdentitySettings
) -> None:
    someone = await person(db_session, settings, email="ona@vrm.lt")
    assert (await client.get("/auth/session")).json() == {"signed_in": False, "person": None}
    await login(client, "ona@vrm.lt")
    state = (await client.get("/auth/session")).json()
    assert state == {
        "signed_in": True,
        "person": {"id": str(someone.id), "email": "ona@vrm.lt", "display_name": "Ona Test"},
    }
    token = client.cookies["dla_session"]
    logout = await client.post("/auth/logout")
    assert logout.status_code == 204
    assert 'dla_session=""' in logout.headers["set-cookie"]
    client.cookies.set("dla_session", token)  # the old cookie no longer works either
    assert (await client.get("/auth/session")).json()["signed_in"] is False


async def test_a_wrong_password_and_an_unknown_address_get_the_same_answer(
    client: httpx.AsyncClient, db_session: AsyncSession, settings: IdentitySettings
) -> None:
    await person(db_session, settings, email="ona@vrm.lt")
    wrong = problem(await login(client, "ona@vrm.lt", "not-the-password"), 401, "invalid-credentials")
    unknown = problem(await login(client, "nobody@vrm.lt"), 401, "invalid-credentials")
    for body in (wrong, unknown):
        body.pop("request_id", None)
    assert wrong == unknown
    assert wrong["captcha_required"] is False
    assert "set-cookie" not in (await login(client, "nobody@vrm.lt")).headers


@pytest.mark.parametrize("status", ["suspended", "erased"])
async def test_suspended_and_erased_people_cannot_sign_in(
    client: httpx.AsyncClient, db_session: AsyncSession, settings: IdentitySettings, status: str
) -> None:
    await person(db_session, settings, email="ona@vrm.lt", status=status)
    problem(await login(client, "ona@vrm.lt"), 401, "invalid-credentials")


async def test_a_person_without_a_password_cannot_sign_in(
    client: httpx.AsyncClient, db_session: AsyncSession, settings: IdentitySettings
) -> None:
    await person(db_session, settings, email="ona@vrm.lt", password=None)
    problem(await login(client, "ona@vrm.lt", "anything-at-all"), 401, "invalid-credentials")


async def test_an_unconfirmed_address_must_be_confirmed_first(
    client: httpx.AsyncClient, db_session: AsyncSession, settings: IdentitySettings
) -> None:
    await person(db_session, settings, email="ona@vrm.lt", verified=False)
    body = problem(await login(client, "ona@vrm.lt"), 403, "email-not-verified")
    assert "Confirm your e-mail" in body["detail"]


async def test_a_hash_with_old_parameters_is_replaced_at_sign_in(
    client: httpx.AsyncClient, db_session: AsyncSession, settings: IdentitySettings
) -> None:
    someone = await person(db_session, settings, email="ona@vrm.lt", password=None)
    weaker = settings.model_copy(update={"argon2_time_cost": 3})
    db_session.add(PasswordCredential(person_id=someone.id, password_hash=hash_secret(weaker, PASSWORD)))
    await db_session.flush()
    assert (await login(client, "ona@vrm.lt")).status_code == 200
    credential = await db_session.get(PasswordCredential, someone.id, populate_existing=True)
    assert credential is not None
    assert extract_parameters(credential.password_hash).time_cost == settings.argon2_time_cost


@pytest.mark.parametrize(
    "body",
    [
        {"email": "not-an-address", "password": "x"},
        {"email": "a@vrm.lt", "password": ""},
        {"email": "a@vrm.lt"},
    ],
)
async def test_malformed_sign_ins_are_422(client: httpx.AsyncClient, body: dict[str, str]) -> None:
    problem(await client.post("/auth/login", json=body), 422, "validation")
