"""The gateway verifies bearer tokens on /api/... before proxying; good ones pass through untouched."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import httpx
import pytest
from pydantic import ValidationError
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from gateway.app import create_app
from gateway.settings import GatewaySettings
from kit.auth import RemoteJwks
from kit.testing.servers import Served
from kit.testing.tokens import AUDIENCE, ISSUER, TokenMint

PATH = (uuid.uuid4(), uuid.uuid4(), uuid.uuid4())


class Identity:
    """Identity as the gateway sees it: a JWKS, OAuth endpoints and an API, each call counted."""

    def __init__(self, mint: TokenMint) -> None:
        self.mint = mint
        self.calls: list[str] = []
        routes = [
            Route("/.well-known/jwks.json", self.jwks),
            Route("/.well-known/openid-configuration", self.echo),
            Route("/oauth2/token", self.echo, methods=["POST"]),
            Route("/me", self.echo, methods=["GET", "POST"]),
        ]
        self.app = Starlette(routes=routes)

    async def jwks(self, request: Request) -> JSONResponse:
        return JSONResponse(self.mint.jwks())

    async def echo(self, request: Request) -> JSONResponse:
        self.calls.append(request.url.path)
        return JSONResponse({"authorization": request.headers.get("authorization")})


@dataclass
class Setup:
    identity: Identity
    url: str


@pytest.fixture(scope="module")
def setup() -> Iterator[Setup]:
    identity = Identity(TokenMint())
    with Served(identity.app) as upstream:
        settings = GatewaySettings(
            upstreams={"identity": upstream.url},
            auth_issuer=ISSUER,
            auth_audience=AUDIENCE,
            jwks_min_refetch_seconds=0,  # the refetch limit has its own test in kit
            log_format="text",
            spa_dir="/nonexistent",
        )
        with Served(create_app(settings)) as gateway:
            yield Setup(identity, gateway.url)


def b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def bad_tokens(mint: TokenMint) -> dict[str, str]:
    claims: dict[str, Any] = mint.base_claims(str(uuid.uuid4()), "dla-spa", "dla")
    none_header = b64(json.dumps({"alg": "none", "typ": "at+jwt", "kid": mint.key.kid}).encode())
    hs_input = f"{b64(json.dumps({'alg': 'HS256', 'typ': 'at+jwt', 'kid': mint.key.kid}).encode())}." + b64(
        json.dumps(claims).encode()
    )
    hs_signature = hmac.new(mint.key.as_pem(private=False), hs_input.encode(), hashlib.sha256).digest()
    return {
        "garbage": "garbage",
        "unknown key": TokenMint().person(uuid.uuid4(), PATH),
        "alg none": f"{none_header}.{b64(json.dumps(claims).encode())}.",
        "HS256 with the public key as secret": f"{hs_input}.{b64(hs_signature)}",
        "wrong audience": mint.sign({**claims, "aud": "elsewhere"}),
        "wrong issuer": mint.sign({**claims, "iss": "https://evil.example"}),
        "expired": mint.sign({**claims, "iat": 1, "exp": 2}),
        "an ID token": mint.sign(claims, header={"typ": "JWT"}),
        "oversized": mint.sign({**claims, "padding": "x" * 9000}),
        "empty": "",  # the header is then just "Bearer"
    }


def test_bad_tokens_stop_at_the_gateway(setup: Setup) -> None:
    for name, token in bad_tokens(setup.identity.mint).items():
        for method in ("GET", "POST"):
            response = httpx.request(
                method,
                f"{setup.url}/api/identity/me",
                headers={"Authorization": f"Bearer {token}".strip()},
                json={},
            )
            assert response.status_code == 401, (name, response.text)
            assert response.headers["content-type"] == "application/problem+json", name
            assert response.headers["www-authenticate"].startswith(
                'Bearer realm="dla", error="invalid_token"'
            )
            body = response.json()
            assert (body["type"], body["title"]) == ("urn:dla:problem:unauthorized", "Not authenticated")
            assert body["detail"].startswith("the token"), name
    assert setup.identity.calls == []  # not one of them reached the upstream


def test_good_tokens_and_anonymous_calls_pass_through(setup: Setup) -> None:
    token = setup.identity.mint.person(uuid.uuid4(), PATH)
    passed = httpx.get(f"{setup.url}/api/identity/me", headers={"Authorization": f"Bearer {token}"})
    assert passed.status_code == 200
    assert passed.json() == {"authorization": f"Bearer {token}"}  # untouched: the service checks again
    assert httpx.get(f"{setup.url}/api/identity/me").json() == {"authorization": None}
    # Another scheme is the service's to judge (it answers 401 itself).
    basic = httpx.get(f"{setup.url}/api/identity/me", headers={"Authorization": "Basic YTpi"})
    assert basic.json() == {"authorization": "Basic YTpi"}


def test_oauth_and_discovery_endpoints_are_not_checked(setup: Setup) -> None:
    # They carry client credentials and refresh tokens, which are not access tokens.
    before = len(setup.identity.calls)
    token = httpx.post(f"{setup.url}/oauth2/token", headers={"Authorization": "Bearer not-an-access-token"})
    discovery = httpx.get(
        f"{setup.url}/.well-known/openid-configuration", headers={"Authorization": "Bearer garbage"}
    )
    assert token.json() == {"authorization": "Bearer not-an-access-token"}
    assert discovery.json() == {"authorization": "Bearer garbage"}
    assert setup.identity.calls[before:] == ["/oauth2/token", "/.well-known/openid-configuration"]


def test_a_rotated_key_is_picked_up_from_identitys_jwks(setup: Setup) -> None:
    mint = setup.identity.mint
    old = mint.person(uuid.uuid4(), PATH)
    assert (
        httpx.get(f"{setup.url}/api/identity/me", headers={"Authorization": f"Bearer {old}"}).status_code
        == 200
    )

    mint.rotate()
    new = mint.person(uuid.uuid4(), PATH)

    for token in (new, old):
        answer = httpx.get(f"{setup.url}/api/identity/me", headers={"Authorization": f"Bearer {token}"})
        assert answer.status_code == 200, answer.text


def test_unreachable_keys_are_503_not_401_and_nothing_is_proxied() -> None:
    identity = Identity(TokenMint())
    with Served(identity.app) as upstream:
        settings = GatewaySettings(
            upstreams={"identity": upstream.url},
            auth_jwks_url="http://127.0.0.1:9/.well-known/jwks.json",
            log_format="text",
            spa_dir="/nonexistent",
        )
        with Served(create_app(settings)) as gateway:
            token = identity.mint.person(uuid.uuid4(), PATH)
            started = time.monotonic()
            down = httpx.get(f"{gateway.url}/api/identity/me", headers={"Authorization": f"Bearer {token}"})
            garbage = httpx.get(f"{gateway.url}/api/identity/me", headers={"Authorization": "Bearer x"})
    assert time.monotonic() - started < 5
    assert down.status_code == 503
    assert down.json()["type"] == "urn:dla:problem:unavailable"
    assert down.headers["retry-after"] == "5"
    assert garbage.status_code == 401
    assert identity.calls == []


def test_the_gateway_reads_identitys_jwks_unless_told_otherwise() -> None:
    settings = GatewaySettings(upstreams={"identity": "http://identity:8101/"}, spa_dir="/nonexistent")
    source = create_app(settings).state.token_verifier.source
    assert isinstance(source, RemoteJwks)
    assert source.url == "http://identity:8101/.well-known/jwks.json"
    explicit = GatewaySettings(auth_jwks_url="https://idp.example/jwks", spa_dir="/nonexistent")
    assert explicit.jwks_url == "https://idp.example/jwks"


def test_the_gateway_shares_the_leeway_bound(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DLA_AUTH_LEEWAY_SECONDS", "600")
    with pytest.raises(ValidationError, match="DLA_AUTH_LEEWAY_SECONDS"):
        GatewaySettings()
