"""The OpenID provider served for real (uvicorn on a free port), and what its tests need: people
in a small organisation tree, browser sign-ins, the SPA's client, machine clients."""

from __future__ import annotations

import asyncio
import base64
import json
import secrets
import uuid
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
from authlib.common.security import generate_token
from authlib.integrations.httpx_client import AsyncOAuth2Client
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from identity.accounts.models import BrowserSession
from identity.accounts.sessions import token_hash
from identity.app import create_app
from identity.oauth.clients import create_confidential
from identity.organisations.models import Organisation
from identity.people.models import Person, RoleGrant
from identity.settings import IdentitySettings
from kit.auth import RemoteJwks, TokenVerifier
from kit.db import make_engine
from kit.migrations import upgrade
from kit.settings import ServiceSettings
from kit.testing.plugin import role_url, scratch_database
from kit.testing.servers import Served, free_port

SCOPE = "openid profile email offline_access dla"


@dataclass
class Tree:
    """country -> ministry -> unit."""

    country: Organisation
    ministry: Organisation
    unit: Organisation

    @property
    def path(self) -> list[uuid.UUID]:
        return list(self.unit.path)


class Provider:
    """Identity served over real HTTP, with a session factory on its (committed) database."""

    def __init__(
        self, url: str, settings: IdentitySettings, sessions: async_sessionmaker[AsyncSession]
    ) -> None:
        self.url = url
        self.settings = settings
        self.sessions = sessions
        self.redirect_uri = f"{url}/auth/callback"
        self.token_url = f"{url}/oauth2/token"

    def verifier(self) -> TokenVerifier:
        """kit.auth's verifier as another service would build it: the JWKS over HTTP."""
        return TokenVerifier(
            RemoteJwks(f"{self.url}/.well-known/jwks.json"),
            issuer=self.url,
            audience=self.settings.auth_audience,
            min_refetch_seconds=0,
        )


def serve_provider(
    base: ServiceSettings, admin_url: str, database: str, directory: Any
) -> Iterator[Provider]:
    """A scratch database, migrated, and identity on uvicorn with its real lifespan."""
    with scratch_database(admin_url, database) as name:
        database_url = role_url(admin_url, name, "identity")
        upgrade(directory, database_url)
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
                "altcha_hmac_key": "test-only-altcha-hmac-key",
            }
        )
        engine = make_engine(database_url, pool_size=2)
        try:
            with Served(create_app(settings), port=port):
                yield Provider(url, settings, async_sessionmaker(engine, expire_on_commit=False))
        finally:
            asyncio.run(engine.dispose())


async def make_tree(db: AsyncSession) -> Tree:
    tag = uuid.uuid4().hex[:8]

    async def org(kind: str, parent: Organisation | None) -> Organisation:
        row = Organisation(
            code=f"{kind}-{tag}",
            kind=kind,
            name={"en": f"{kind} {tag}", "lt": f"{kind} {tag}"},
            parent_id=parent.id if parent else None,
        )
        db.add(row)
        await db.flush()
        await db.refresh(row)
        return row

    country = await org("country", None)
    ministry = await org("ministry", country)
    return Tree(country, ministry, await org("unit", ministry))


async def make_person(
    db: AsyncSession,
    unit: Organisation,
    *,
    roles: Sequence[str] = ("learner",),
    grants: Sequence[tuple[str, uuid.UUID]] = (),
    supervisor: Person | None = None,
) -> Person:
    tag = uuid.uuid4().hex[:8]
    person = Person(
        email=f"person-{tag}@example.lt",
        display_name=f"Ona {tag}",
        given_name="Ona",
        family_name=tag,
        unit_id=unit.id,
        roles=list(roles),
        email_verified=True,
        supervisor_id=supervisor.id if supervisor else None,
    )
    db.add(person)
    await db.flush()
    for role, org_id in grants:
        db.add(RoleGrant(person_id=person.id, role=role, organisation_id=org_id))
    await db.flush()
    return person


async def person_in_new_tree(provider: Provider, **options: Any) -> tuple[Person, Tree]:
    """A person (committed) in a new country -> ministry -> unit tree."""
    async with provider.sessions() as db, db.begin():
        tree = await make_tree(db)
        return await make_person(db, tree.unit, **options), tree


async def sign_in(
    provider: Provider,
    browser: httpx.AsyncClient,
    person: Person,
    *,
    amr: Sequence[str] = ("pwd",),
    age: int = 0,
) -> BrowserSession:
    """A browser session for `person`, as the accounts sign-in leaves it: a row and its cookie."""
    token = secrets.token_urlsafe(32)
    now = datetime.now(UTC)
    async with provider.sessions() as db, db.begin():
        row = BrowserSession(
            token_hash=token_hash(token),
            person_id=person.id,
            amr=list(amr),
            auth_time=now - timedelta(seconds=age),
            expires_at=now + timedelta(hours=1),
            user_agent="tests",
        )
        db.add(row)
    browser.cookies.set(provider.settings.session_cookie_name, token, domain="127.0.0.1", path="/")
    return row


def spa_client(provider: Provider, scope: str = SCOPE) -> AsyncOAuth2Client:
    return AsyncOAuth2Client(
        client_id=provider.settings.spa_client_id,
        redirect_uri=provider.redirect_uri,
        scope=scope,
        code_challenge_method="S256",
        token_endpoint_auth_method="none",
    )


async def authorize(
    provider: Provider, browser: httpx.AsyncClient, client: AsyncOAuth2Client, verifier: str, **params: str
) -> str:
    """The redirect back to the client after the authorization request (its Location)."""
    url, _ = client.create_authorization_url(
        f"{provider.url}/oauth2/authorize", code_verifier=verifier, **params
    )
    response = await browser.get(url)
    assert response.status_code == 302, response.text
    return str(response.headers["location"])


async def code_flow(
    provider: Provider, browser: httpx.AsyncClient, scope: str = SCOPE, **params: str
) -> dict[str, Any]:
    """Authorization code + PKCE with authlib's client, for the signed-in browser."""
    async with spa_client(provider, scope) as client:
        verifier = generate_token(48)
        location = await authorize(provider, browser, client, verifier, nonce=generate_token(16), **params)
        token = await client.fetch_token(
            provider.token_url, authorization_response=location, code_verifier=verifier
        )
        return dict(token)


async def machine_client(
    provider: Provider, organisation_id: uuid.UUID, scopes: Sequence[str] = ("hr.read", "scim")
) -> tuple[str, str]:
    """A confidential client of an organisation: (client_id, secret)."""
    async with provider.sessions() as db, db.begin():
        row, secret = await create_confidential(
            db,
            provider.settings,
            client_id=f"hr-{uuid.uuid4().hex[:8]}",
            name="Ministry HR system",
            organisation_id=organisation_id,
            scopes=list(scopes),
            created_by="test",
        )
        return row.client_id, secret


def basic(client_id: str, secret: str) -> dict[str, str]:
    return {"Authorization": "Basic " + base64.b64encode(f"{client_id}:{secret}".encode()).decode()}


def jwt_part(token: str, index: int) -> dict[str, Any]:
    """The decoded header (0) or claims (1) of a JWT, unverified (verification is elsewhere)."""
    part = token.split(".")[index]
    decoded: dict[str, Any] = json.loads(base64.urlsafe_b64decode(part + "=" * (-len(part) % 4)))
    return decoded
