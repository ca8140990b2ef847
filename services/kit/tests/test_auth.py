"""Access-token verification against a JWKS served over real HTTP, and the authorization helpers."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import time
import uuid
from collections.abc import Iterator
from typing import Annotated, Any

import httpx
import pytest
from fastapi import Depends, FastAPI
from joserfc.jwk import RSAKey
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from kit.auth import (
    CurrentPrincipal,
    Grant,
    InvalidToken,
    OptionalPrincipal,
    Principal,
    RemoteJwks,
    TokenVerifier,
    governs,
    is_self,
    is_supervisor_of,
    require_scopes,
)
from kit.auth.principal import principal_from_claims
from kit.problems import install_problem_handlers
from kit.testing.servers import Served
from kit.testing.tokens import AUDIENCE, ISSUER, TokenMint

ROOT_ORG, MINISTRY, DEPARTMENT, UNIT = (uuid.uuid4() for _ in range(4))
PATH = (ROOT_ORG, MINISTRY, DEPARTMENT, UNIT)


class JwksServer:
    """Identity's JWKS endpoint stand-in: a real HTTP server whose published keys a test changes."""

    def __init__(self, mint: TokenMint) -> None:
        self.keys: list[RSAKey] = [mint.key]
        self.fetches = 0
        self.asgi = Starlette(routes=[Route("/.well-known/jwks.json", self._jwks)])

    async def _jwks(self, request: Request) -> JSONResponse:
        self.fetches += 1
        return JSONResponse({"keys": [key.as_dict(private=False) for key in self.keys]})


@pytest.fixture
def mint() -> TokenMint:
    return TokenMint()


@pytest.fixture
def jwks(mint: TokenMint) -> Iterator[tuple[JwksServer, str]]:
    server = JwksServer(mint)
    with Served(server.asgi) as served:
        yield server, f"{served.url}/.well-known/jwks.json"


def verifier(url: str, *, leeway: int = 30, refetch: float = 10) -> TokenVerifier:
    return TokenVerifier(
        RemoteJwks(url), issuer=ISSUER, audience=AUDIENCE, leeway_seconds=leeway, min_refetch_seconds=refetch
    )


def b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def unsigned(header: dict[str, Any], claims: dict[str, Any], signature: bytes = b"") -> str:
    return f"{b64(json.dumps(header).encode())}.{b64(json.dumps(claims).encode())}.{b64(signature)}"


async def test_a_valid_person_token_gives_its_principal(
    mint: TokenMint, jwks: tuple[JwksServer, str]
) -> None:
    person = uuid.uuid4()
    token = mint.person(person, PATH, roles=["learner", "supervisor"], grants=[Grant("hr_manager", MINISTRY)])

    principal = await verifier(jwks[1]).verify(token)

    assert principal.person_id == person
    assert principal.unit_id == UNIT
    assert principal.org_path == PATH
    assert principal.tenant_id == MINISTRY
    assert principal.roles == {"learner", "supervisor"}
    assert principal.grants == (Grant("hr_manager", MINISTRY),)
    assert principal.scopes == {"openid", "dla"}
    assert not principal.is_machine


async def test_a_client_token_is_a_machine_principal(mint: TokenMint, jwks: tuple[JwksServer, str]) -> None:
    principal = await verifier(jwks[1]).verify(mint.client("hr-system", PATH[:2], scope="scim hr.read"))

    assert principal.is_machine
    assert principal.person_id is None
    assert principal.subject == "hr-system"
    assert principal.tenant_id == MINISTRY
    assert principal.scopes == {"scim", "hr.read"}


def claims(mint: TokenMint, **changes: Any) -> dict[str, Any]:
    base = mint.base_claims(str(uuid.uuid4()), "dla-spa", "dla")
    base.update(unit=str(UNIT), org_path=[str(org) for org in PATH], roles=[], grants=[])
    base.update(changes)
    return {key: value for key, value in base.items() if value is not None}


