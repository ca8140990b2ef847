"""Password reset (single-use, one-hour links that end every session) and password change."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

import httpx
import pytest
from fastapi import FastAPI
from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from identity.accounts.models import BrowserSession, OneTimeToken
from identity.mail.models import MailMessage
from identity.oauth.models import RefreshToken
from identity.people.models import Person
from kit.settings import ServiceSettings
from kit.testing.plugin import ServiceSpec, problem
from kit.testing.tokens import TokenMint

from .factories.accounts import PASSWORD, accounts_app, login, person, solved_altcha, trust_mint

NEW = "a-brand-new-passphrase"


@pytest.fixture
def app(
    dla_service: ServiceSpec, dla_settings: ServiceSettings, db_sessionmaker: async_sessionmaker[AsyncSession]
) -> FastAPI:
    return accounts_app(dla_service, dla_settings, db_sessionmaker, ip_failure_threshold=1000)


async def reset_link_token(client: httpx.AsyncClient, db: AsyncSession, email: str) -> str:
    """Ask for a reset link and return the token of the mail that request queued."""
    before = set(await reset_tokens(db))
    response = await client.post(
        "/auth/password-reset", json={"email": email, "altcha": await solved_altcha(client)}
    )
    assert response.status_code == 202, response.text
    [token] = set(await reset_tokens(db)) - before
    return token


async def reset_tokens(db: AsyncSession) -> list[str]:
    bodies = (
        await db.scalars(select(MailMessage.body_text).where(MailMessage.kind == "password_reset"))
    ).all()
    return [body.split("/reset-password/confirm?token=", 1)[1].split()[0] for body in bodies]


async def refresh_token(
    db: AsyncSession, someone: Person, session_id: uuid.UUID | None = None
) -> RefreshToken:
    """A refresh token as the OAuth area stores it, of one browser sign-in."""
    row = RefreshToken(
        token_hash=uuid.uuid4().hex,
        family_id=uuid.uuid4(),
        client_id="dla-spa",
        person_id=someone.id,
        session_id=session_id,
        scope="openid dla",
        auth_time=datetime.now(UTC),
        expires_at=datetime.now(UTC) + timedelta(days=1),
    )
    db.add(row)
    await db.flush()
    return row


async def browser_sessions(db: AsyncSession, someone: Person) -> list[BrowserSession]:
    query = (
        select(BrowserSession)
        .where(BrowserSession.person_id == someone.id)
        .order_by(BrowserSession.auth_time)
    )
    return list((await db.scalars(query)).all())


async def live_sessions(db: AsyncSession, someone: Person) -> int:
    count = await db.scalar(
        select(func.count())
        .select_from(BrowserSession)
        .where(BrowserSession.person_id == someone.id, BrowserSession.ended_at.is_(None))
    )
    return int(count or 0)


async def test_a_reset_link_sets_a_new_password_ends_sessions_and_unlocks(
    app: FastAPI, client: httpx.AsyncClient, db_session: AsyncSession
) -> None:
    someone = await person(db_session, app.state.settings, email="ona@vrm.lt", language="lt")
    assert (await login(client, "ona@vrm.lt")).status_code == 200
    minted = await refresh_token(db_session, someone)
    for _ in range(3):
        await login(client, "ona@vrm.lt", "wrong-password")
    token = await reset_link_token(client, db_session, "ONA@vrm.lt")
    mail = await db_session.scalar(select(MailMessage).where(MailMessage.kind == "password_reset"))
    assert mail is not None
    assert (mail.to_address, mail.language) == ("ona@vrm.lt", "lt")
    confirm = await client.post("/auth/password-reset/confirm", json={"token": token, "password": NEW})
    assert confirm.status_code == 204, confirm.text
    assert await live_sessions(db_session, someone) == 0
    await db_session.refresh(minted)
    assert minted.revoked_at is not None
    problem(await login(client, "ona@vrm.lt"), 401, "invalid-credentials")
    # The failures were forgotten with the reset: two now, so no captcha is needed yet.
    await login(client, "ona@vrm.lt", "wrong-password")
    assert (await login(client, "ona@vrm.lt", NEW)).status_code == 200
    again = await client.post(
        "/auth/password-reset/confirm", json={"token": token, "password": "yet-another-one"}
    )
    problem(again, 400, "token-invalid")


async def test_a_reset_link_expires_after_an_hour(
    app: FastAPI, client: httpx.AsyncClient, db_session: AsyncSession
) -> None:
    await person(db_session, app.state.settings, email="ona@vrm.lt")
    token = await reset_link_token(client, db_session, "ona@vrm.lt")
    row = await db_session.scalar(select(OneTimeToken).where(OneTimeToken.purpose == "password_reset"))
    assert row is not None
    assert timedelta(minutes=59) < row.expires_at - datetime.now(UTC) <= timedelta(hours=1)
    assert token not in row.token_hash
    await db_session.execute(update(OneTimeToken).values(expires_at=datetime.now(UTC) - timedelta(seconds=1)))
    problem(
        await client.post("/auth/password-reset/confirm", json={"token": token, "password": NEW}),
        400,
        "token-invalid",
    )


async def test_a_newer_link_replaces_the_older_one(
    app: FastAPI, client: httpx.AsyncClient, db_session: AsyncSession
) -> None:
    await person(db_session, app.state.settings, email="ona@vrm.lt")
    older = await reset_link_token(client, db_session, "ona@vrm.lt")
    newer = await reset_link_token(client, db_session, "ona@vrm.lt")
    problem(
        await client.post("/auth/password-reset/confirm", json={"token": older, "password": NEW}),
        400,
        "token-invalid",
    )
    assert (
        await client.post("/auth/password-reset/confirm", json={"token": newer, "password": NEW})
    ).status_code == 204


async def test_a_weak_new_password_leaves_the_link_usable(
    app: FastAPI, client: httpx.AsyncClient, db_session: AsyncSession
) -> None:
    await person(db_session, app.state.settings, email="ona@vrm.lt")
    token = await reset_link_token(client, db_session, "ona@vrm.lt")
    weak = await client.post("/auth/password-reset/confirm", json={"token": token, "password": "ona"})
    problem(weak, 422, "weak-password")
    assert (
        await client.post("/auth/password-reset/confirm", json={"token": token, "password": NEW})
    ).status_code == 204


async def test_unknown_addresses_get_the_same_answer_and_no_mail(
    client: httpx.AsyncClient, db_session: AsyncSession
) -> None:
    response = await client.post(
        "/auth/password-reset", json={"email": "nobody@vrm.lt", "altcha": await solved_altcha(client)}
    )
    assert response.status_code == 202
    assert await db_session.scalar(select(func.count()).select_from(MailMessage)) == 0


async def test_a_reset_request_needs_a_solved_altcha(
    app: FastAPI, client: httpx.AsyncClient, db_session: AsyncSession
) -> None:
    await person(db_session, app.state.settings, email="ona@vrm.lt")
    problem(
        await client.post("/auth/password-reset", json={"email": "ona@vrm.lt", "altcha": "eA=="}),
        400,
        "captcha-invalid",
    )
    problem(await client.post("/auth/password-reset", json={"email": "ona@vrm.lt"}), 422, "validation")
    assert await db_session.scalar(select(func.count()).select_from(MailMessage)) == 0


async def test_changing_the_password_needs_the_current_one_and_ends_other_sessions(
    app: FastAPI, client: httpx.AsyncClient, db_session: AsyncSession
) -> None:
    mint: TokenMint = trust_mint(app)
    someone = await person(db_session, app.state.settings, email="ona@vrm.lt")
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app), base_url="http://testserver"
    ) as other:
        assert (await login(other, "ona@vrm.lt")).status_code == 200
    assert (await login(client, "ona@vrm.lt")).status_code == 200
    other_session, this_session = await browser_sessions(db_session, someone)
    other_token = await refresh_token(db_session, someone, other_session.id)
    this_token = await refresh_token(db_session, someone, this_session.id)
    headers = {"Authorization": f"Bearer {mint.person(someone.id, [someone.unit_id])}"}
    wrong = await client.post(
        "/auth/password", json={"current_password": "wrong-one", "new_password": NEW}, headers=headers
    )
    problem(wrong, 403, "invalid-credentials")
    weak = await client.post(
        "/auth/password", json={"current_password": PASSWORD, "new_password": "12345678"}, headers=headers
    )
    problem(weak, 422, "weak-password")
    done = await client.post(
        "/auth/password", json={"current_password": PASSWORD, "new_password": NEW}, headers=headers
    )
    assert done.status_code == 204
    assert await live_sessions(db_session, someone) == 1  # this browser's session stays
    await db_session.refresh(other_token)
    await db_session.refresh(this_token)
    assert other_token.revoked_at is not None
    assert this_token.revoked_at is None
    assert (await client.get("/auth/session")).json()["signed_in"] is True
    assert (await login(client, "ona@vrm.lt", NEW)).status_code == 200
    kinds = (await db_session.scalars(select(MailMessage.kind))).all()
    assert kinds == ["password_changed"]
    problem(
        await client.post("/auth/password", json={"current_password": PASSWORD, "new_password": NEW}),
        401,
        "unauthorized",
    )
