"""Sign-in through an upstream OpenID Connect provider (the national e-ID gateway).

Authorization code with PKCE (authlib's client); state, nonce, verifier and the page to return to
travel in a short-lived HMAC-signed cookie. The ID token is verified against the upstream's JWKS,
and the upstream account is linked to a person by an earlier link or by a *verified* e-mail.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlsplit

import httpx
from authlib.common.errors import AuthlibBaseError
from authlib.common.security import generate_token
from authlib.integrations.httpx_client import AsyncOAuth2Client
from joserfc import jwt
from joserfc.errors import JoseError
from joserfc.jwk import KeySet
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from identity.accounts import altcha
from identity.accounts.models import FederatedIdentity
from identity.people.models import Person
from identity.settings import IdentitySettings

COOKIE = "dla_federation"
COOKIE_PATH = "/"
FLOW_SECONDS = 10 * 60
LEEWAY_SECONDS = 60
HTTP_TIMEOUT = 10.0
CALLBACK_PATH = "/api/identity/auth/federation/callback"
ID_TOKEN_ALGORITHMS = ["RS256", "PS256", "ES256"]


class FederationFailed(Exception):
    """The upstream sign-in did not give us a person; `code` is shown to the SPA."""

    def __init__(self, code: str, reason: str) -> None:
        super().__init__(reason)
        self.code = code


@dataclass(frozen=True)
class Flow:
    state: str
    nonce: str
    verifier: str
    return_to: str
    expires: int


def enabled(settings: IdentitySettings) -> bool:
    return bool(settings.federation_issuer and settings.federation_client_id)


def callback_url(settings: IdentitySettings) -> str:
    """The redirect URI registered at the upstream: this service through the gateway."""
    return settings.public_base_url.rstrip("/") + CALLBACK_PATH


def safe_return_to(settings: IdentitySettings, value: str | None) -> str:
    """A path on our own origin (relative, or absolute at public_base_url); "/" otherwise."""
    if not value or len(value) > 4000:
        return "/"
    try:
        parts = urlsplit(value)
    except ValueError:  # e.g. a broken IPv6 host
        return "/"
    if parts.scheme or parts.netloc:
        own = urlsplit(settings.public_base_url)
        if (parts.scheme, parts.netloc) != (own.scheme, own.netloc):
            return "/"
        value = parts.path + (f"?{parts.query}" if parts.query else "")
    if not value.startswith("/") or value.startswith("//") or "\\" in value:
        return "/"
    return value


def _key(settings: IdentitySettings) -> bytes:
    return hmac.new(altcha.hmac_key(settings).encode(), b"dla-federation-flow", hashlib.sha256).digest()


def seal(settings: IdentitySettings, flow: Flow) -> str:
    """The flow as a signed cookie value."""
    body = base64.urlsafe_b64encode(json.dumps(flow.__dict__).encode()).decode().rstrip("=")
    signature = hmac.new(_key(settings), body.encode(), hashlib.sha256).hexdigest()
    return f"{body}.{signature}"


def unseal(settings: IdentitySettings, value: str | None) -> Flow:
    if not value or len(value) > 8000 or "." not in value:
        raise FederationFailed("federation_expired", "no federation flow cookie")
    body, _, signature = value.rpartition(".")
    expected = hmac.new(_key(settings), body.encode(), hashlib.sha256).hexdigest()
    if not hmac.compare_digest(signature, expected):
        raise FederationFailed("federation_expired", "the flow cookie is not ours")
    try:
        flow = Flow(**json.loads(base64.urlsafe_b64decode(body + "=" * (-len(body) % 4))))
    except (ValueError, TypeError) as exc:
        raise FederationFailed("federation_expired", "the flow cookie is not readable") from exc
    if flow.expires < time.time():
        raise FederationFailed("federation_expired", "the flow took too long")
    return flow


async def discover(settings: IdentitySettings) -> dict[str, Any]:
    """The upstream's discovery document (its issuer must be the configured one)."""
    issuer = settings.federation_issuer.rstrip("/")
    try:
        async with httpx.AsyncClient(timeout=HTTP_TIMEOUT) as http:
            response = await http.get(f"{issuer}/.well-known/openid-configuration")
            response.raise_for_status()
            metadata: dict[str, Any] = response.json()
    except (httpx.HTTPError, ValueError) as exc:
        raise FederationFailed("federation_unavailable", f"discovery failed: {exc}") from exc
    if metadata.get("issuer", "").rstrip("/") != issuer:
        raise FederationFailed("federation_unavailable", "the discovery document names another issuer")
    return metadata


