"""Local verification of RFC 9068 access tokens against identity's keys.

Keys are indexed by `kid` once per `cache_seconds`; a token signed with an unknown `kid` triggers
one refetch, at most once per `min_refetch_seconds`, so forged key ids cannot hammer identity.
Only asymmetric algorithms on the allow list verify: `alg=none` and HMAC (the classic "public key
as HMAC secret" attack) are refused before any key is touched. A token that verified is
remembered (by its exact text, until it expires or its key is withdrawn), because a client sends
the same token on every request for its whole lifetime.
"""

from __future__ import annotations

import asyncio
import json
import time
from dataclasses import dataclass
from typing import Any

from joserfc import jws
from joserfc.errors import BadSignatureError, ClaimError, ExpiredTokenError, JoseError
from joserfc.jwk import ECKey, Key, KeySet, RSAKey
from joserfc.jwt import JWTClaimsRegistry

from kit.auth.keys import KeySource, RemoteJwks
from kit.auth.principal import InvalidClaims, Principal, principal_from_claims
from kit.settings import AuthSettings

ALLOWED_ALGORITHMS = ("RS256", "ES256")
MAX_TOKEN_BYTES = 8192
ACCEPTED_TYPES = frozenset({"at+jwt", "application/at+jwt"})
_REGISTRY = jws.JWSRegistry(algorithms=ALLOWED_ALGORITHMS)


class InvalidToken(Exception):
    """The token cannot be trusted; `reason` is safe to show to the caller."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True, slots=True)
class _Verified:
    principal: Principal
    kid: str
    key: Key
    usable_until: float  # exp + leeway, in time.time() seconds


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
        cache_seconds: float = 300,
        remembered_tokens: int = 4096,
    ) -> None:
        self.source = source
        self.issuer = issuer
        self.audience = audience
        self.leeway_seconds = leeway_seconds
        self.min_refetch_seconds = min_refetch_seconds
        self.cache_seconds = cache_seconds
        self.remembered_tokens = remembered_tokens
        self._by_kid: dict[str, Key] = {}
        self._keys_stale_at = -float("inf")
        self._last_refetch = -float("inf")
        self._lock = asyncio.Lock()
        self._verified: dict[str, _Verified] = {}
        self._claims = JWTClaimsRegistry(
            leeway=leeway_seconds,
            iss={"essential": True, "value": issuer},
            aud={"essential": True, "value": audience},
            exp={"essential": True},
            sub={"essential": True},
        )

    async def verify(self, token: str) -> Principal:
        """The principal of a valid token; `InvalidToken` for anything else."""
        if len(token) > MAX_TOKEN_BYTES:
            raise InvalidToken("the token is too large")
        known = self._verified.get(token)
        if known is not None:
            await self._fresh_keys()
            if time.time() < known.usable_until and self._by_kid.get(known.kid) is known.key:
                return known.principal
            self._verified.pop(token, None)
        return await self._verify_signed(token)

    async def _verify_signed(self, token: str) -> Principal:
        try:
            signed = jws.extract_compact(token.encode(), registry=_REGISTRY)
        except (JoseError, ValueError) as exc:
            raise InvalidToken("the token is not a signed JWT") from exc
        header = signed.headers()
        kid = _check_header(header)
        # Keys are needed only now: a malformed token is refused even while identity is down.
        await self._fresh_keys()
        key = await self._key(kid)
        try:
            if not jws.validate_compact(signed, key, registry=_REGISTRY):
                raise BadSignatureError()
            claims = json.loads(signed.payload or b"")
            if not isinstance(claims, dict):
                raise InvalidToken("the token's claims are not an object")
            self._claims.validate(claims)
        except JoseError as exc:
            raise InvalidToken(_reason(exc)) from exc
        except (ValueError, TypeError) as exc:
            raise InvalidToken("the token is malformed") from exc
        try:
            principal = principal_from_claims(claims)
        except InvalidClaims as exc:
            raise InvalidToken(f"the token's claims do not follow the contract: {exc}") from exc
        self._remember(token, _Verified(principal, kid, key, claims["exp"] + self.leeway_seconds))
        return principal

    def _remember(self, token: str, verified: _Verified) -> None:
        if self.remembered_tokens <= 0:
            return
        while len(self._verified) >= self.remembered_tokens:
            # The oldest goes first; a token still in use is verified again and re-enters.
            self._verified.pop(next(iter(self._verified)), None)
        self._verified[token] = verified

    async def _key(self, kid: str) -> Key:
        key = self._by_kid.get(kid)
        if key is not None:
            return key
        async with self._lock:
            # Requests that waited here while another refetched find the new key without a fetch.
            key = self._by_kid.get(kid)
            if key is None and time.monotonic() - self._last_refetch >= self.min_refetch_seconds:
                self._last_refetch = time.monotonic()
                self._index(await self.source.keys(refresh=True))
                key = self._by_kid.get(kid)
        if key is None:
            raise InvalidToken("the token is signed by an unknown key")
        return key

    async def _fresh_keys(self) -> None:
        if time.monotonic() < self._keys_stale_at:
            return
        if self._by_kid and self._lock.locked():
            return  # another request is reloading; the keys at hand serve until it is done
        await self._reload()

    async def _reload(self) -> None:
        async with self._lock:
            if time.monotonic() >= self._keys_stale_at:
                self._index(await self.source.keys(refresh=False))

    def _index(self, keys: KeySet) -> None:
        by_kid: dict[str, Key] = {}
        for key in keys:
            if not isinstance(key, (RSAKey, ECKey)) or not key.kid:
                continue
            old = self._by_kid.get(key.kid)
            # An unchanged key keeps its object: remembered tokens stay valid and the parsed
            # public key (cached on the object) is not rebuilt.
            same = old is not None and old.as_dict(private=False) == key.as_dict(private=False)
            by_kid[key.kid] = old if same and old is not None else key
        self._by_kid = by_kid
        self._keys_stale_at = time.monotonic() + self.cache_seconds


def _check_header(header: dict[str, Any]) -> str:
    """The token's `kid`, once its header is what an access token from identity looks like."""
    alg = header.get("alg")
    if alg not in ALLOWED_ALGORITHMS:
        raise InvalidToken("the token's algorithm is not accepted")
    typ = header.get("typ")
    if not isinstance(typ, str) or typ.lower() not in ACCEPTED_TYPES:
        raise InvalidToken("the token is not an access token")
    if "crit" in header or "b64" in header:
        raise InvalidToken("the token uses header extensions that are not accepted")
    kid = header.get("kid")
    if not isinstance(kid, str) or not kid:
        raise InvalidToken("the token has no key id")
    return kid


def _reason(error: JoseError) -> str:
    if isinstance(error, ExpiredTokenError):
        return "the token has expired"
    if isinstance(error, ClaimError):
        return f"the token's {error.claim} claim is not acceptable"
    if isinstance(error, BadSignatureError):
        return "the token's signature does not verify"
    return "the token is not valid"


def verifier_from_settings(
    settings: AuthSettings, *, jwks_url: str, source: KeySource | None = None
) -> TokenVerifier:
    """The verifier a process builds at start-up: `source`, else the JWKS at `jwks_url`."""
    return TokenVerifier(
        source or RemoteJwks(jwks_url, cache_seconds=settings.jwks_cache_seconds),
        issuer=settings.auth_issuer,
        audience=settings.auth_audience,
        leeway_seconds=settings.auth_leeway_seconds,
        min_refetch_seconds=settings.jwks_min_refetch_seconds,
        cache_seconds=settings.jwks_cache_seconds,
    )
