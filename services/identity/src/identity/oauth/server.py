"""The OAuth 2.0 / OpenID Connect authorization server: authlib's, with DLA storage and tokens.

Authlib is synchronous: the router runs it in a worker thread, and every storage call goes back
to the event loop through `storage.on_loop` (see `identity.oauth.storage` for why).
"""

from __future__ import annotations

import secrets
import time
import uuid
from typing import Any

from authlib.oauth2 import AuthorizationServer, OAuth2Request
from authlib.oauth2.rfc6749 import InvalidRequestError, InvalidScopeError, grants
from authlib.oauth2.rfc7009 import RevocationEndpoint
from authlib.oauth2.rfc7636 import CodeChallenge
from authlib.oauth2.rfc9068 import JWTBearerTokenGenerator
from authlib.oidc.core import UserInfo
from authlib.oidc.core.grants import OpenIDCode
from authlib.oidc.rpinitiated import EndSessionEndpoint, EndSessionRequest
from joserfc.jwk import KeySet

from identity.oauth import storage
from identity.oauth.adapters import CONFIDENTIAL_AUTH, Client, Code, Refresh
from identity.oauth.models import AuthorizationCode, RefreshToken
from identity.oauth.storage import Subject, on_loop
from identity.people.models import Person
from identity.settings import IdentitySettings

SCOPES = ("openid", "profile", "email", "offline_access", "dla", "scim", "hr.read", "service")
ANY_AUTH = [*CONFIDENTIAL_AUTH, "none"]
ACCESS_TOKEN_HINT = "access_token"  # noqa: S105 - a token type name, not a secret


def _subject_for(
    person_id: uuid.UUID, row: AuthorizationCode | RefreshToken, amr: list[str]
) -> Subject | None:
    return on_loop(storage.load_subject, person_id, row.auth_time, amr, row.session_id)


class AuthorizationCodeGrant(grants.AuthorizationCodeGrant):  # type: ignore[misc]
    TOKEN_ENDPOINT_AUTH_METHODS = ANY_AUTH

    def save_authorization_code(self, code: str, request: OAuth2Request) -> None:
        data = request.payload.data
        fields = {
            "redirect_uri": request.payload.redirect_uri,
            "scope": request.scope,  # as resolved against the client, not as asked
            "nonce": data.get("nonce"),
            "code_challenge": data.get("code_challenge"),
            "code_challenge_method": data.get("code_challenge_method"),
        }
        on_loop(storage.save_code, code, request.client.get_client_id(), request.user, fields)

    def query_authorization_code(self, code: str, client: Client) -> Code | None:
        row = on_loop(storage.find_code, code, client.get_client_id())
        return Code(row) if row is not None else None

    def delete_authorization_code(self, authorization_code: Code) -> None:
        on_loop(storage.mark_code_used, authorization_code.row)

    def authenticate_user(self, authorization_code: Code) -> Subject | None:
        # Tokens from this code belong to the sign-in that produced it.
        row = authorization_code.row
        return _subject_for(row.person_id, row, authorization_code.get_amr() or [])

    def generate_token(self, *args: Any, **kwargs: Any) -> dict[str, Any]:
        # OpenID Connect: a refresh token only when offline access was asked for (and allowed).
        scope = kwargs.get("scope") or ""
        if "offline_access" not in scope.split():
            kwargs["include_refresh_token"] = False
        token: dict[str, Any] = super().generate_token(*args, **kwargs)
        return token


class RefreshTokenGrant(grants.RefreshTokenGrant):  # type: ignore[misc]
    TOKEN_ENDPOINT_AUTH_METHODS = ANY_AUTH
    INCLUDE_NEW_REFRESH_TOKEN = True  # rotation: every use returns a new one

    def authenticate_refresh_token(self, refresh_token: str) -> Refresh | None:
        row = on_loop(storage.find_refresh, refresh_token)
        if row is None:
            return None
        # A suspended or erased person's refresh token is an invalid grant like a revoked one.
        subject = _subject_for(row.person_id, row, [])
        return Refresh(row, subject) if subject is not None else None

    def authenticate_user(self, refresh_token: Refresh) -> Subject | None:
        return refresh_token.subject

    def revoke_old_credential(self, refresh_token: Refresh) -> None:
        on_loop(storage.mark_refresh_used, refresh_token.row)


class ClientCredentialsGrant(grants.ClientCredentialsGrant):  # type: ignore[misc]
    TOKEN_ENDPOINT_AUTH_METHODS = CONFIDENTIAL_AUTH

    def validate_token_request(self) -> None:
        super().validate_token_request()
        if self.request.client.get_allowed_scope(self.request.payload.scope) is None:
            raise InvalidScopeError("The client may not ask for this scope")


class S256Required(CodeChallenge):  # type: ignore[misc]
    """PKCE with S256 on every authorization request, public client or not (OAuth 2.1, RFC 9700
    section 2.1.1); `plain` is refused."""

    SUPPORTED_CODE_CHALLENGE_METHOD = ["S256"]
    DEFAULT_CODE_CHALLENGE_METHOD = "S256"

    def validate_code_challenge(self, grant: Any, redirect_uri: str) -> None:
        data = grant.request.payload.data
        if not data.get("code_challenge"):
            raise InvalidRequestError("PKCE is required: send a code_challenge")
        if data.get("code_challenge_method") != "S256":
            raise InvalidRequestError("code_challenge_method must be S256")
        super().validate_code_challenge(grant, redirect_uri)


