"""The OpenID Connect provider against a real client (authlib's) over real HTTP.

Identity runs under uvicorn with its real lifespan (signing keys, the SPA client); its data is
committed, so every test makes its own people and clients.
"""

from __future__ import annotations

import asyncio
import base64
import os
import uuid
from collections.abc import AsyncIterator, Iterator
from typing import Any
from urllib.parse import parse_qs, urlparse

import httpx
import pytest
import pytest_asyncio
from authlib.common.security import generate_token
from authlib.integrations.httpx_client import AsyncOAuth2Client
from authlib.oauth2.rfc7636 import create_s256_code_challenge
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from identity.accounts.models import PasswordCredential
from identity.accounts.passwords import hash_secret
from identity.app import create_app
from identity.oauth import keys
from identity.oauth.clients import create_confidential
from identity.oauth.models import RefreshToken
from identity.organisations.models import Organisation
from identity.people.models import Person, RoleGrant
from identity.settings import IdentitySettings
from kit.auth import RemoteJwks, TokenVerifier
from kit.db import make_engine
from kit.migrations import upgrade
from kit.settings import ServiceSettings
from kit.testing.plugin import ServiceSpec, role_url, scratch_database
from kit.testing.servers import Served, free_port

PASSWORD = "correct horse battery staple"
SCOPE = "openid profile email offline_access dla"


class Provider:
    def __init__(
        self, url: str, settings: IdentitySettings, sessions: async_sessionmaker[AsyncSession]
    ) -> None:
        self.url = url
        self.settings = settings
        self.sessions = sessions
        self.redirect_uri = f"{url}/auth/callback"

    def verifier(self) -> TokenVerifier:
        return TokenVerifier(
            RemoteJwks(f"{self.url}/.well-known/jwks.json"),
            issuer=self.url,
            audience="dla-api",
            min_refetch_seconds=0,
        )


@pytest.fixture(scope="session")
def provider(
    dla_service: ServiceSpec, dla_settings: ServiceSettings, dla_admin_url: str
) -> Iterator[Provider]:
    with scratch_database(dla_admin_url, f"dla_test_{os.getpid()}_oidc") as database:
        database_url = role_url(dla_admin_url, database, "identity")
        upgrade(dla_service.directory, database_url)
        yield from serve(dla_settings, database_url)


def serve(base: ServiceSettings, database_url: str) -> Iterator[Provider]:
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    settings = IdentitySettings.model_validate(
        {
            **base.model_dump(),
            "database_url": database_url,
            "auth_issuer": url,
            "auth_jwks_url": f"{url}/.well-known/jwks.json",
            "public_base_url": url,
            "spa_redirect_uris": [f"{url}/auth/callback"],
            "spa_post_logout_redirect_uris": [f"{url}/"],
            "dispatch_enabled": False,
            "argon2_memory_kib": 8192,
            "argon2_time_cost": 1,
        }
    )
    engine = make_engine(database_url, pool_size=2)
    try:
        with Served(create_app(settings), port=port):
            yield Provider(url, settings, async_sessionmaker(engine, expire_on_commit=False))
    finally:
        asyncio.run(engine.dispose())


async def make_person(
    provider: Provider, *, roles: list[str] | None = None, hr_of_own_ministry: bool = False
) -> tuple[Person, list[uuid.UUID]]:
    """A country, a ministry, one unit and one person in it (committed), with a password."""
    tag = uuid.uuid4().hex[:8]
    async with provider.sessions() as db, db.begin():
        country = Organisation(code=f"country-{tag}", kind="country", name={"en": f"Country {tag}"})
        db.add(country)
        await db.flush()
        ministry = Organisation(
            code=f"min-{tag}", kind="ministry", name={"en": f"Ministry {tag}"}, parent_id=country.id
        )
        db.add(ministry)
        await db.flush()
        unit = Organisation(
            code=f"unit-{tag}", kind="unit", name={"en": f"Unit {tag}"}, parent_id=ministry.id
        )
        db.add(unit)
        await db.flush()
        person = Person(
            email=f"person-{tag}@example.lt",
            display_name=f"Person {tag}",
            given_name="Ona",
            family_name=tag,
            unit_id=unit.id,
            roles=roles or ["learner"],
            email_verified=True,
        )
        db.add(person)
        await db.flush()
        db.add(
            PasswordCredential(person_id=person.id, password_hash=hash_secret(provider.settings, PASSWORD))
        )
        if hr_of_own_ministry:
            db.add(RoleGrant(person_id=person.id, role="hr_manager", organisation_id=ministry.id))
        await db.refresh(unit)
        return person, list(unit.path)


