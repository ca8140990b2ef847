"""The OAuth 2.0 / OpenID Connect authorization server, built on authlib.

Authlib's server is synchronous. Each request runs it in a worker thread
(`anyio.to_thread.run_sync`), so the event loop never blocks, not even on argon2 client-secret
checks. Its storage callbacks hop back to the event loop (`anyio.from_thread.run`) and use the
request's own async session, so everything a token request writes (a used code, a rotated
refresh token, a revoked family) commits or rolls back with the request, like every other
endpoint.
"""

from __future__ import annotations

import hashlib
import secrets
import time
import uuid
from collections.abc import Awaitable, Callable
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any, TypeVar

import anyio.from_thread
from authlib.oauth2 import AuthorizationServer, OAuth2Request
from authlib.oauth2.rfc6749 import ClientMixin, InvalidRequestError, grants
from authlib.oauth2.rfc6749.requests import BasicOAuth2Payload
from authlib.oauth2.rfc6750 import BearerTokenGenerator
from authlib.oauth2.rfc7009 import RevocationEndpoint
from authlib.oauth2.rfc7636 import CodeChallenge
from authlib.oidc.core import UserInfo
from authlib.oidc.core.grants import OpenIDCode
from joserfc import jwt
from joserfc.jwk import RSAKey
from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession
from starlette.datastructures import Headers

from identity.accounts.passwords import verify_secret
from identity.oauth import keys, subjects
from identity.oauth.models import AuthorizationCode, OAuthClient, RefreshToken
from identity.people.models import Person
from identity.settings import IdentitySettings

T = TypeVar("T")
SCOPES = ("openid", "profile", "email", "offline_access", "dla", "scim", "hr.read", "service")


def secret_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@dataclass
class Context:
    """What the storage callbacks of one request need."""

    db: AsyncSession
    settings: IdentitySettings
    session_id: uuid.UUID | None = None
    auth_time: datetime | None = None
    amr: tuple[str, ...] = ()


_context: ContextVar[Context] = ContextVar("oauth_context")


def on_loop(function: Callable[..., Awaitable[T]], *args: Any) -> T:
    """Run an async storage call on the event loop from authlib's worker thread, with this
    request's context (the loop runs it as a task of its own, which would not see it)."""
    context = _context.get()

    async def call() -> T:
        _context.set(context)
        return await function(*args)

    return anyio.from_thread.run(call)


def ctx() -> Context:
    return _context.get()


class Client(ClientMixin):  # type: ignore[misc]
    """authlib's view of an `OAuthClient` row."""

    def __init__(self, row: OAuthClient, claims: dict[str, Any]) -> None:
        self.row = row
        self.claims = claims

    def get_client_id(self) -> str:
        return self.row.client_id

    def get_default_redirect_uri(self) -> str | None:
        return self.row.redirect_uris[0] if self.row.redirect_uris else None

    def get_allowed_scope(self, scope: str) -> str:
        if not scope:
            return ""
        allowed = set(self.row.scopes)
        return " ".join(item for item in scope.split() if item in allowed)

    def check_redirect_uri(self, redirect_uri: str) -> bool:
        return redirect_uri in self.row.redirect_uris

    def check_client_secret(self, client_secret: str) -> bool:
        return verify_secret(ctx().settings, self.row.secret_hash, client_secret)

    def check_endpoint_auth_method(self, method: str, endpoint: str) -> bool:
        if self.row.kind == "public":
            return method == "none"
        return method in ("client_secret_basic", "client_secret_post")

    def check_response_type(self, response_type: str) -> bool:
        return response_type == "code" and "authorization_code" in self.row.grant_types

    def check_grant_type(self, grant_type: str) -> bool:
        return grant_type in self.row.grant_types


@dataclass
class User:
    """A person as a token subject, with their DLA claims read once."""

    person: Person
    claims: dict[str, Any]

    def get_user_id(self) -> str:
        return str(self.person.id)


@dataclass
class Code:
    """authlib's view of an `AuthorizationCode` row."""

    row: AuthorizationCode

    @property
    def code_challenge(self) -> str | None:
        return self.row.code_challenge

    @property
    def code_challenge_method(self) -> str | None:
        return self.row.code_challenge_method

    def get_redirect_uri(self) -> str:
        return self.row.redirect_uri

    def get_scope(self) -> str:
        return self.row.scope

    def get_nonce(self) -> str | None:
        return self.row.nonce

    def get_auth_time(self) -> int:
        return int(self.row.auth_time.timestamp())

    def get_acr(self) -> None:
        return None

    def get_amr(self) -> list[str] | None:
        amr = self.row.extra.get("amr")
        return list(amr) if isinstance(amr, list) else None


