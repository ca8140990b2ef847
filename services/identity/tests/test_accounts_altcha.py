"""ALTCHA: the challenge the widget fetches, and solutions accepted once, never forged or stale."""

from __future__ import annotations

import base64
import json
import time
from datetime import UTC, datetime, timedelta
from typing import Any

import altcha
import httpx
import pytest
from fastapi import FastAPI
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from identity.accounts import altcha as checks
from identity.accounts.models import UsedAltchaChallenge
from identity.settings import IdentitySettings
from kit.settings import ServiceSettings
from kit.testing.plugin import ServiceSpec

from .factories.accounts import ALTCHA_KEY, accounts_app, fast_settings, solve, solved_altcha


@pytest.fixture
def app(
    dla_service: ServiceSpec, dla_settings: ServiceSettings, db_sessionmaker: async_sessionmaker[AsyncSession]
) -> FastAPI:
    application: FastAPI = accounts_app(dla_service, dla_settings, db_sessionmaker)
    return application


def decoded(payload: str) -> dict[str, Any]:
    document: dict[str, Any] = json.loads(base64.b64decode(payload))
    return document


async def test_the_challenge_is_a_signed_pow_v2_challenge_that_expires_soon(
    client: httpx.AsyncClient,
) -> None:
    response = await client.get("/auth/altcha")
    assert response.status_code == 200
    assert response.headers["cache-control"] == "no-store"
    body = response.json()
    assert set(body) == {"parameters", "signature"}
    parameters = body["parameters"]
    assert parameters["algorithm"] == "SHA-256"
    assert {"nonce", "salt", "cost", "keyLength", "keyPrefix", "expiresAt"} <= set(parameters)
    assert time.time() < parameters["expiresAt"] <= time.time() + checks.CHALLENGE_SECONDS + 1
    assert len(body["signature"]) == 64


async def test_a_solution_found_by_real_work_is_accepted_once(
    client: httpx.AsyncClient, db_session: AsyncSession
) -> None:
    settings = fast_settings(IdentitySettings())
    payload = await solved_altcha(client)
    await checks.verify(db_session, settings, payload)
    assert await db_session.scalar(select(func.count()).select_from(UsedAltchaChallenge)) == 1
    with pytest.raises(checks.CaptchaInvalid, match="already used"):
        await checks.verify(db_session, settings, payload)


async def test_the_work_is_bounded_by_the_max_number(client: httpx.AsyncClient) -> None:
    payload = await solved_altcha(client)
    counter = decoded(payload)["solution"]["counter"]
    assert 500 <= counter < 1000


@pytest.mark.parametrize("payload", [None, "", "not base64 at all", base64.b64encode(b"{}").decode()])
async def test_a_missing_or_malformed_solution_is_refused(
    db_session: AsyncSession, payload: str | None
) -> None:
    with pytest.raises(checks.CaptchaInvalid):
        await checks.verify(db_session, fast_settings(IdentitySettings()), payload)


@pytest.mark.parametrize(
    "document",
    [
        [],
        {"challenge": "x", "solution": 1},
        {"challenge": {"parameters": [], "signature": 5}, "solution": {}},
        {"challenge": {"parameters": {"algorithm": 1}, "signature": None}, "solution": {"counter": "1"}},
        {
            "challenge": {"parameters": {"nonce": "zz", "salt": "zz", "algorithm": "SHA-256", "cost": 1}},
            "solution": {"counter": 1, "derivedKey": "00"},
        },
    ],
)
async def test_odd_payload_shapes_are_refused_not_errors(db_session: AsyncSession, document: object) -> None:
    odd = base64.b64encode(json.dumps(document).encode()).decode()
    with pytest.raises(checks.CaptchaInvalid):
        await checks.verify(db_session, fast_settings(IdentitySettings()), odd)


async def test_the_widgets_test_mode_payload_is_refused(db_session: AsyncSession) -> None:
    fake = base64.b64encode(json.dumps({"challenge": None, "solution": None, "test": True}).encode()).decode()
    with pytest.raises(checks.CaptchaInvalid):
        await checks.verify(db_session, fast_settings(IdentitySettings()), fake)


async def test_a_challenge_with_easier_parameters_fails_its_signature(
    client: httpx.AsyncClient, db_session: AsyncSession
) -> None:
    challenge = (await client.get("/auth/altcha")).json()
    challenge["parameters"]["keyPrefix"] = "0"  # almost no work
    with pytest.raises(checks.CaptchaInvalid, match="not valid"):
        await checks.verify(db_session, fast_settings(IdentitySettings()), solve(challenge))


async def test_a_challenge_signed_with_another_key_is_refused(db_session: AsyncSession) -> None:
    forged = altcha.create_challenge(
        "SHA-256",
        1,
        counter=10,
        hmac_secret="someone-else",
        expires_at=datetime.now(UTC) + timedelta(minutes=1),
    )
    with pytest.raises(checks.CaptchaInvalid, match="not valid"):
        await checks.verify(db_session, fast_settings(IdentitySettings()), solve(forged.to_dict()))


async def test_a_wrong_counter_is_refused(client: httpx.AsyncClient, db_session: AsyncSession) -> None:
    payload = decoded(await solved_altcha(client))
    payload["solution"]["counter"] += 1
    with pytest.raises(checks.CaptchaInvalid, match="not valid"):
        await checks.verify(
            db_session,
            fast_settings(IdentitySettings()),
            base64.b64encode(json.dumps(payload).encode()).decode(),
        )


async def test_an_expired_challenge_is_refused(db_session: AsyncSession) -> None:
    stale = altcha.create_challenge(
        "SHA-256", 1, counter=10, hmac_secret=ALTCHA_KEY, expires_at=datetime.now(UTC) - timedelta(seconds=1)
    )
    with pytest.raises(checks.CaptchaInvalid, match="expired"):
        await checks.verify(db_session, fast_settings(IdentitySettings()), solve(stale.to_dict()))


async def test_a_challenge_without_expiry_is_refused(db_session: AsyncSession) -> None:
    endless = altcha.create_challenge("SHA-256", 1, counter=10, hmac_secret=ALTCHA_KEY)
    with pytest.raises(checks.CaptchaInvalid):
        await checks.verify(db_session, fast_settings(IdentitySettings()), solve(endless.to_dict()))


async def test_used_challenges_are_forgotten_once_expired(
    client: httpx.AsyncClient, db_session: AsyncSession
) -> None:
    db_session.add(UsedAltchaChallenge(signature="old", expires_at=datetime.now(UTC) - timedelta(minutes=1)))
    await db_session.flush()
    await checks.verify(db_session, fast_settings(IdentitySettings()), await solved_altcha(client))
    signatures = set((await db_session.scalars(select(UsedAltchaChallenge.signature))).all())
    assert "old" not in signatures
    assert len(signatures) == 1


def test_production_needs_a_configured_key() -> None:
    with pytest.raises(RuntimeError, match="ALTCHA_HMAC_KEY"):
        checks.check_settings(IdentitySettings(environment="production", webhook_secret="whsec_" + "a" * 40))