@pytest_asyncio.fixture
async def browser(provider: Provider) -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient(base_url=provider.url) as http:
        yield http


async def sign_in(browser: httpx.AsyncClient, email: str, password: str = PASSWORD) -> httpx.Response:
    return await browser.post("/auth/login", json={"email": email, "password": password})


async def authorize(
    provider: Provider, browser: httpx.AsyncClient, client: AsyncOAuth2Client, verifier: str
) -> tuple[str, str]:
    url, state = client.create_authorization_url(
        f"{provider.url}/oauth2/authorize", code_verifier=verifier, nonce=generate_token(16)
    )
    response = await browser.get(url)
    assert response.status_code == 302, response.text
    return response.headers["location"], state


def spa_client(provider: Provider) -> AsyncOAuth2Client:
    return AsyncOAuth2Client(
        client_id=provider.settings.spa_client_id,
        redirect_uri=provider.redirect_uri,
        scope=SCOPE,
        code_challenge_method="S256",
        token_endpoint_auth_method="none",
    )


async def test_discovery_points_at_the_issuer_and_publishes_two_keys(provider: Provider) -> None:
    async with httpx.AsyncClient(base_url=provider.url) as http:
        document = (await http.get("/.well-known/openid-configuration")).json()
        jwks = (await http.get(document["jwks_uri"])).json()
    assert document["issuer"] == provider.url
    assert document["token_endpoint"] == f"{provider.url}/oauth2/token"
    assert document["code_challenge_methods_supported"] == ["S256"]
    assert {"authorization_code", "refresh_token", "client_credentials"} <= set(
        document["grant_types_supported"]
    )
    # The active key and the next one, published before it signs.
    assert len(jwks["keys"]) >= 2
    assert all({"kid", "kty", "n", "e"} <= set(key) and "d" not in key for key in jwks["keys"])


async def test_code_pkce_refresh_userinfo_and_logout(provider: Provider, browser: httpx.AsyncClient) -> None:
    person, path = await make_person(provider)
    assert (await sign_in(browser, person.email)).json() == {"status": "signed_in"}
    async with spa_client(provider) as client:
        verifier = generate_token(48)
        location, _ = await authorize(provider, browser, client, verifier)
        assert location.startswith(provider.redirect_uri)
        token = await client.fetch_token(
            f"{provider.url}/oauth2/token", authorization_response=location, code_verifier=verifier
        )
        assert {"access_token", "refresh_token", "id_token"} <= set(token)

        principal = await provider.verifier().verify(token["access_token"])
        assert principal.person_id == person.id
        assert principal.unit_id == path[-1]
        assert principal.org_path == tuple(path)
        assert principal.tenant_id == path[1]
        assert principal.roles == {"learner"}
        assert "dla" in principal.scopes

        bearer = {"Authorization": f"Bearer {token['access_token']}"}
        info = (await browser.get("/oauth2/userinfo", headers=bearer)).json()
        assert info == {
            "sub": str(person.id),
            "name": person.display_name,
            "given_name": "Ona",
            "family_name": person.family_name,
            "email": person.email,
            "email_verified": True,
        }
        me = (await browser.get("/me", headers=bearer)).json()
        assert me["id"] == str(person.id)

        refreshed = await client.refresh_token(
            f"{provider.url}/oauth2/token", refresh_token=token["refresh_token"]
        )
        assert refreshed["refresh_token"] != token["refresh_token"]
        assert (await provider.verifier().verify(refreshed["access_token"])).person_id == person.id

    logout = await browser.get(
        "/oauth2/logout",
        params={
            "id_token_hint": token["id_token"],
            "post_logout_redirect_uri": f"{provider.url}/",
            "state": "s1",
        },
    )
    assert logout.status_code == 302
    assert logout.headers["location"] == f"{provider.url}/?state=s1"
    assert (await browser.get("/auth/session")).json() == {"signed_in": False, "person": None}
    # The sign-in ended, and the refresh tokens of it with it.
    async with spa_client(provider) as client:
        url, _ = client.create_authorization_url(
            f"{provider.url}/oauth2/authorize", code_verifier=generate_token(48)
        )
        again = await browser.get(url)
        assert again.status_code == 302
        assert urlparse(again.headers["location"]).path == "/sign-in"
        form = {
            "grant_type": "refresh_token",
            "refresh_token": refreshed["refresh_token"],
            "client_id": "dla-spa",
        }
        assert (await browser.post("/oauth2/token", data=form)).json()["error"] == "invalid_grant"


