"""Federation: signing in through an upstream OpenID Connect provider.

The upstream is a second identity instance, served by uvicorn on a database of its own, with a
confidential client for this (downstream) instance; the browser is an httpx client that carries
cookies and follows the redirects by hand.
"""

from __future__ import annotations

import asyncio
import os
import time
import uuid
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest
import pytest_asyncio
from fastapi import FastAPI
from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from identity.accounts import federation
from identity.accounts.models import BrowserSession, FederatedIdentity, PasswordCredential
from identity.accounts.passwords import hash_secret
from identity.app import create_app
from identity.oauth.clients import create_confidential
from identity.organisations.models import Organisation
from identity.people.models import Person
from identity.settings import IdentitySettings
from kit.db import make_engine
from kit.migrations import upgrade
from kit.settings import ServiceSettings
from kit.testing.plugin import ServiceSpec, role_url, scratch_database
from kit.testing.servers import Served, free_port
from kit.testing.tokens import TokenMint

from .factories.accounts import PASSWORD, accounts_app, fast_settings, person

DOWNSTREAM = "http://downstream.test"
CLIENT_ID = "dla-downstream"
RETURN_TO = "/oauth2/authorize?client_id=dla-spa&state=xyz"


@dataclass(frozen=True)
class Upstream:
    url: str
    secret: str
    sessions: async_sessionmaker[AsyncSession]


@pytest.fixture(scope="module")
def upstream(
    dla_service: ServiceSpec, dla_settings: ServiceSettings, dla_admin_url: str
) -> Iterator[Upstream]:
    with scratch_database(dla_admin_url, f"dla_test_{os.getpid()}_upstream") as database:
        database_url = role_url(dla_admin_url, database, "identity")
        upgrade(dla_service.directory, database_url)
        port = free_port()
        url = f"http://127.0.0.1:{port}"
        settings = fast_settings(
            dla_settings,
            database_url=database_url,
            auth_issuer=url,
            public_base_url=url,
            dispatch_enabled=False,
        )
        engine = make_engine(database_url, pool_size=2)
        sessions = async_sessionmaker(engine, expire_on_commit=False)
        secret = asyncio.run(register_downstream(database_url, settings))
        try:
            with Served(create_app(settings), port=port):
                yield Upstream(url, secret, sessions)
        finally:
            asyncio.run(engine.dispose())


async def register_downstream(database_url: str, settings: IdentitySettings) -> str:
    """The upstream's client for this instance: authorization code to our callback."""
    engine = make_engine(database_url, pool_size=1)
    try:
        async with async_sessionmaker(engine)() as db, db.begin():
            client, secret = await create_confidential(
                db,
                settings,
                client_id=CLIENT_ID,
                name="Downstream DLA",
                organisation_id=None,
                scopes=["openid", "email", "profile"],
                created_by="test",
            )
            client.grant_types = ["authorization_code"]
            client.redirect_uris = [DOWNSTREAM + federation.CALLBACK_PATH]
        return secret
    finally:
        await engine.dispose()


async def upstream_person(upstream: Upstream, email: str) -> Person:
    tag = uuid.uuid4().hex[:8]
    async with upstream.sessions() as db, db.begin():
        org = Organisation(code=f"up-{tag}", kind="country", name={"en": f"Up {tag}"})
        db.add(org)
        await db.flush()
        someone = Person(email=email, display_name="Upstream Ona", unit_id=org.id, email_verified=True)
        db.add(someone)
        await db.flush()
        settings = fast_settings(IdentitySettings())
        db.add(PasswordCredential(person_id=someone.id, password_hash=hash_secret(settings, PASSWORD)))
        return someone


@pytest.fixture
def app(
    dla_service: ServiceSpec,
    dla_settings: ServiceSettings,
    db_sessionmaker: async_sessionmaker[AsyncSession],
    upstream: Upstream,
) -> FastAPI:
    return accounts_app(
        dla_service,
        dla_settings,
        db_sessionmaker,
        public_base_url=DOWNSTREAM,
        federation_issuer=upstream.url,
        federation_client_id=CLIENT_ID,
        federation_client_secret=upstream.secret,
        federation_name="Test e-ID",
    )


@pytest_asyncio.fixture
async def browser(upstream: Upstream) -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient(base_url=upstream.url) as http:
        yield http


