"""The optional TOTP second factor: enrolment, the sign-in step, no code used twice."""

from __future__ import annotations

import time

import httpx
import pyotp
import pytest
from fastapi import FastAPI
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from identity.accounts import totp
from identity.accounts.models import BrowserSession, TotpCredential
from identity.people.models import Person
from identity.settings import IdentitySettings
from kit.settings import ServiceSettings
from kit.testing.plugin import ServiceSpec, problem
from kit.testing.tokens import TokenMint

from .factories.accounts import accounts_app, login, person, trust_mint


@pytest.fixture
def app(
    dla_service: ServiceSpec, dla_settings: ServiceSettings, db_sessionmaker: async_sessionmaker[AsyncSession]
) -> FastAPI:
    application: FastAPI = accounts_app(dla_service, dla_settings, db_sessionmaker)
    return application


@pytest.fixture
def mint(app: FastAPI) -> TokenMint:
    return trust_mint(app)


def bearer(mint: TokenMint, someone: Person) -> dict[str, str]:
    return {"Authorization": f"Bearer {mint.person(someone.id, [someone.unit_id])}"}


def code(secret: str, offset_steps: int = 0) -> str:
    return pyotp.TOTP(secret).at(time.time() + 30 * offset_steps)


async def enrolled(client: httpx.AsyncClient, mint: TokenMint, someone: Person) -> tuple[str, str]:
    """Set up and confirm a second factor: (secret, the code that confirmed it)."""
    setup = await client.post("/auth/totp", headers=bearer(mint, someone))
    assert setup.status_code == 200, setup.text
    secret: str = setup.json()["secret"]
    first = code(secret)
    confirmed = await client.post("/auth/totp/confirm", json={"code": first}, headers=bearer(mint, someone))
    assert confirmed.json() == {"enabled": True}
    return secret, first


async def test_enrolment_gives_a_secret_and_an_otpauth_uri_and_needs_a_first_code(
    app: FastAPI, client: httpx.AsyncClient, db_session: AsyncSession, mint: TokenMint
) -> None:
    someone = await person(db_session, app.state.settings, email="ona@vrm.lt")
    setup = (await client.post("/auth/totp", headers=bearer(mint, someone))).json()
    assert setup["otpauth_uri"].startswith("otpauth://totp/DLA:ona%40vrm.lt?secret=" + setup["secret"])
    assert not await totp.enabled(db_session, someone.id)
    wrong = await client.post("/auth/totp/confirm", json={"code": "000000"}, headers=bearer(mint, someone))
    problem(wrong, 400, "token-invalid")
    right = await client.post(
        "/auth/totp/confirm", json={"code": code(setup["secret"])}, headers=bearer(mint, someone)
    )
    assert right.status_code == 200
    assert await totp.enabled(db_session, someone.id)
    again = await client.post("/auth/totp", headers=bearer(mint, someone))
    problem(again, 409, "conflict")


async def test_enrolment_needs_a_persons_token(client: httpx.AsyncClient, mint: TokenMint) -> None:
    problem(await client.post("/auth/totp"), 401, "unauthorized")
    machine = mint.client("hr-system", [], scope="dla")
    problem(await client.post("/auth/totp", headers={"Authorization": f"Bearer {machine}"}), 403, "forbidden")


async def test_sign_in_asks_for_the_code_and_then_starts_the_session(
    app: FastAPI, client: httpx.AsyncClient, db_session: AsyncSession, mint: TokenMint
) -> None:
    someone = await person(db_session, app.state.settings, email="ona@vrm.lt")
    secret, used = await enrolled(client, mint, someone)
    following = pyotp.TOTP(secret).generate_otp(pyotp.TOTP(secret).timecode(time.time()) + 1)
    first = await login(client, "ona@vrm.lt")
    assert first.status_code == 200
    assert first.json()["status"] == "second_factor_required"
    assert "set-cookie" not in first.headers
    challenge = first.json()["challenge"]
    # The code used to confirm enrolment is spent; the next step's code works.
    reused = await client.post("/auth/login/second-factor", json={"challenge": challenge, "code": used})
    problem(reused, 401, "invalid-credentials")
    done = await client.post("/auth/login/second-factor", json={"challenge": challenge, "code": following})
    assert done.json() == {"status": "signed_in"}
    assert "dla_session=" in done.headers["set-cookie"]
    row = await db_session.scalar(select(BrowserSession).where(BrowserSession.person_id == someone.id))
    assert row is not None
    assert row.amr == ["pwd", "otp"]
    # The challenge was single use.
    replay = await client.post("/auth/login/second-factor", json={"challenge": challenge, "code": following})
    problem(replay, 400, "token-invalid")


async def test_a_code_is_never_accepted_twice(
    app: FastAPI, client: httpx.AsyncClient, db_session: AsyncSession, mint: TokenMint
) -> None:
    someone = await person(db_session, app.state.settings, email="ona@vrm.lt")
    secret, _ = await enrolled(client, mint, someone)
    step = pyotp.TOTP(secret).timecode(time.time()) + 1
    next_code = pyotp.TOTP(secret).generate_otp(step)
    first = (await login(client, "ona@vrm.lt")).json()["challenge"]
    ok = await client.post("/auth/login/second-factor", json={"challenge": first, "code": next_code})
    assert ok.status_code == 200
    second = (await login(client, "ona@vrm.lt")).json()["challenge"]
    again = await client.post("/auth/login/second-factor", json={"challenge": second, "code": next_code})
    problem(again, 401, "invalid-credentials")
    credential = await db_session.get(TotpCredential, someone.id, populate_existing=True)
    assert credential is not None
    assert credential.last_step == step


async def test_wrong_codes_count_towards_the_lockout(
    app: FastAPI, client: httpx.AsyncClient, db_session: AsyncSession, mint: TokenMint
) -> None:
    someone = await person(db_session, app.state.settings, email="ona@vrm.lt")
    await enrolled(client, mint, someone)
    challenge = (await login(client, "ona@vrm.lt")).json()["challenge"]
    for _ in range(app.state.settings.lockout_threshold - 1):
        wrong = await client.post(
            "/auth/login/second-factor", json={"challenge": challenge, "code": "123456"}
        )
        assert wrong.status_code == 401
    locked = await client.post("/auth/login/second-factor", json={"challenge": challenge, "code": "123456"})
    problem(locked, 423, "account-locked")


async def test_turning_the_second_factor_off_makes_the_password_enough_again(
    app: FastAPI, client: httpx.AsyncClient, db_session: AsyncSession, mint: TokenMint
) -> None:
    settings: IdentitySettings = app.state.settings
    someone = await person(db_session, settings, email="ona@vrm.lt")
    await enrolled(client, mint, someone)
    off = await client.delete("/auth/totp", headers=bearer(mint, someone))
    assert off.status_code == 204
    assert (await login(client, "ona@vrm.lt")).json() == {"status": "signed_in"}


def test_codes_within_one_step_of_drift_match_and_older_steps_do_not() -> None:
    secret = pyotp.random_base32()
    now = time.time()
    current = pyotp.TOTP(secret).timecode(now)
    for offset in (-1, 0, 1):
        assert totp.matching_step(secret, code(secret, offset), after=0, now=now) == current + offset
    assert totp.matching_step(secret, code(secret, -2), after=0, now=now) is None
    assert totp.matching_step(secret, code(secret), after=current, now=now) is None
    assert totp.matching_step(secret, "12345a", after=0, now=now) is None