def _client(settings: IdentitySettings) -> AsyncOAuth2Client:
    return AsyncOAuth2Client(
        client_id=settings.federation_client_id,
        client_secret=settings.federation_client_secret or None,
        scope="openid email profile",
        redirect_uri=callback_url(settings),
        code_challenge_method="S256",
        timeout=HTTP_TIMEOUT,
    )


async def start(settings: IdentitySettings, return_to: str | None) -> tuple[str, str]:
    """The upstream authorization URL to send the browser to, and the flow cookie's value."""
    metadata = await discover(settings)
    flow = Flow(
        state=generate_token(32),
        nonce=generate_token(32),
        verifier=generate_token(64),
        return_to=safe_return_to(settings, return_to),
        expires=int(time.time()) + FLOW_SECONDS,
    )
    async with _client(settings) as client:
        url, _ = client.create_authorization_url(
            metadata["authorization_endpoint"],
            state=flow.state,
            code_verifier=flow.verifier,
            nonce=flow.nonce,
        )
    return url, seal(settings, flow)


async def finish(
    db: AsyncSession, settings: IdentitySettings, *, flow: Flow, state: str, code: str
) -> Person:
    """Exchange the code, verify the ID token and find (or link) the person it names."""
    if not hmac.compare_digest(state, flow.state):
        raise FederationFailed("federation_failed", "state does not match")
    metadata = await discover(settings)
    try:
        async with _client(settings) as client:
            token = await client.fetch_token(
                metadata["token_endpoint"], code=code, code_verifier=flow.verifier
            )
            keys = (await client.get(metadata["jwks_uri"])).raise_for_status().json()
    except (AuthlibBaseError, httpx.HTTPError, ValueError, KeyError) as exc:
        raise FederationFailed("federation_failed", f"token exchange failed: {exc}") from exc
    claims = verify_id_token(settings, str(token.get("id_token", "")), keys, nonce=flow.nonce)
    return await link_person(db, settings.federation_issuer.rstrip("/"), claims)


def verify_id_token(
    settings: IdentitySettings, id_token: str, keys: dict[str, Any], *, nonce: str
) -> dict[str, Any]:
    """The ID token's claims, when it is signed by the upstream, for us, fresh and of this flow."""
    try:
        key_set = KeySet.import_key_set(keys)  # type: ignore[arg-type]  # checked by joserfc
        decoded = jwt.decode(id_token, key_set, algorithms=ID_TOKEN_ALGORITHMS)
        jwt.JWTClaimsRegistry(
            leeway=LEEWAY_SECONDS,
            iss={"essential": True, "value": settings.federation_issuer.rstrip("/")},
            aud={"essential": True, "value": settings.federation_client_id},
            sub={"essential": True},
            exp={"essential": True},
            nonce={"essential": True, "value": nonce},
        ).validate(decoded.claims)
    except (JoseError, ValueError, TypeError) as exc:
        raise FederationFailed("federation_failed", f"ID token refused: {exc}") from exc
    claims: dict[str, Any] = dict(decoded.claims)
    return claims


async def link_person(db: AsyncSession, issuer: str, claims: dict[str, Any]) -> Person:
    """The person of an earlier link, or the one whose address the upstream says it verified."""
    subject = str(claims["sub"])[:255]
    email = str(claims.get("email") or "").strip().lower()
    link = await db.scalar(
        select(FederatedIdentity).where(
            FederatedIdentity.issuer == issuer, FederatedIdentity.subject == subject
        )
    )
    if link is not None:
        person = await db.get(Person, link.person_id)
    elif email and claims.get("email_verified") is True:
        person = await db.scalar(select(Person).where(Person.email == email))
        if person is not None:
            link = FederatedIdentity(person_id=person.id, issuer=issuer, subject=subject, email=email[:254])
            db.add(link)
    else:
        person = None
    if person is None or person.status != "active":
        raise FederationFailed("federation_no_account", "no active person matches the upstream account")
    assert link is not None
    link.last_used_at = datetime.now(UTC)
    await db.flush()
    return person