async def upstream_redirect(
    client: httpx.AsyncClient, browser: httpx.AsyncClient, email: str, unconfirm_at: Upstream | None = None
) -> dict[str, str]:
    """Start at downstream, sign in upstream, and come back: the callback's query parameters.
    With `unconfirm_at`, the address is marked unconfirmed there after signing in."""
    start = await client.get("/auth/federation/start", params={"return_to": DOWNSTREAM + RETURN_TO})
    assert start.status_code == 302, start.text
    assert start.headers["location"].startswith(f"{browser.base_url}/oauth2/authorize?")
    signed_in = await browser.post("/auth/login", json={"email": email, "password": PASSWORD})
    assert signed_in.status_code == 200, signed_in.text
    if unconfirm_at is not None:
        async with unconfirm_at.sessions() as db, db.begin():
            await db.execute(update(Person).where(Person.email == email).values(email_verified=False))
    back = await browser.get(start.headers["location"])
    assert back.status_code == 302, back.text
    location = urlsplit(back.headers["location"])
    assert f"{location.scheme}://{location.netloc}{location.path}" == DOWNSTREAM + federation.CALLBACK_PATH
    return {key: values[0] for key, values in parse_qs(location.query).items()}


async def test_federation_is_announced_with_its_name(client: httpx.AsyncClient) -> None:
    assert (await client.get("/auth/federation")).json() == {"enabled": True, "name": "Test e-ID"}


async def test_the_start_sends_the_browser_upstream_with_pkce_state_and_nonce(
    client: httpx.AsyncClient, upstream: Upstream
) -> None:
    start = await client.get("/auth/federation/start", params={"return_to": RETURN_TO})
    query = parse_qs(urlsplit(start.headers["location"]).query)
    assert query["client_id"] == [CLIENT_ID]
    assert query["redirect_uri"] == [DOWNSTREAM + federation.CALLBACK_PATH]
    assert query["code_challenge_method"] == ["S256"]
    assert set(query["scope"][0].split()) == {"openid", "email", "profile"}
    assert query["state"][0]
    assert query["nonce"][0]
    assert query["code_challenge"][0]
    cookie = start.headers["set-cookie"]
    assert cookie.startswith(f"{federation.COOKIE}=")
    assert "HttpOnly" in cookie
    assert "SameSite=lax" in cookie


async def test_a_verified_upstream_address_links_the_person_and_signs_them_in(
    app: FastAPI,
    client: httpx.AsyncClient,
    browser: httpx.AsyncClient,
    upstream: Upstream,
    db_session: AsyncSession,
) -> None:
    email = f"ona-{uuid.uuid4().hex[:6]}@vrm.lt"
    upstream_one = await upstream_person(upstream, email)
    local = await person(db_session, app.state.settings, email=email)
    params = await upstream_redirect(client, browser, email)
    done = await client.get("/auth/federation/callback", params=params)
    assert done.status_code == 302, done.text
    assert done.headers["location"] == RETURN_TO
    assert "dla_session=" in done.headers["set-cookie"]
    link = await db_session.scalar(select(FederatedIdentity).where(FederatedIdentity.person_id == local.id))
    assert link is not None
    assert (link.issuer, link.subject, link.email) == (upstream.url, str(upstream_one.id), email)
    session = await db_session.scalar(select(BrowserSession).where(BrowserSession.person_id == local.id))
    assert session is not None
    assert session.amr == ["fed"]
    assert (await client.get("/auth/session")).json()["person"]["id"] == str(local.id)
    # The code and the flow are single use.
    replay = await client.get("/auth/federation/callback", params=params)
    assert replay.status_code == 302
    assert "error=federation_expired" in replay.headers["location"]


async def test_an_unverified_upstream_address_links_nobody(
    app: FastAPI,
    client: httpx.AsyncClient,
    browser: httpx.AsyncClient,
    upstream: Upstream,
    db_session: AsyncSession,
) -> None:
    email = f"ona-{uuid.uuid4().hex[:6]}@vrm.lt"
    await upstream_person(upstream, email)
    await person(db_session, app.state.settings, email=email)
    params = await upstream_redirect(client, browser, email, upstream)
    refused = await client.get("/auth/federation/callback", params=params)
    assert refused.status_code == 302
    location = refused.headers["location"]
    assert location.startswith(f"{DOWNSTREAM}/sign-in?error=federation_no_account")
    assert parse_qs(urlsplit(location).query)["return_to"] == [RETURN_TO]
    assert "dla_session" not in refused.headers.get("set-cookie", "")
    assert await db_session.scalar(select(FederatedIdentity)) is None


async def test_a_wrong_state_or_a_missing_flow_cookie_is_refused(
    client: httpx.AsyncClient, browser: httpx.AsyncClient, upstream: Upstream
) -> None:
    email = f"ona-{uuid.uuid4().hex[:6]}@vrm.lt"
    await upstream_person(upstream, email)
    params = await upstream_redirect(client, browser, email)
    wrong = await client.get("/auth/federation/callback", params={**params, "state": "forged"})
    assert "error=federation_failed" in wrong.headers["location"]
    client.cookies.clear()
    lost = await client.get("/auth/federation/callback", params=params)
    assert "error=federation_expired" in lost.headers["location"]


async def test_an_upstream_error_returns_to_sign_in(client: httpx.AsyncClient) -> None:
    await client.get("/auth/federation/start", params={"return_to": RETURN_TO})
    cancelled = await client.get("/auth/federation/callback", params={"error": "access_denied", "state": "s"})
    assert cancelled.headers["location"].startswith(f"{DOWNSTREAM}/sign-in?error=federation_cancelled")