@dataclass
class Refresh:
    """authlib's view of a `RefreshToken` row."""

    row: RefreshToken

    def check_client(self, client: Client) -> bool:
        return self.row.client_id == client.get_client_id()

    def get_scope(self) -> str:
        return self.row.scope

    def get_expires_in(self) -> int:
        return max(0, int((self.row.expires_at - datetime.now(UTC)).total_seconds()))

    def is_expired(self) -> bool:
        return self.row.expires_at <= datetime.now(UTC)

    def is_revoked(self) -> bool:
        return self.row.revoked_at is not None


# ---------------------------------------------------------------- async storage


async def load_client(client_id: str) -> Client | None:
    db = ctx().db
    row = await db.scalar(
        select(OAuthClient).where(OAuthClient.client_id == client_id, OAuthClient.status == "active")
    )
    if row is None:
        return None
    return Client(row, await subjects.client_claims(db, row))


async def load_user(person_id: uuid.UUID) -> User | None:
    db = ctx().db
    person = await db.get(Person, person_id)
    if person is None or person.status != "active":
        return None
    return User(person, await subjects.person_claims(db, person))


async def revoke_family(family_id: uuid.UUID) -> None:
    await ctx().db.execute(
        update(RefreshToken)
        .where(RefreshToken.family_id == family_id, RefreshToken.revoked_at.is_(None))
        .values(revoked_at=datetime.now(UTC))
    )


async def find_refresh(token: str) -> Refresh | None:
    """A live refresh token; presenting a rotated (used) one revokes its whole family."""
    db = ctx().db
    row = await db.scalar(select(RefreshToken).where(RefreshToken.token_hash == secret_hash(token)))
    if row is None or row.revoked_at is not None or row.expires_at <= datetime.now(UTC):
        return None
    if row.used_at is not None:
        await revoke_family(row.family_id)
        return None
    return Refresh(row)


async def mark_refresh_used(row: RefreshToken) -> None:
    row.used_at = datetime.now(UTC)
    await ctx().db.flush()


async def save_refresh(
    token: str,
    client_id: str,
    person_id: uuid.UUID,
    scope: str,
    parent: RefreshToken | None,
    code_family: str | None,
) -> None:
    context = ctx()
    now = datetime.now(UTC)
    family = parent.family_id if parent else uuid.UUID(code_family) if code_family else uuid.uuid4()
    context.db.add(
        RefreshToken(
            token_hash=secret_hash(token),
            family_id=family,
            client_id=client_id,
            person_id=person_id,
            session_id=parent.session_id if parent else context.session_id,
            scope=scope,
            auth_time=parent.auth_time if parent else (context.auth_time or now),
            expires_at=now + timedelta(seconds=context.settings.refresh_token_seconds),
        )
    )
    await context.db.flush()


async def save_code(code: str, client_id: str, person_id: uuid.UUID, payload: dict[str, Any]) -> None:
    context = ctx()
    now = datetime.now(UTC)
    context.db.add(
        AuthorizationCode(
            code_hash=secret_hash(code),
            client_id=client_id,
            person_id=person_id,
            session_id=context.session_id,
            redirect_uri=payload.get("redirect_uri") or "",
            scope=payload.get("scope") or "",
            nonce=payload.get("nonce"),
            code_challenge=payload.get("code_challenge"),
            code_challenge_method=payload.get("code_challenge_method"),
            auth_time=context.auth_time or now,
            # Tokens issued from this code join this family, so a replayed code can revoke them.
            extra={"amr": list(context.amr), "family": str(uuid.uuid4())},
            expires_at=now + timedelta(seconds=context.settings.authorization_code_seconds),
        )
    )
    await context.db.flush()


async def find_code(code: str, client_id: str) -> Code | None:
    """A live code; a replayed one revokes the tokens issued from it (RFC 6749 section 4.1.2)."""
    db = ctx().db
    row = await db.scalar(select(AuthorizationCode).where(AuthorizationCode.code_hash == secret_hash(code)))
    if row is None or row.client_id != client_id or row.expires_at <= datetime.now(UTC):
        return None
    if row.used_at is not None:
        family = row.extra.get("family")
        if isinstance(family, str):
            await revoke_family(uuid.UUID(family))
        return None
    return Code(row)


