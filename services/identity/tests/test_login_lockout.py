"""Throttling: ALTCHA after a few failures, lockout after ten, per-address limits."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import httpx
import pytest
from fastapi import FastAPI
from sqlalchemy import update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from identity.accounts.models import LoginThrottle
from identity.settings import IdentitySettings
from kit.settings import ServiceSettings
from kit.testing.plugin import ServiceSpec, problem

from .factories.accounts import accounts_app, login, person, solved_altcha

WRONG = "not-the-password"


@pytest.fixture
def app(
    dla_service: ServiceSpec, dla_settings: ServiceSettings, db_sessionmaker: async_sessionmaker[AsyncSession]
) -> FastAPI:
    # The IP limit is kept high here: these tests are about the per-account rules.
    return accounts_app(dla_service, dla_settings, db_sessionmaker, ip_failure_threshold=1000)


@pytest.fixture
def settings(app: FastAPI) -> IdentitySettings:
    configured: IdentitySettings = app.state.settings
    return configured


async def fail_with_captcha(client: httpx.AsyncClient, email: str) -> httpx.Response:
    return await login(client, email, WRONG, altcha=await solved_altcha(client))


async def test_after_three_failures_a_solved_altcha_is_needed(
    client: httpx.AsyncClient, db_session: AsyncSession, settings: IdentitySettings
) -> None:
    await person(db_session, settings, email="ona@vrm.lt")
    flags = [problem(await login(client, "ona@vrm.lt", WRONG), 401, "invalid-credentials") for _ in range(3)]
    assert [flag["captcha_required"] for flag in flags] == [False, False, True]
    # Even the right password is not checked without a solution.
    needed = problem(await login(client, "ona@vrm.lt"), 401, "invalid-credentials")
    assert needed["captcha_required"] is True
    assert "proof-of-work" in needed["detail"]
    forged = problem(await login(client, "ona@vrm.lt", altcha="bm9wZQ=="), 400, "captcha-invalid")
    assert forged["captcha_required"] is True
    payload = await solved_altcha(client)
    assert (await login(client, "ona@vrm.lt", altcha=payload)).status_code == 200
    # Success forgot the failures: no solution is needed any more.
    assert (await login(client, "ona@vrm.lt")).status_code == 200


async def test_a_used_solution_is_refused_while_captcha_is_required(
    client: httpx.AsyncClient, db_session: AsyncSession, settings: IdentitySettings
) -> None:
    await person(db_session, settings, email="ona@vrm.lt")
    for _ in range(3):
        await login(client, "ona@vrm.lt", WRONG)
    payload = await solved_altcha(client)
    problem(await login(client, "ona@vrm.lt", WRONG, altcha=payload), 401, "invalid-credentials")
    reused = problem(await login(client, "ona@vrm.lt", altcha=payload), 400, "captcha-invalid")
    assert "already used" in reused["detail"]


async def test_ten_wrong_passwords_lock_the_account_even_for_the_right_one(
    client: httpx.AsyncClient, db_session: AsyncSession, settings: IdentitySettings
) -> None:
    someone = await person(db_session, settings, email="ona@vrm.lt")
    for _ in range(3):
        await login(client, "ona@vrm.lt", WRONG)
    for _ in range(6):
        problem(await fail_with_captcha(client, "ona@vrm.lt"), 401, "invalid-credentials")
    tenth = await fail_with_captcha(client, "ona@vrm.lt")
    locked = problem(tenth, 423, "account-locked")
    assert locked["retry_after"] == settings.lockout_seconds
    assert tenth.headers["retry-after"] == str(settings.lockout_seconds)
    assert "15 more minute(s)" in locked["detail"]
    right = await login(client, "ona@vrm.lt", altcha=await solved_altcha(client))
    still = problem(right, 423, "account-locked")
    assert 0 < still["retry_after"] <= settings.lockout_seconds
    assert "set-cookie" not in right.headers
    # When the lock ends, the right password works again.
    await db_session.execute(
        update(LoginThrottle)
        .where(LoginThrottle.key == "account:ona@vrm.lt")
        .values(locked_until=datetime.now(UTC) - timedelta(seconds=1))
    )
    assert (await login(client, "ona@vrm.lt")).status_code == 200
    assert someone.id


async def test_unknown_addresses_lock_the_same_way(client: httpx.AsyncClient) -> None:
    for _ in range(3):
        await login(client, "nobody@vrm.lt", WRONG)
    for _ in range(6):
        problem(await fail_with_captcha(client, "nobody@vrm.lt"), 401, "invalid-credentials")
    problem(await fail_with_captcha(client, "nobody@vrm.lt"), 423, "account-locked")


async def test_failures_older_than_the_window_are_forgotten(
    client: httpx.AsyncClient, db_session: AsyncSession, settings: IdentitySettings
) -> None:
    await person(db_session, settings, email="ona@vrm.lt")
    for _ in range(3):
        await login(client, "ona@vrm.lt", WRONG)
    await db_session.execute(
        update(LoginThrottle).values(
            window_started_at=datetime.now(UTC) - timedelta(seconds=settings.failure_window_seconds + 1)
        )
    )
    again = problem(await login(client, "ona@vrm.lt", WRONG), 401, "invalid-credentials")
    assert again["captcha_required"] is False


async def test_many_failures_from_one_address_are_throttled(
    dla_service: ServiceSpec,
    dla_settings: ServiceSettings,
    db_sessionmaker: async_sessionmaker[AsyncSession],
    db_session: AsyncSession,
) -> None:
    strict = accounts_app(dla_service, dla_settings, db_sessionmaker, ip_failure_threshold=10)
    await person(db_session, strict.state.settings, email="ona@vrm.lt")
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=strict), base_url="http://testserver"
    ) as http:
        for number in range(10):  # different accounts: no account lock, no captcha
            problem(await login(http, f"guess{number}@vrm.lt", WRONG), 401, "invalid-credentials")
        throttled = await login(http, "ona@vrm.lt")
        body = problem(throttled, 429, "too-many-attempts")
    assert 0 < body["retry_after"] <= strict.state.settings.failure_window_seconds
    assert throttled.headers["retry-after"] == str(body["retry_after"])