async def test_federation_is_404_when_not_configured(
    dla_service: ServiceSpec, dla_settings: ServiceSettings, db_sessionmaker: async_sessionmaker[AsyncSession]
) -> None:
    plain = accounts_app(dla_service, dla_settings, db_sessionmaker)
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=plain), base_url="http://t") as http:
        assert (await http.get("/auth/federation")).json() == {"enabled": False, "name": None}
        assert (await http.get("/auth/federation/start")).status_code == 404
        assert (await http.get("/auth/federation/callback")).status_code == 404


async def test_an_unreachable_upstream_returns_to_sign_in(
    dla_service: ServiceSpec, dla_settings: ServiceSettings, db_sessionmaker: async_sessionmaker[AsyncSession]
) -> None:
    down = accounts_app(
        dla_service,
        dla_settings,
        db_sessionmaker,
        public_base_url=DOWNSTREAM,
        federation_issuer=f"http://127.0.0.1:{free_port()}",
        federation_client_id="x",
    )
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=down), base_url="http://t") as http:
        response = await http.get("/auth/federation/start")
    assert response.headers["location"] == f"{DOWNSTREAM}/sign-in?error=federation_unavailable&return_to=%2F"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("/profile?tab=1", "/profile?tab=1"),
        (f"{DOWNSTREAM}/oauth2/authorize?a=b", "/oauth2/authorize?a=b"),
        ("https://evil.example/steal", "/"),
        ("//evil.example/steal", "/"),
        ("/\\evil.example", "/"),
        ("javascript:alert(1)", "/"),
        ("relative/path", "/"),
        ("http://[::1/broken", "/"),
        (None, "/"),
    ],
)
def test_only_paths_on_our_own_origin_are_returned_to(value: str | None, expected: str) -> None:
    settings = IdentitySettings(public_base_url=DOWNSTREAM)
    assert federation.safe_return_to(settings, value) == expected


def test_the_flow_cookie_cannot_be_forged_or_kept_too_long() -> None:
    settings = fast_settings(IdentitySettings())
    flow = federation.Flow("s", "n", "v", "/", int(time.time()) + 60)
    sealed = federation.seal(settings, flow)
    assert federation.unseal(settings, sealed) == flow
    body, _, signature = sealed.rpartition(".")
    with pytest.raises(federation.FederationFailed):
        federation.unseal(settings, f"{body}x.{signature}")
    with pytest.raises(federation.FederationFailed):
        federation.unseal(settings, federation.seal(settings, federation.Flow("s", "n", "v", "/", 1)))


def id_token(mint: TokenMint, **claims: Any) -> str:
    now = int(time.time())
    base = {"iss": "http://up.test", "aud": "dla", "sub": "u1", "iat": now, "exp": now + 60, "nonce": "n1"}
    return mint.sign({**base, **claims}, header={"typ": "JWT"})


@pytest.mark.parametrize(
    "claims",
    [
        {"nonce": "other"},
        {"aud": "someone-else"},
        {"iss": "http://evil.test"},
        {"exp": int(time.time()) - 3600},
    ],
)
def test_id_tokens_of_another_flow_client_issuer_or_time_are_refused(claims: dict[str, Any]) -> None:
    mint = TokenMint()
    settings = IdentitySettings(federation_issuer="http://up.test", federation_client_id="dla")
    keys = mint.jwks()
    assert federation.verify_id_token(settings, id_token(mint), keys, nonce="n1")["sub"] == "u1"
    with pytest.raises(federation.FederationFailed):
        federation.verify_id_token(settings, id_token(mint, **claims), keys, nonce="n1")
    with pytest.raises(federation.FederationFailed):
        federation.verify_id_token(settings, id_token(TokenMint()), keys, nonce="n1")  # another key


async def test_an_earlier_link_wins_over_the_address(db_session: AsyncSession) -> None:
    settings = fast_settings(IdentitySettings())
    linked = await person(db_session, settings, email="linked@vrm.lt")
    await person(db_session, settings, email="other@vrm.lt")
    db_session.add(
        FederatedIdentity(person_id=linked.id, issuer="http://up.test", subject="u1", email="x@y.lt")
    )
    await db_session.flush()
    claims = {"sub": "u1", "email": "other@vrm.lt", "email_verified": True}
    assert (await federation.link_person(db_session, "http://up.test", claims)).id == linked.id
    with pytest.raises(federation.FederationFailed):
        await federation.link_person(
            db_session, "http://up.test", {"sub": "u2", "email": "nobody@vrm.lt", "email_verified": True}
        )
    with pytest.raises(federation.FederationFailed):
        await federation.link_person(
            db_session, "http://up.test", {"sub": "u3", "email": "other@vrm.lt", "email_verified": "true"}
        )