async def mark_code_used(row: AuthorizationCode) -> None:
    row.used_at = datetime.now(UTC)
    await ctx().db.flush()


async def nonce_used(nonce: str, client_id: str) -> bool:
    found = await ctx().db.scalar(
        select(AuthorizationCode.code_hash).where(
            AuthorizationCode.nonce == nonce, AuthorizationCode.client_id == client_id
        )
    )
    return found is not None


async def signing_key() -> RSAKey:
    return await keys.active_key(ctx().db)


# ---------------------------------------------------------------- authlib glue


class StarletteRequest(OAuth2Request):  # type: ignore[misc]
    """An OAuth2Request over an already-read Starlette request (query + form)."""

    def __init__(self, method: str, url: str, headers: Headers, query: dict[str, str], form: dict[str, str]):
        super().__init__(method=method, uri=url, headers=headers)
        self._query = query
        self._form = form
        self.payload = BasicOAuth2Payload({**query, **form})

    @property
    def args(self) -> dict[str, str]:
        return self._query

    @property
    def form(self) -> dict[str, str]:
        return self._form


class AuthorizationCodeGrant(grants.AuthorizationCodeGrant):  # type: ignore[misc]
    TOKEN_ENDPOINT_AUTH_METHODS = ["client_secret_basic", "client_secret_post", "none"]

    def save_authorization_code(self, code: str, request: OAuth2Request) -> None:
        payload = dict(request.payload.data)
        on_loop(
            save_code, code, request.client.get_client_id(), uuid.UUID(request.user.get_user_id()), payload
        )

    def query_authorization_code(self, code: str, client: Client) -> Code | None:
        return on_loop(find_code, code, client.get_client_id())

    def delete_authorization_code(self, authorization_code: Code) -> None:
        on_loop(mark_code_used, authorization_code.row)

    def authenticate_user(self, authorization_code: Code) -> User | None:
        # Tokens from this code belong to the sign-in that produced it.
        context = ctx()
        context.session_id = authorization_code.row.session_id
        context.auth_time = authorization_code.row.auth_time
        return on_loop(load_user, authorization_code.row.person_id)


class RefreshTokenGrant(grants.RefreshTokenGrant):  # type: ignore[misc]
    TOKEN_ENDPOINT_AUTH_METHODS = ["client_secret_basic", "client_secret_post", "none"]
    INCLUDE_NEW_REFRESH_TOKEN = True

    def authenticate_refresh_token(self, refresh_token: str) -> Refresh | None:
        return on_loop(find_refresh, refresh_token)

    def authenticate_user(self, refresh_token: Refresh) -> User | None:
        ctx().auth_time = refresh_token.row.auth_time
        return on_loop(load_user, refresh_token.row.person_id)

    def revoke_old_credential(self, refresh_token: Refresh) -> None:
        on_loop(mark_refresh_used, refresh_token.row)


class ClientCredentialsGrant(grants.ClientCredentialsGrant):  # type: ignore[misc]
    TOKEN_ENDPOINT_AUTH_METHODS = ["client_secret_basic", "client_secret_post"]


class S256Required(CodeChallenge):  # type: ignore[misc]
    """PKCE with S256 on every authorization request, public client or not (OAuth 2.1)."""

    SUPPORTED_CODE_CHALLENGE_METHOD = ["S256"]

    def validate_code_challenge(self, grant: Any, redirect_uri: str) -> None:
        data = grant.request.payload.data
        if not data.get("code_challenge"):
            raise InvalidRequestError("PKCE is required: send a code_challenge")
        if data.get("code_challenge_method") != "S256":
            raise InvalidRequestError("code_challenge_method must be S256")
        super().validate_code_challenge(grant, redirect_uri)


class OpenIDConnect(OpenIDCode):  # type: ignore[misc]
    def exists_nonce(self, nonce: str, request: OAuth2Request) -> bool:
        return on_loop(nonce_used, nonce, request.payload.client_id)

    def resolve_client_private_key(self, client: Client) -> RSAKey:
        return on_loop(signing_key)

    def get_client_algorithm(self, client: Client) -> str:
        return "RS256"

    def get_encode_header(self, client: Client) -> dict[str, Any]:
        return {"alg": "RS256", "kid": on_loop(signing_key).kid}

    def get_client_claims(self, client: Client) -> dict[str, Any]:
        settings = ctx().settings
        return {
            "iss": settings.auth_issuer,
            "aud": [client.get_client_id()],
            "exp": int(time.time()) + settings.id_token_seconds,
        }

    def generate_user_info(self, user: User, scope: str) -> UserInfo:
        return user_info(user.person, scope)