def user_info(person: Person, scope: str) -> UserInfo:
    """OpenID claims of a person, by scope."""
    scopes = set(scope.split())
    info = UserInfo(sub=str(person.id))
    if "profile" in scopes:
        info.update(name=person.display_name, given_name=person.given_name, family_name=person.family_name)
    if "email" in scopes:
        info.update(email=person.email, email_verified=person.email_verified)
    return info


class OpenIDConnect(OpenIDCode):  # type: ignore[misc]
    """ID tokens for the code flow: nonce, auth_time, amr and at_hash, signed by the active key."""

    def exists_nonce(self, nonce: str, request: OAuth2Request) -> bool:
        return on_loop(storage.nonce_used, nonce, request.payload.client_id)

    def resolve_client_private_key(self, client: Client) -> KeySet:
        return KeySet([on_loop(storage.signing_key)])  # joserfc puts its kid in the header

    def get_client_algorithm(self, client: Client) -> str:
        return "RS256"

    def get_client_claims(self, client: Client) -> dict[str, Any]:
        return {
            "iss": client.settings.auth_issuer,
            "aud": client.get_client_id(),
            "exp": int(time.time()) + client.settings.id_token_seconds,
        }

    def generate_user_info(self, user: Subject, scope: str) -> UserInfo:
        return user_info(user.person, scope)


class AccessTokens(JWTBearerTokenGenerator):  # type: ignore[misc]
    """RFC 9068 access tokens with the DLA claims (see the token contract in the architecture
    docs): audience, unit, org path, tenant, roles and grants, read from the database."""

    def __init__(self, settings: IdentitySettings) -> None:
        super().__init__(
            issuer=settings.auth_issuer,
            refresh_token_generator=lambda **_: secrets.token_urlsafe(32),
            expires_generator=lambda *_: settings.access_token_seconds,
        )
        self.settings = settings

    def get_jwks(self) -> KeySet:
        return KeySet([on_loop(storage.signing_key)])

    def get_audiences(self, client: Client, user: Subject | None, scope: str) -> str:
        return self.settings.auth_audience

    def get_auth_time(self, user: Subject | None) -> int | None:
        return int(user.auth_time.timestamp()) if user is not None else None

    def get_jti(self, client: Client, grant_type: str, user: Subject | None, scope: str) -> str:
        return secrets.token_hex(16)

    def get_extra_claims(
        self, client: Client, grant_type: str, user: Subject | None, scope: str
    ) -> dict[str, Any]:
        return dict(user.claims if user is not None else client.claims)


class Revocation(RevocationEndpoint):  # type: ignore[misc]
    """RFC 7009 for refresh tokens (the whole family goes). Access tokens are self-contained
    JWTs that live minutes: revoking one answers 200 (as RFC 7009 allows) and it runs out."""

    CLIENT_AUTH_METHODS = ANY_AUTH

    def query_token(self, token_string: str, token_type_hint: str | None) -> Refresh | None:
        if token_type_hint == ACCESS_TOKEN_HINT or len(token_string) > 200:
            return None
        row = on_loop(storage.refresh_row, token_string)
        return Refresh(row) if row is not None else None

    def revoke_token(self, token: Refresh, request: OAuth2Request) -> None:
        on_loop(storage.revoke_refresh_family, token.row)


class EndSession(EndSessionEndpoint):  # type: ignore[misc]
    """RP-initiated logout: authlib validates id_token_hint and post_logout_redirect_uri; the
    router ends the browser session itself (async), so `end_session` is never called here."""

    def get_server_jwks(self) -> KeySet:
        return on_loop(storage.published_keys)

    def get_algorithms(self) -> list[str]:
        return ["RS256"]

    def end_session(self, end_session_request: EndSessionRequest) -> None:  # pragma: no cover
        raise NotImplementedError("the router ends the session")


class Server(AuthorizationServer):  # type: ignore[misc]
    """authlib's authorization server, one per app (it holds the app's settings)."""

    def __init__(self, settings: IdentitySettings) -> None:
        super().__init__(scopes_supported=list(SCOPES))
        self.settings = settings
        self.register_grant(AuthorizationCodeGrant, [S256Required(required=True), OpenIDConnect()])
        self.register_grant(RefreshTokenGrant)
        self.register_grant(ClientCredentialsGrant)
        self.register_endpoint(Revocation)
        self.register_endpoint(EndSession)
        self.register_token_generator("default", AccessTokens(settings))

    def query_client(self, client_id: str | None) -> Client | None:
        if not client_id or len(client_id) > 100 or "\x00" in client_id:
            return None
        found = on_loop(storage.load_client, client_id)
        return Client(found[0], found[1], self.settings) if found is not None else None

    def save_token(self, token: dict[str, Any], request: OAuth2Request) -> None:
        refresh = token.get("refresh_token")
        if not refresh or request.user is None:
            return
        if request.refresh_token is not None:
            # Rotation: the new refresh token keeps the grant's scope even when this access
            # token was asked for less (RFC 6749 section 6).
            parent = request.refresh_token.row
            family, scope = parent.family_id, parent.scope
        else:
            family, scope = request.authorization_code.family(), token.get("scope") or ""
        on_loop(storage.save_refresh, refresh, request.client.get_client_id(), request.user, scope, family)

    def create_oauth2_request(self, request: OAuth2Request) -> OAuth2Request:
        return request

    def create_json_request(self, request: OAuth2Request) -> OAuth2Request:
        return request

    def handle_response(self, status: int, body: Any, headers: Any) -> tuple[int, Any, list[tuple[str, str]]]:
        return status, body, list(headers)

    def send_signal(self, name: str, *args: Any, **kwargs: Any) -> None:
        return None
