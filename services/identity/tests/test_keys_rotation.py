"""Signing keys: next/active/retired, rotation through the API, what the JWKS publishes, and
verification with kit.auth before and after a rotation."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import httpx
import pytest
from fastapi import FastAPI
from sqlalchemy import delete, func, select, update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from identity.oauth import keys
from identity.oauth.models import SigningKey
from identity.settings import IdentitySettings
from kit.auth import InvalidToken
from kit.settings import ServiceSettings
from kit.testing.plugin import problem

from .factories.oauth import (
    Provider,
    basic,
    code_flow,
    jwt_part,
    machine_client,
    person_in_new_tree,
    sign_in,
)


async def token_for(provider: Provider, roles: list[str]) -> dict[str, str]:
    person, _ = await person_in_new_tree(provider, roles=roles)
    async with httpx.AsyncClient(base_url=provider.url) as browser:
        await sign_in(provider, browser, person)
        return {key: str(value) for key, value in (await code_flow(provider, browser)).items()}


def bearer(token: dict[str, str]) -> dict[str, str]:
    return {"Authorization": f"Bearer {token['access_token']}"}


async def test_rotation_keeps_old_tokens_valid_and_new_tokens_use_the_new_key(
    oidc_provider: Provider,
) -> None:
    admin = await token_for(oidc_provider, ["learner", "platform_admin"])
    before = await token_for(oidc_provider, ["learner"])
    async with httpx.AsyncClient(base_url=oidc_provider.url) as http:
        listed = (await http.get("/keys", headers=bearer(admin))).json()
        status = {key["kid"]: key["status"] for key in listed}
        active = next(kid for kid, state in status.items() if state == "active")
        upcoming = next(kid for kid, state in status.items() if state == "next")
        assert jwt_part(before["access_token"], 0)["kid"] == active
        assert jwt_part(before["id_token"], 0)["kid"] == active

        rotated = await http.post("/keys/rotate", headers=bearer(admin))
        assert rotated.status_code == 200, rotated.text
        assert rotated.json()["kid"] == upcoming  # the key published ahead is the one that now signs
        assert rotated.json()["status"] == "active"
        after = await token_for(oidc_provider, ["learner"])
        assert jwt_part(after["access_token"], 0)["kid"] == upcoming

        jwks = {key["kid"] for key in (await http.get("/.well-known/jwks.json")).json()["keys"]}
        listed_after = {key["kid"]: key for key in (await http.get("/keys", headers=bearer(admin))).json()}
        assert listed_after[active]["status"] == "retired"
        assert listed_after[upcoming]["status"] == "active"
        new_next = next(kid for kid, key in listed_after.items() if key["status"] == "next")
        assert {active, upcoming, new_next} <= jwks
        retire_after = datetime.fromisoformat(listed_after[active]["retire_after"])
        longest = keys.longest_token_seconds(oidc_provider.settings)
        assert abs((retire_after - datetime.now(UTC)).total_seconds() - longest) < 30

        # A verifier that fetched the JWKS after the rotation accepts both; so does identity itself.
        verifier = oidc_provider.verifier()
        assert (await verifier.verify(before["access_token"])).subject == jwt_part(before["access_token"], 1)[
            "sub"
        ]
        await verifier.verify(after["access_token"])
        for token in (before, after):
            assert (await http.get("/oauth2/userinfo", headers=bearer(token))).status_code == 200

        # Once every token it signed has expired, the retired key leaves the JWKS.
        async with oidc_provider.sessions() as db, db.begin():
            await db.execute(
                update(SigningKey)
                .where(SigningKey.kid == active)
                .values(retire_after=datetime.now(UTC) - timedelta(seconds=1))
            )
        jwks = {key["kid"] for key in (await http.get("/.well-known/jwks.json")).json()["keys"]}
        assert active not in jwks
        assert {upcoming, new_next} <= jwks
        with pytest.raises(InvalidToken, match="unknown key"):
            await oidc_provider.verifier().verify(before["access_token"])


async def test_only_a_platform_admin_sees_and_rotates_keys(oidc_provider: Provider) -> None:
    learner = await token_for(oidc_provider, ["learner"])
    _, tree = await person_in_new_tree(oidc_provider)
    client_id, secret = await machine_client(oidc_provider, tree.ministry.id, ["service"])
    async with httpx.AsyncClient(base_url=oidc_provider.url) as http:
        machine = await http.post(
            oidc_provider.token_url,
            data={"grant_type": "client_credentials"},
            headers=basic(client_id, secret),
        )
        before = (await http.get("/.well-known/jwks.json")).json()
        problem(await http.get("/keys", headers=bearer(learner)), 403, "forbidden")
        problem(await http.post("/keys/rotate", headers=bearer(learner)), 403, "forbidden")
        problem(await http.post("/keys/rotate", headers=bearer(machine.json())), 403, "insufficient-scope")
        problem(await http.post("/keys/rotate"), 401, "unauthorized")
        assert (await http.get("/.well-known/jwks.json")).json() == before


async def test_ensure_keys_makes_one_active_and_one_next_key_and_is_idempotent(
    db_session: AsyncSession,
) -> None:
    await db_session.execute(delete(SigningKey))
    await keys.ensure_keys(db_session)
    await keys.ensure_keys(db_session)
    rows = await db_session.execute(select(SigningKey.status, func.count()).group_by(SigningKey.status))
    counts = {row[0]: row[1] for row in rows}
    assert counts == {"active": 1, "next": 1}
    document = keys.jwks_document(await keys.published(db_session))
    assert len(document["keys"]) == 2
    signing = await keys.active_key(db_session)
    assert signing.is_private
    assert signing.kid in {key["kid"] for key in document["keys"]}


async def test_rotation_is_due_after_the_rotation_period_once_next_was_published_long_enough(
    db_session: AsyncSession, dla_settings: ServiceSettings
) -> None:
    settings = IdentitySettings.model_validate({**dla_settings.model_dump(), "key_rotation_days": 30})
    await db_session.execute(delete(SigningKey))
    await keys.ensure_keys(db_session)
    assert await keys.rotate_if_due(db_session, settings) is None  # a fresh key is not due

    long_ago = datetime.now(UTC) - timedelta(days=31)
    await db_session.execute(
        update(SigningKey).where(SigningKey.status == "active").values(activated_at=long_ago)
    )
    just_now = datetime.now(UTC) - timedelta(seconds=settings.jwks_cache_seconds - 60)
    await db_session.execute(
        update(SigningKey).where(SigningKey.status == "next").values(created_at=just_now)
    )
    db_session.expire_all()
    # Due, but the next key has not been published as long as verifiers cache the JWKS.
    assert await keys.rotate_if_due(db_session, settings) is None

    upcoming = await db_session.scalar(select(SigningKey).where(SigningKey.status == "next"))
    assert upcoming is not None
    await db_session.execute(
        update(SigningKey).where(SigningKey.status == "next").values(created_at=long_ago)
    )
    db_session.expire_all()
    rotated = await keys.rotate_if_due(db_session, settings)
    assert rotated is not None
    assert rotated.kid == upcoming.kid
    statuses = sorted((await db_session.scalars(select(SigningKey.status))).all())
    assert statuses == ["active", "next", "retired"]


async def test_local_key_source_caches_and_refreshes_on_demand(
    db_session: AsyncSession, db_sessionmaker: async_sessionmaker[AsyncSession]
) -> None:
    await db_session.execute(delete(SigningKey))
    await keys.ensure_keys(db_session)
    await db_session.flush()
    app = FastAPI()
    app.state.sessionmaker = db_sessionmaker
    source = keys.LocalKeySource(app, cache_seconds=3600)
    first = {key.kid for key in (await source.keys(refresh=False)).keys}
    assert len(first) == 2

    await keys.rotate(db_session, keep_seconds=600)
    await db_session.flush()
    assert {key.kid for key in (await source.keys(refresh=False)).keys} == first  # cached
    refreshed = {key.kid for key in (await source.keys(refresh=True)).keys}
    assert first < refreshed
    assert len(refreshed) == 3
    assert all(not key.is_private for key in (await source.keys(refresh=False)).keys)