class Revocation(RevocationEndpoint):  # type: ignore[misc]
    CLIENT_AUTH_METHODS = ["client_secret_basic", "client_secret_post", "none"]

    def query_token(self, token_string: str, token_type_hint: str | None) -> Refresh | None:
        row = on_loop(_refresh_row, token_string)
        return Refresh(row) if row is not None else None

    def revoke_token(self, token: Refresh, request: OAuth2Request) -> None:
        on_loop(revoke_family, token.row.family_id)


async def _refresh_row(token: str) -> RefreshToken | None:
    return await ctx().db.scalar(select(RefreshToken).where(RefreshToken.token_hash == secret_hash(token)))


def user_info(person: Person, scope: str) -> UserInfo:
    """OpenID claims of a person, by scope."""
    scopes = set(scope.split())
    info = UserInfo(sub=str(person.id))
    if "profile" in scopes:
        info.update(name=person.display_name, given_name=person.given_name, family_name=person.family_name)
    if "email" in scopes:
        info.update(email=person.email, email_verified=person.email_verified)
    return info


def _refresh_token(*_: Any, **__: Any) -> str:
    return secrets.token_urlsafe(32)


def _expires_in(*_: Any, **__: Any) -> int:
    return ctx().settings.access_token_seconds


class Server(AuthorizationServer):  # type: ignore[misc]
    """authlib's authorization server with DLA storage and RFC 9068 access tokens."""

    def __init__(self) -> None:
        super().__init__(scopes_supported=list(SCOPES))
        self.register_grant(
            AuthorizationCodeGrant, [S256Required(required=True), OpenIDConnect(require_nonce=False)]
        )
        self.register_grant(RefreshTokenGrant)
        self.register_grant(ClientCredentialsGrant)
        self.register_endpoint(Revocation)
        self.register_token_generator(
            "default",
            BearerTokenGenerator(
                access_token_generator=self._access_token,
                refresh_token_generator=_refresh_token,
                expires_generator=_expires_in,
            ),
        )

    def query_client(self, client_id: str) -> Client | None:
        if not client_id or len(client_id) > 100:
            return None
        return on_loop(load_client, client_id)

    def save_token(self, token: dict[str, Any], request: OAuth2Request) -> None:
        refresh = token.get("refresh_token")
        if not refresh or request.user is None:
            return
        parent = request.refresh_token.row if request.refresh_token is not None else None
        family = request.authorization_code.row.extra.get("family") if request.authorization_code else None
        on_loop(
            save_refresh,
            refresh,
            request.client.get_client_id(),
            uuid.UUID(request.user.get_user_id()),
            token.get("scope") or "",
            parent,
            family,
        )

    def create_oauth2_request(self, request: OAuth2Request) -> OAuth2Request:
        return request

    def create_json_request(self, request: OAuth2Request) -> OAuth2Request:
        return request

    def handle_response(self, status: int, body: Any, headers: Any) -> tuple[int, Any, list[tuple[str, str]]]:
        return status, body, list(headers)

    def send_signal(self, name: str, *args: Any, **kwargs: Any) -> None:
        return None

    def _access_token(self, client: Client, grant_type: str, user: User | None, scope: str) -> str:
        context = ctx()
        settings = context.settings
        now = int(time.time())
        claims: dict[str, Any] = {
            "iss": settings.auth_issuer,
            "aud": settings.auth_audience,
            "client_id": client.get_client_id(),
            "scope": scope,
            "iat": now,
            "exp": now + settings.access_token_seconds,
            "jti": secrets.token_hex(16),
        }
        if user is not None:
            claims["sub"] = user.get_user_id()
            claims.update(user.claims)
            if context.auth_time is not None:
                claims["auth_time"] = int(context.auth_time.timestamp())
        else:
            claims["sub"] = client.get_client_id()
            claims.update(client.claims)
        key = on_loop(signing_key)
        return jwt.encode(
            {"alg": "RS256", "typ": "at+jwt", "kid": key.kid}, claims, key, algorithms=["RS256"]
        )


SERVER = Server()


def run(context: Context, call: Callable[[], T]) -> T:
    """Run authlib code in this (worker) thread with the request's context."""
    token = _context.set(context)
    try:
        return call()
    finally:
        _context.reset(token)
