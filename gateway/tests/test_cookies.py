"""One gateway serves many browsers: a cookie one of them gets must never reach another."""

from __future__ import annotations

import httpx
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from gateway.app import create_app
from gateway.settings import GatewaySettings
from kit.testing.servers import Served


async def sign_in(request: Request) -> JSONResponse:
    response = JSONResponse({"signed_in": True})
    response.set_cookie("dla_session", "secret-of-the-first-browser", httponly=True, path="/")
    return response


async def session(request: Request) -> JSONResponse:
    return JSONResponse(
        {"cookie": request.headers.get("cookie"), "prefix": request.headers.get("x-forwarded-prefix")}
    )


def test_a_session_cookie_goes_to_its_browser_only_and_the_prefix_is_forwarded() -> None:
    upstream = Starlette(
        routes=[Route("/auth/login", sign_in, methods=["POST"]), Route("/auth/session", session)]
    )
    with Served(upstream) as identity:
        settings = GatewaySettings(
            upstreams={"identity": identity.url}, log_format="text", spa_dir="/nonexistent"
        )
        with Served(create_app(settings)) as gateway:
            with httpx.Client(base_url=gateway.url) as first:
                login = first.post("/api/identity/auth/login")
                assert login.cookies["dla_session"] == "secret-of-the-first-browser"
                assert first.get("/api/identity/auth/session").json()["cookie"] == (
                    "dla_session=secret-of-the-first-browser"
                )
            with httpx.Client(base_url=gateway.url) as second:
                seen = second.get("/api/identity/auth/session").json()
                assert seen == {"cookie": None, "prefix": "/api/identity"}
                spoofed = second.get("/api/identity/auth/session", headers={"X-Forwarded-Prefix": "/evil"})
                assert spoofed.json()["prefix"] == "/api/identity"
