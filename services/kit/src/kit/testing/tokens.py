"""Signing real access tokens in tests, with real RSA keys, exactly as identity shapes them."""

from __future__ import annotations

import time
import uuid
from collections.abc import Sequence
from typing import Any

from joserfc import jwt
from joserfc.jwk import ECKey, KeySet, RSAKey

from kit.auth.keys import signing_keys
from kit.auth.principal import Grant

ISSUER = "http://127.0.0.1:8000"
AUDIENCE = "dla-api"


def new_rsa_key() -> RSAKey:
    """A fresh 2048-bit RSA signing key with a random `kid`."""
    return RSAKey.generate_key(2048, parameters={"kid": f"test-{uuid.uuid4().hex[:8]}", "use": "sig"})


class StaticKeys:
    """A `KeySource` over keys held in memory (what a test app verifies against)."""

    def __init__(self, keys: Sequence[RSAKey | ECKey]) -> None:
        self.published: list[RSAKey | ECKey] = list(keys)
        self.fetches = 0

    async def keys(self, *, refresh: bool) -> KeySet:
        self.fetches += 1
        return signing_keys({"keys": [key.as_dict(private=False) for key in self.published]})


class TokenMint:
    """Owns signing keys and signs RFC 9068 access tokens for tests; serves nothing itself.

    `key` signs; `key_source` (in process) and `jwks()` (to serve over HTTP) publish every key
    the mint holds, so `rotate()` behaves like identity's rotation: the new key signs from then
    on and the old one still verifies.
    """

    def __init__(self, *, issuer: str = ISSUER, audience: str = AUDIENCE) -> None:
        self.issuer = issuer
        self.audience = audience
        self.key = new_rsa_key()
        self.key_source = StaticKeys([self.key])

    def rotate(self) -> RSAKey:
        """A new signing key, published beside the old ones; returns it."""
        self.key = new_rsa_key()
        self.key_source.published.append(self.key)
        return self.key

    def jwks(self) -> dict[str, Any]:
        """The public JWKS document."""
        return {"keys": [key.as_dict(private=False) for key in self.key_source.published]}

    def sign(
        self,
        claims: dict[str, Any],
        *,
        key: RSAKey | ECKey | None = None,
        header: dict[str, Any] | None = None,
    ) -> str:
        """Sign `claims` as they are (no defaults): for tests of what verification refuses."""
        signing = key or self.key
        alg = "ES256" if isinstance(signing, ECKey) else "RS256"
        fields = {"alg": alg, "typ": "at+jwt", "kid": signing.kid, **(header or {})}
        return jwt.encode(fields, claims, signing, algorithms=[fields["alg"]])

    def base_claims(self, subject: str, client_id: str, scope: str, lifetime: int = 600) -> dict[str, Any]:
        now = int(time.time())
        return {
            "iss": self.issuer,
            "aud": self.audience,
            "sub": subject,
            "client_id": client_id,
            "scope": scope,
            "iat": now,
            "exp": now + lifetime,
            "jti": uuid.uuid4().hex,
        }

    def person(
        self,
        person_id: uuid.UUID,
        org_path: Sequence[uuid.UUID],
        *,
        roles: Sequence[str] = ("learner",),
        grants: Sequence[Grant] = (),
        scope: str = "openid dla",
        client_id: str = "dla-spa",
        **extra: Any,
    ) -> str:
        """A token for a person whose unit is the last organisation of `org_path`."""
        claims = self.base_claims(str(person_id), client_id, scope)
        claims.update(
            unit=str(org_path[-1]),
            org_path=[str(org) for org in org_path],
            tenant=str(org_path[1] if len(org_path) >= 2 else org_path[0]),
            roles=list(roles),
            grants=[{"role": grant.role, "org": str(grant.org_id)} for grant in grants],
            auth_time=claims["iat"],
            **extra,
        )
        return self.sign(claims)

    def client(self, client_id: str, org_path: Sequence[uuid.UUID], *, scope: str, **extra: Any) -> str:
        """A client-credentials token for a machine client of the organisation ending `org_path`."""
        claims = self.base_claims(client_id, client_id, scope)
        claims.update(
            org_path=[str(org) for org in org_path],
            tenant=str(org_path[1] if len(org_path) >= 2 else org_path[0]) if org_path else None,
            roles=[],
            grants=[],
            **extra,
        )
        return self.sign(claims)