async def test_tokens_that_must_not_verify_are_refused(mint: TokenMint, jwks: tuple[JwksServer, str]) -> None:
    check = verifier(jwks[1])
    stranger = RSAKey.generate_key(2048, parameters={"kid": str(mint.key.kid)})  # same kid, other key
    outsider = RSAKey.generate_key(2048, parameters={"kid": "outsider"})
    now = int(time.time())
    public_pem = mint.key.as_pem(private=False)
    hs_header = {"alg": "HS256", "typ": "at+jwt", "kid": mint.key.kid}
    hs_signing_input = f"{b64(json.dumps(hs_header).encode())}.{b64(json.dumps(claims(mint)).encode())}"
    hs_signature = hmac.new(public_pem, hs_signing_input.encode(), hashlib.sha256).digest()
    hs_token = f"{hs_signing_input}.{b64(hs_signature)}"
    refused = {
        "signed by another key with the same kid": mint.sign(claims(mint), key=stranger),
        "signed by a key that is not published": mint.sign(claims(mint), key=outsider),
        "alg none": unsigned({"alg": "none", "typ": "at+jwt", "kid": mint.key.kid}, claims(mint)),
        "alg none, empty signature": unsigned({"alg": "none", "typ": "at+jwt"}, claims(mint)).rstrip("."),
        "HS256 with the public key as secret": hs_token,
        "wrong audience": mint.sign(claims(mint, aud="another-api")),
        "wrong issuer": mint.sign(claims(mint, iss="https://evil.example")),
        "expired beyond the leeway": mint.sign(claims(mint, iat=now - 700, exp=now - 31)),
        "issued in the future": mint.sign(claims(mint, iat=now + 300, exp=now + 900)),
        "no expiry": mint.sign(claims(mint, exp=None)),
        "an ID token, not an access token": mint.sign(claims(mint), header={"typ": "JWT"}),
        "no kid": unsigned({"alg": "RS256", "typ": "at+jwt"}, claims(mint), b"signature"),
        "garbage": "not-a-token",
        "two segments": "a.b",
        "bad base64 header": "%%%.e30.sig",
        "oversized": "a" * 9000,
        "claims not per contract": mint.sign(claims(mint, org_path=["not-a-uuid"])),
    }
    accepted = []
    for name, token in refused.items():
        try:
            await check.verify(token)
        except InvalidToken:
            continue
        accepted.append(name)
    assert accepted == []


async def test_expiry_allows_the_bounded_leeway(mint: TokenMint, jwks: tuple[JwksServer, str]) -> None:
    now = int(time.time())
    token = mint.sign(claims(mint, iat=now - 620, exp=now - 20))

    assert (await verifier(jwks[1], leeway=30).verify(token)).subject
    with pytest.raises(InvalidToken, match="expired"):
        await verifier(jwks[1], leeway=5).verify(token)


async def test_after_rotation_old_and_new_keys_verify(mint: TokenMint, jwks: tuple[JwksServer, str]) -> None:
    server, url = jwks
    old_token = mint.person(uuid.uuid4(), PATH)
    check = verifier(url, refetch=0)
    await check.verify(old_token)

    new_key = RSAKey.generate_key(2048, parameters={"kid": "next-key"})
    server.keys = [mint.key, new_key]  # identity publishes the next key beside the current one
    new_token = mint.sign(claims(mint), key=new_key)

    assert (await check.verify(new_token)).subject  # unknown kid -> one refetch -> found
    assert (await check.verify(old_token)).subject  # the retired key still verifies until expiry
    server.keys = [new_key]
    await check.verify(new_token)


async def test_unknown_kids_refetch_at_most_once_per_interval(
    mint: TokenMint, jwks: tuple[JwksServer, str]
) -> None:
    server, url = jwks
    check = verifier(url, refetch=60)
    await check.verify(mint.person(uuid.uuid4(), PATH))
    fetched = server.fetches
    forged = [RSAKey.generate_key(2048, parameters={"kid": f"forged-{n}"}) for n in range(3)]

    for key in forged:
        with pytest.raises(InvalidToken, match="unknown key"):
            await check.verify(mint.sign(claims(mint), key=key))

    assert server.fetches == fetched + 1


