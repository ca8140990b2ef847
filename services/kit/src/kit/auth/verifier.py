"""Local verification of RFC 9068 access tokens against identity's JWKS.

Keys are cached; a token signed with an unknown `kid` triggers one refetch, at most once per
`min_refetch_seconds`, so forged key ids cannot hammer identity. Only asymmetric algorithms on
the allow list verify: `alg=none` and HMAC (the classic "public key as HMAC secret" attack) are
refused before any key is touched.
"""

from __future__ import annotations

import asyncio
import base64
import json
import time
from typing import Any, Protocol

import httpx
from joserfc import jwt
from joserfc.errors import BadSignatureError, ClaimError, ExpiredTokenError, JoseError
from joserfc.jwk import Key, KeySet

from kit.auth.principal import InvalidClaims, Principal, principal_from_claims

ALLOWED_ALGORITHMS = ("RS256", "ES256")
MAX_TOKEN_BYTES = 8192
ACCEPTED_TYPES = ("at+jwt", "application/at+jwt")


class InvalidToken(Exception):
    """The token cannot be trusted; `reason` is safe to show to the caller."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class KeySource(Protocol):
    """Where verification keys come from (identity's JWKS over HTTP, or identity's own table)."""

    async def keys(self, *, refresh: bool) -> KeySet: ...


class RemoteJwks:
    """A JWKS document fetched over HTTP and cached for `cache_seconds`."""

    def __init__(self, url: str, *, cache_seconds: float = 300, timeout: float = 5) -> None:
        self.url = url
        self.cache_seconds = cache_seconds
        self.timeout = timeout
        self._keys: KeySet | None = None
        self._fetched_at = 0.0
        self._lock = asyncio.Lock()

    async def keys(self, *, refresh: bool) -> KeySet:
        fresh = self._keys is not None and time.monotonic() - self._fetched_at < self.cache_seconds
        if fresh and not refresh and self._keys is not None:
            return self._keys
        asked_at = time.monotonic()
        async with self._lock:
            # Another request may have fetched while this one waited for the lock.
            if self._keys is not None and self._fetched_at > asked_at:
                return self._keys
            try:
                async with httpx.AsyncClient(timeout=self.timeout) as client:
                    response = await client.get(self.url)
                    response.raise_for_status()
                    document = response.json()
                self._keys = KeySet.import_key_set(document)
                self._fetched_at = time.monotonic()
            except (httpx.HTTPError, ValueError, JoseError) as exc:
                if self._keys is None:
                    raise InvalidToken("the token's signing keys are unavailable") from exc
            return self._keys


def _header(token: str) -> dict[str, Any]:
    if len(token) > MAX_TOKEN_BYTES:
        raise InvalidToken("the token is too large")
    parts = token.split(".")
    if len(parts) != 3 or not all(parts):
        raise InvalidToken("the token is not a signed JWT")
    try:
        header = json.loads(base64.urlsafe_b64decode(parts[0] + "=" * (-len(parts[0]) % 4)))
    except (ValueError, UnicodeDecodeError) as exc:
        raise InvalidToken("the token header is malformed") from exc
    if not isinstance(header, dict):
        raise InvalidToken("the token header is malformed")
    return header


class TokenVerifier:
    """Verifies access tokens and turns them into `Principal`s."""

    def __init__(
        self,
        source: KeySource,
        *,
        issuer: str,
        audience: str,
        leeway_seconds: int = 30,
        min_refetch_seconds: float = 10,
    ) -> None:
        self.source = source
        self.issuer = issuer
        self.audience = audience
        self.leeway_seconds = leeway_seconds
        self.min_refetch_seconds = min_refetch_seconds
        self._by_kid: dict[str, Key] = {}
        self._loaded = False
        self._last_refetch = -float("inf")
        self._claims = jwt.JWTClaimsRegistry(
            leeway=leeway_seconds,
            iss={"essential": True, "value": issuer},
            aud={"essential": True, "value": audience},
            exp={"essential": True},
            sub={"essential": True},
        )

    async def _key(self, kid: str) -> Key:
        if not self._loaded:
            self._index(await self.source.keys(refresh=False))
        key = self._by_kid.get(kid)
        if key is None and time.monotonic() - self._last_refetch >= self.min_refetch_seconds:
            self._last_refetch = time.monotonic()
            self._index(await self.source.keys(refresh=True))
            key = self._by_kid.get(kid)
        if key is None:
            raise InvalidToken("the token is signed by an unknown key")
        return key

    def _index(self, keys: KeySet) -> None:
        self._by_kid = {key.kid: key for key in keys if key.kid}
        self._loaded = True

    async def verify(self, token: str) -> Principal:
        """The principal of a valid token; `InvalidToken` for anything else."""
        header = _header(token)
        alg = header.get("alg")
        if alg not in ALLOWED_ALGORITHMS:
            raise InvalidToken("the token's algorithm is not accepted")
        typ = header.get("typ")
        if not isinstance(typ, str) or typ.lower() not in ACCEPTED_TYPES:
            raise InvalidToken("the token is not an access token")
        kid = header.get("kid")
        if not isinstance(kid, str) or not kid:
            raise InvalidToken("the token has no key id")
        key = await self._key(kid)
        try:
            decoded = jwt.decode(token, key, algorithms=[alg])
            self._claims.validate(decoded.claims)
        except JoseError as exc:
            raise InvalidToken(_reason(exc)) from exc
        except (ValueError, TypeError) as exc:
            raise InvalidToken("the token is malformed") from exc
        try:
            return principal_from_claims(decoded.claims)
        except InvalidClaims as exc:
            raise InvalidToken(str(exc)) from exc


def _reason(error: JoseError) -> str:
    if isinstance(error, ExpiredTokenError):
        return "the token has expired"
    if isinstance(error, ClaimError):
        return f"the token's {error.claim} claim is not acceptable"
    if isinstance(error, BadSignatureError):
        return "the token's signature does not verify"
    return "the token is not valid"