async def test_refresh_token_reuse_revokes_the_family(provider: Provider, browser: httpx.AsyncClient) -> None:
    person, _ = await make_person(provider)
    await sign_in(browser, person.email)
    async with spa_client(provider) as client:
        verifier = generate_token(48)
        location, _ = await authorize(provider, browser, client, verifier)
        first = await client.fetch_token(
            f"{provider.url}/oauth2/token", authorization_response=location, code_verifier=verifier
        )
        second = await client.refresh_token(
            f"{provider.url}/oauth2/token", refresh_token=first["refresh_token"]
        )

    def refresh(token: str) -> dict[str, str]:
        return {"grant_type": "refresh_token", "refresh_token": token, "client_id": "dla-spa"}

    replay = await browser.post("/oauth2/token", data=refresh(first["refresh_token"]))
    assert replay.status_code == 400
    assert replay.json()["error"] == "invalid_grant"
    # The thief's replay also kills the legitimate holder's newer token.
    assert (await browser.post("/oauth2/token", data=refresh(second["refresh_token"]))).status_code == 400
    async with provider.sessions() as db:
        family = (await db.scalars(select(RefreshToken).where(RefreshToken.person_id == person.id))).all()
    assert family
    assert all(row.revoked_at is not None for row in family)


async def test_code_flow_refusals(provider: Provider, browser: httpx.AsyncClient) -> None:
    person, _ = await make_person(provider)
    await sign_in(browser, person.email)
    token_url = f"{provider.url}/oauth2/token"
    async with spa_client(provider) as client:
        verifier = generate_token(48)
        location, _ = await authorize(provider, browser, client, verifier)
        code = parse_qs(urlparse(location).query)["code"][0]
        exchange = {
            "grant_type": "authorization_code",
            "code": code,
            "redirect_uri": provider.redirect_uri,
            "client_id": "dla-spa",
        }
        wrong_verifier = await browser.post(token_url, data={**exchange, "code_verifier": generate_token(48)})
        assert wrong_verifier.json()["error"] == "invalid_grant"
        wrong_redirect = await browser.post(
            token_url,
            data={**exchange, "code_verifier": verifier, "redirect_uri": f"{provider.url}/elsewhere"},
        )
        assert wrong_redirect.json()["error"] == "invalid_grant"
        good = await browser.post(token_url, data={**exchange, "code_verifier": verifier})
        assert good.status_code == 200, good.text
        reused = await browser.post(token_url, data={**exchange, "code_verifier": verifier})
        assert reused.json()["error"] == "invalid_grant"
        # Replaying the code revoked what it had produced.
        refresh = {
            "grant_type": "refresh_token",
            "refresh_token": good.json()["refresh_token"],
            "client_id": "dla-spa",
        }
        assert (await browser.post(token_url, data=refresh)).json()["error"] == "invalid_grant"

    # No PKCE from a public client, an unregistered redirect URI, an unknown client: no redirect at all.
    base = {
        "response_type": "code",
        "client_id": "dla-spa",
        "redirect_uri": provider.redirect_uri,
        "scope": "openid",
    }
    no_pkce = await browser.get("/oauth2/authorize", params=base)
    assert no_pkce.status_code == 302, no_pkce.text
    assert parse_qs(urlparse(no_pkce.headers["location"]).query)["error"] == ["invalid_request"]
    challenge = {
        "code_challenge": create_s256_code_challenge(generate_token(48)),
        "code_challenge_method": "S256",
    }
    evil = await browser.get(
        "/oauth2/authorize", params={**base, **challenge, "redirect_uri": "https://evil.example/cb"}
    )
    assert evil.status_code == 400
    unknown = await browser.get("/oauth2/authorize", params={**base, **challenge, "client_id": "nobody"})
    assert unknown.status_code == 400


