"""People with passwords, organisations with e-mail domains, solved ALTCHA challenges, tokens."""

from __future__ import annotations

import uuid
from typing import Any

import altcha
import httpx
from fastapi import FastAPI
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from identity.accounts.models import PasswordCredential
from identity.accounts.passwords import hash_secret
from identity.organisations.models import Organisation
from identity.people.models import Person
from identity.profiles.models import Profile
from identity.settings import IdentitySettings
from kit.auth import TokenVerifier
from kit.settings import ServiceSettings
from kit.testing.plugin import ServiceSpec
from kit.testing.tokens import TokenMint

PASSWORD = "violet-harbour-lantern-42"
ALTCHA_KEY = "test-only-altcha-hmac-key"
# Cheap argon2 and a small proof of work keep the tests quick; one test checks the defaults.
FAST: dict[str, Any] = {
    "argon2_memory_kib": 8192,
    "argon2_time_cost": 1,
    "altcha_max_number": 1000,
    "altcha_hmac_key": ALTCHA_KEY,
}


def fast_settings(base: ServiceSettings, **overrides: Any) -> IdentitySettings:
    return IdentitySettings.model_validate({**base.model_dump(), **FAST, **overrides})


def accounts_app(
    spec: ServiceSpec, base: ServiceSettings, sessions: async_sessionmaker[AsyncSession], **overrides: Any
) -> FastAPI:
    """The identity app with fast settings, its requests in the test's transaction."""
    application = spec.create_app(fast_settings(base, **overrides))
    application.state.sessionmaker = sessions
    return application


def trust_mint(app: FastAPI) -> TokenMint:
    """Make the app verify tokens signed by a test key (real RS256 verification)."""
    settings: IdentitySettings = app.state.settings
    mint = TokenMint(issuer=settings.auth_issuer, audience=settings.auth_audience)
    app.state.token_verifier = TokenVerifier(
        mint.key_source, issuer=settings.auth_issuer, audience=settings.auth_audience
    )
    return mint


async def organisation(
    db: AsyncSession,
    *,
    domains: list[str] | None = None,
    parent: Organisation | None = None,
    kind: str = "ministry",
) -> Organisation:
    tag = uuid.uuid4().hex[:8]
    org = Organisation(
        code=f"{kind}-{tag}",
        kind=kind if parent else "country",
        name={"en": f"Org {tag}", "lt": f"Org {tag}"},
        email_domains=domains or [],
        parent_id=parent.id if parent else None,
    )
    db.add(org)
    await db.flush()
    await db.refresh(org)
    return org


async def person(
    db: AsyncSession,
    settings: IdentitySettings,
    *,
    email: str | None = None,
    password: str | None = PASSWORD,
    unit: Organisation | None = None,
    verified: bool = True,
    status: str = "active",
    language: str = "en",
) -> Person:
    """A committed-in-the-test person with a password (argon2id with the app's settings)."""
    unit = unit or await organisation(db)
    someone = Person(
        email=email or f"person-{uuid.uuid4().hex[:8]}@example.lt",
        display_name="Ona Test",
        unit_id=unit.id,
        email_verified=verified,
        status=status,
    )
    db.add(someone)
    await db.flush()
    db.add(Profile(person_id=someone.id, preferred_language=language))
    if password is not None:
        db.add(PasswordCredential(person_id=someone.id, password_hash=hash_secret(settings, password)))
    await db.flush()
    return someone


def solve(challenge: dict[str, Any]) -> str:
    """Solve a challenge with the altcha package's own solver (real proof of work)."""
    parsed = altcha.Challenge.from_dict(challenge)
    solution = altcha.solve_challenge(parsed, timeout=60)
    assert solution is not None, "the challenge could not be solved"
    return str(altcha.Payload(parsed, solution).to_base64())


async def solved_altcha(client: httpx.AsyncClient) -> str:
    """Fetch a challenge from the app and solve it."""
    response = await client.get("/auth/altcha")
    assert response.status_code == 200, response.text
    return solve(response.json())


async def login(
    client: httpx.AsyncClient, email: str, password: str = PASSWORD, **extra: Any
) -> httpx.Response:
    return await client.post("/auth/login", json={"email": email, "password": password, **extra})
