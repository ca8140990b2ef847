"""The gateway verifies bearer tokens before proxying; good ones pass through untouched."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from gateway.app import create_app
from gateway.settings import GatewaySettings
from kit.testing.servers import Served
from kit.testing.tokens import AUDIENCE, ISSUER, TokenMint

PATH = (uuid.uuid4(), uuid.uuid4(), uuid.uuid4())


class Upstream:
    """Identity's JWKS plus a protected endpoint that counts the calls reaching it."""

    def __init__(self, mint: TokenMint) -> None:
        self.mint = mint
        self.calls = 0
        self.app = Starlette(
            routes=[Route("/.well-known/jwks.json", self.jwks), Route("/me", self.me)],
        )

    async def jwks(self, request: Request) -> JSONResponse:
        return JSONResponse(self.mint.jwks())

    async def me(self, request: Request) -> JSONResponse:
        self.calls += 1
        return JSONResponse({"authorization": request.headers.get("authorization")})


@pytest.fixture(scope="module")
def setup() -> Iterator[tuple[Upstream, str]]:
    mint = TokenMint()
    upstream = Upstream(mint)
    with Served(upstream.app) as identity:
        settings = GatewaySettings(
            upstreams={"identity": identity.url},
            auth_issuer=ISSUER,
            auth_audience=AUDIENCE,
            log_format="text",
            spa_dir="/nonexistent",
        )
        with Served(create_app(settings)) as gateway:
            yield upstream, gateway.url


def test_bad_tokens_stop_at_the_gateway(setup: tuple[Upstream, str]) -> None:
    upstream, url = setup
    mint = upstream.mint
    stranger = TokenMint()
    claims: dict[str, Any] = mint.base_claims(str(uuid.uuid4()), "dla-spa", "dla")
    bad = {
        "garbage": "garbage",
        "unknown key": stranger.person(uuid.uuid4(), PATH),
        "wrong audience": mint.sign({**claims, "aud": "elsewhere"}),
        "expired": mint.sign({**claims, "iat": 1, "exp": 2}),
    }
    before = upstream.calls
    for name, token in bad.items():
        response = httpx.get(f"{url}/api/identity/me", headers={"Authorization": f"Bearer {token}"})
        assert response.status_code == 401, name
        assert response.headers["content-type"] == "application/problem+json", name
        assert 'error="invalid_token"' in response.headers["www-authenticate"], name
    assert upstream.calls == before


def test_good_tokens_and_anonymous_calls_pass_through(setup: tuple[Upstream, str]) -> None:
    upstream, url = setup
    token = upstream.mint.person(uuid.uuid4(), PATH)
    passed = httpx.get(f"{url}/api/identity/me", headers={"Authorization": f"Bearer {token}"})
    assert passed.status_code == 200
    assert passed.json() == {"authorization": f"Bearer {token}"}
    anonymous = httpx.get(f"{url}/api/identity/me")
    assert anonymous.json() == {"authorization": None}
