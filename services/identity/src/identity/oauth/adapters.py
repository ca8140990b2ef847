"""authlib's views of DLA's rows and requests: clients, codes, refresh tokens, a Starlette request."""

from __future__ import annotations

import uuid
from typing import Any

from authlib.oauth2 import OAuth2Request
from authlib.oauth2.rfc6749 import ClientMixin
from authlib.oauth2.rfc6749.requests import BasicOAuth2Payload
from starlette.datastructures import Headers

from identity.accounts.passwords import verify_secret
from identity.oauth.models import AuthorizationCode, OAuthClient, RefreshToken
from identity.oauth.storage import Subject
from identity.settings import IdentitySettings

CONFIDENTIAL_AUTH = ["client_secret_basic", "client_secret_post"]


class Client(ClientMixin):  # type: ignore[misc]
    """authlib's view of an `OAuthClient` row."""

    def __init__(self, row: OAuthClient, claims: dict[str, Any], settings: IdentitySettings) -> None:
        self.row = row
        self.claims = claims
        self.settings = settings
        self.client_id = row.client_id

    @property
    def client_metadata(self) -> dict[str, Any]:
        return {"post_logout_redirect_uris": list(self.row.post_logout_redirect_uris)}

    def get_client_id(self) -> str:
        return self.row.client_id

    def get_default_redirect_uri(self) -> str | None:
        return self.row.redirect_uris[0] if len(self.row.redirect_uris) == 1 else None

    def get_allowed_scope(self, scope: str | None) -> str | None:
        """The requested scope when the client may have all of it; None (invalid_scope) otherwise.
        A confidential client that asks for nothing gets all of its scopes."""
        if not scope:
            return " ".join(self.row.scopes) if self.row.kind == "confidential" else ""
        requested = scope.split()
        if not set(requested) <= set(self.row.scopes):
            return None
        return " ".join(dict.fromkeys(requested))

    def check_redirect_uri(self, redirect_uri: str) -> bool:
        return redirect_uri in self.row.redirect_uris

    def check_client_secret(self, client_secret: str) -> bool:
        # argon2id, in authlib's worker thread: slow on purpose, never on the event loop.
        return verify_secret(self.settings, self.row.secret_hash, client_secret)

    def check_endpoint_auth_method(self, method: str, endpoint: str) -> bool:
        if self.row.kind == "public":
            return method == "none"
        return method in CONFIDENTIAL_AUTH

    def check_response_type(self, response_type: str) -> bool:
        return response_type == "code" and "authorization_code" in self.row.grant_types

    def check_grant_type(self, grant_type: str) -> bool:
        return grant_type in self.row.grant_types


class Code:
    """authlib's view of an `AuthorizationCode` row."""

    def __init__(self, row: AuthorizationCode) -> None:
        self.row = row
        self.code_challenge = row.code_challenge
        self.code_challenge_method = row.code_challenge_method

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
        return [str(item) for item in amr] if isinstance(amr, list) and amr else None

    def family(self) -> uuid.UUID:
        return uuid.UUID(str(self.row.extra["family"]))


class Refresh:
    """authlib's view of a `RefreshToken` row (with its person, when it is being used)."""

    def __init__(self, row: RefreshToken, subject: Subject | None = None) -> None:
        self.row = row
        self.subject = subject

    def check_client(self, client: Client) -> bool:
        return self.row.client_id == client.get_client_id()

    def get_scope(self) -> str:
        return self.row.scope


class _Payload(BasicOAuth2Payload):  # type: ignore[misc]
    """Query and form fields: the first value of each, and every value (authlib refuses repeats)."""

    def __init__(self, items: list[tuple[str, str]]) -> None:
        super().__init__(dict(reversed(items)))
        self._datalist: dict[str, list[str]] = {}
        for key, value in items:
            self._datalist.setdefault(key, []).append(value)


class StarletteRequest(OAuth2Request):  # type: ignore[misc]
    """An OAuth2Request over an already-read Starlette request."""

    def __init__(
        self,
        method: str,
        url: str,
        headers: Headers,
        query: list[tuple[str, str]],
        form: list[tuple[str, str]],
    ) -> None:
        super().__init__(method=method, uri=url, headers=headers)
        self._query = dict(reversed(query))
        self._form = dict(reversed(form))
        self.payload = _Payload(query + form)

    @property
    def args(self) -> dict[str, str]:
        return self._query

    @property
    def form(self) -> dict[str, str]:
        return self._form