async def test_client_credentials_token_reaches_only_its_organisation(
    provider: Provider, browser: httpx.AsyncClient
) -> None:
    inside, path = await make_person(provider)
    outside, _ = await make_person(provider)
    async with provider.sessions() as db, db.begin():
        hr_client, secret = await create_confidential(
            db,
            provider.settings,
            client_id=f"hr-{uuid.uuid4().hex[:8]}",
            name="Ministry HR system",
            organisation_id=path[1],
            scopes=["hr.read", "scim"],
            created_by="test",
        )
    client_id = hr_client.client_id
    basic = base64.b64encode(f"{client_id}:{secret}".encode()).decode()
    token_url = f"{provider.url}/oauth2/token"
    issued = await browser.post(
        token_url,
        data={"grant_type": "client_credentials", "scope": "hr.read"},
        headers={"Authorization": f"Basic {basic}"},
    )
    assert issued.status_code == 200, issued.text
    access = issued.json()["access_token"]
    assert "refresh_token" not in issued.json()
    principal = await provider.verifier().verify(access)
    assert principal.is_machine
    assert principal.org_path == tuple(path[:2])
    bearer = {"Authorization": f"Bearer {access}"}
    listed = (await browser.get("/people", headers=bearer, params={"limit": 100})).json()
    assert [item["id"] for item in listed["items"]] == [str(inside.id)]
    assert (await browser.get(f"/people/{inside.id}", headers=bearer)).status_code == 200
    assert (await browser.get(f"/people/{outside.id}", headers=bearer)).status_code == 404

    wrong_secret = base64.b64encode(f"{client_id}:not-the-secret".encode()).decode()
    refused = await browser.post(
        token_url,
        data={"grant_type": "client_credentials"},
        headers={"Authorization": f"Basic {wrong_secret}"},
    )
    assert refused.json()["error"] == "invalid_client"
    post_auth = await browser.post(
        token_url,
        data={
            "grant_type": "client_credentials",
            "client_id": client_id,
            "client_secret": secret,
            "scope": "service",
        },
    )
    # A scope the client was not given is not granted.
    assert "service" not in post_auth.json().get("scope", "")


async def test_after_rotation_old_tokens_verify_and_new_ones_use_the_new_key(
    provider: Provider, browser: httpx.AsyncClient
) -> None:
    person, _ = await make_person(provider)
    await sign_in(browser, person.email)
    verify = provider.verifier()

    async def new_token() -> dict[str, Any]:
        async with spa_client(provider) as client:
            verifier = generate_token(48)
            location, _ = await authorize(provider, browser, client, verifier)
            return dict(
                await client.fetch_token(
                    f"{provider.url}/oauth2/token", authorization_response=location, code_verifier=verifier
                )
            )

    before = await new_token()
    await verify.verify(before["access_token"])
    async with provider.sessions() as db, db.begin():
        old_active = await keys.active_key(db)
        await keys.rotate(db, keep_seconds=900)
        new_active = await keys.active_key(db)
    after = await new_token()

    def kid(token: str) -> str:
        header = token.split(".")[0]
        return str(httpx.Response(200, content=base64.urlsafe_b64decode(header + "==")).json()["kid"])

    assert kid(before["access_token"]) == old_active.kid
    assert kid(after["access_token"]) == new_active.kid != old_active.kid
    assert (await verify.verify(before["access_token"])).person_id == person.id
    assert (await verify.verify(after["access_token"])).person_id == person.id


async def test_ten_wrong_passwords_lock_the_account(provider: Provider, browser: httpx.AsyncClient) -> None:
    person, _ = await make_person(provider)
    for _ in range(provider.settings.lockout_threshold):
        wrong = await sign_in(browser, person.email, "not the password")
        assert wrong.status_code == 401
        assert wrong.json()["type"] == "urn:dla:problem:invalid-credentials"
    locked = await sign_in(browser, person.email)
    assert locked.status_code == 423
    assert locked.headers["content-type"] == "application/problem+json"
    assert int(locked.headers["retry-after"]) > 0
    assert (await browser.get("/auth/session")).json()["signed_in"] is False
    # Another account is not affected.
    other, _ = await make_person(provider)
    assert (await sign_in(browser, other.email)).status_code == 200


async def test_unknown_and_suspended_accounts_cannot_sign_in(
    provider: Provider, browser: httpx.AsyncClient
) -> None:
    person, _ = await make_person(provider)
    assert (await sign_in(browser, f"nobody-{uuid.uuid4().hex}@example.lt")).status_code == 401
    async with provider.sessions() as db, db.begin():
        row = await db.get(Person, person.id)
        assert row is not None
        row.status = "suspended"
    assert (await sign_in(browser, person.email)).status_code == 401
    assert (
        await browser.post("/auth/login", json={"email": "not-an-email", "password": "x"})
    ).status_code == 422