async def test_unreachable_jwks_refuses_rather_than_failing() -> None:
    check = verifier("http://127.0.0.1:9/.well-known/jwks.json")

    with pytest.raises(InvalidToken, match="unavailable"):
        await check.verify(TokenMint().person(uuid.uuid4(), PATH))


def protected_app(mint: TokenMint) -> FastAPI:
    app = FastAPI()
    install_problem_handlers(app)
    app.state.token_verifier = TokenVerifier(mint.key_source, issuer=ISSUER, audience=AUDIENCE)

    @app.get("/me")
    async def me(principal: CurrentPrincipal) -> dict[str, str]:
        return {"sub": principal.subject}

    @app.get("/maybe")
    async def maybe(principal: OptionalPrincipal) -> dict[str, str | None]:
        return {"sub": principal.subject if principal else None}

    @app.get("/scim")
    async def scim(principal: Annotated[Principal, Depends(require_scopes("scim"))]) -> dict[str, str]:
        return {"sub": principal.subject}

    return app


async def test_dependencies_answer_with_problems(mint: TokenMint) -> None:
    transport = httpx.ASGITransport(app=protected_app(mint))
    good = {"Authorization": f"Bearer {mint.person(uuid.uuid4(), PATH)}"}
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
        missing = await client.get("/me")
        assert missing.status_code == 401
        assert missing.headers["content-type"] == "application/problem+json"
        assert missing.headers["www-authenticate"].startswith("Bearer")

        bad = await client.get("/me", headers={"Authorization": "Bearer nonsense"})
        assert bad.status_code == 401
        assert 'error="invalid_token"' in bad.headers["www-authenticate"]

        assert (await client.get("/me", headers={"Authorization": "Basic abc"})).status_code == 401
        assert (await client.get("/me", headers=good)).status_code == 200
        assert (await client.get("/maybe")).json() == {"sub": None}
        assert (await client.get("/maybe", headers={"Authorization": "Bearer nonsense"})).status_code == 401

        no_scope = await client.get("/scim", headers=good)
        assert no_scope.status_code == 403
        assert no_scope.json()["type"] == "urn:dla:problem:insufficient-scope"
        scim = {"Authorization": f"Bearer {mint.client('hr', PATH[:2], scope='scim')}"}
        assert (await client.get("/scim", headers=scim)).status_code == 200


def person(mint: TokenMint, person_id: uuid.UUID, **kwargs: Any) -> Principal:
    base = claims(mint, sub=str(person_id))
    base.update(kwargs)
    return principal_from_claims(base)


def test_relations_decide_by_subtree_and_person(mint: TokenMint) -> None:
    me, boss = uuid.uuid4(), uuid.uuid4()
    other_ministry = (ROOT_ORG, uuid.uuid4(), uuid.uuid4())
    hr = person(mint, me, grants=[{"role": "hr_manager", "org": str(DEPARTMENT)}])
    admin = person(mint, me, roles=["platform_admin"])
    machine = principal_from_claims(
        {**mint.base_claims("hr-system", "hr-system", "hr.read"), "org_path": [str(o) for o in PATH[:2]]}
    )

    assert is_self(hr, me)
    assert not is_self(hr, boss)
    assert is_supervisor_of(person(mint, boss), boss)
    assert not is_supervisor_of(hr, boss)
    assert not is_supervisor_of(hr, None)
    assert governs(hr, "hr_manager", PATH)  # the unit is under the department
    assert governs(hr, "hr_manager", PATH[:3])  # the department itself
    assert not governs(hr, "hr_manager", PATH[:2])  # the ministry above it
    assert not governs(hr, "org_admin", PATH)  # another role
    assert not governs(hr, "hr_manager", other_ministry)
    assert governs(admin, "org_admin", other_ministry)
    assert governs(machine, "hr_manager", PATH)
    assert not governs(machine, "hr_manager", other_ministry)
    assert not is_self(machine, me)
