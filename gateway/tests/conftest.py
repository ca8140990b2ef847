"""Real servers for the gateway's tests: the catalog service, a slow app, and the gateway itself."""

from __future__ import annotations

import asyncio
import json
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route
from starlette.types import Receive, Scope, Send

from catalog.app import create_app as create_catalog
from catalog.settings import CatalogSettings
from gateway.app import create_app
from gateway.settings import GatewaySettings
from kit.migrations import upgrade
from kit.testing.plugin import role_url
from kit.testing.servers import Served, free_port
from kit.testing.tokens import TokenMint

ROOT = Path(__file__).resolve().parents[2]


async def slow_app(scope: Scope, receive: Receive, send: Send) -> None:
    """Stands for an upstream that accepts the connection but answers too late."""
    if scope["type"] != "http":
        return
    await asyncio.sleep(3)
    await send({"type": "http.response.start", "status": 200, "headers": [(b"content-type", b"text/plain")]})
    await send({"type": "http.response.body", "body": b"late"})


async def echo_app(scope: Scope, receive: Receive, send: Send) -> None:
    """Stands for identity: answers with what reached it (method, path, query, headers, body size)."""
    if scope["type"] != "http":
        return
    size, more = 0, True
    while more:
        message = await receive()
        size += len(message.get("body", b""))
        more = message.get("more_body", False)
    seen = {
        "method": scope["method"],
        "path": scope["path"],
        "query": scope["query_string"].decode(),
        "headers": {k.decode(): v.decode() for k, v in scope["headers"]},
        "body_bytes": size,
    }
    body = json.dumps(seen).encode()
    headers = [(b"content-type", b"application/json"), (b"connection", b"x-secret"), (b"x-secret", b"1")]
    await send({"type": "http.response.start", "status": 200, "headers": headers})
    await send({"type": "http.response.body", "body": body})


@pytest.fixture(scope="session")
def jwks_url(dla_token_mint: TokenMint) -> Iterator[str]:
    """Identity's JWKS, as far as the catalog and the gateway under test are concerned."""

    async def jwks(request: Request) -> JSONResponse:
        return JSONResponse(dla_token_mint.jwks())

    with Served(Starlette(routes=[Route("/.well-known/jwks.json", jwks)])) as served:
        yield f"{served.url}/.well-known/jwks.json"


@pytest.fixture(scope="session")
def editor_headers(dla_token_mint: TokenMint) -> dict[str, str]:
    """A content editor's token: writing to the catalog needs one."""
    token = dla_token_mint.person(uuid.uuid4(), (uuid.uuid4(), uuid.uuid4()), roles=["content_editor"])
    return {"Authorization": f"Bearer {token}"}


@pytest.fixture(scope="session")
def catalog_server(dla_admin_url: str, dla_database: str, jwks_url: str) -> Iterator[Served]:
    url = role_url(dla_admin_url, dla_database, "catalog")
    upgrade(ROOT / "services" / "catalog", url)
    settings = CatalogSettings(
        database_url=url, dispatch_enabled=False, log_format="text", auth_jwks_url=jwks_url
    )
    app = create_catalog(settings)
    with Served(app) as served:
        yield served


@pytest.fixture(scope="session")
def slow_server() -> Iterator[Served]:
    with Served(slow_app) as served:
        yield served


@pytest.fixture(scope="session")
def echo_server() -> Iterator[Served]:
    with Served(echo_app) as served:
        yield served


@pytest.fixture(scope="session")
def spa_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("dist")
    (folder / "assets").mkdir()
    (folder / "index.html").write_text('<!doctype html><html><body><div id="root"></div></body></html>')
    (folder / "assets" / "app-1234.js").write_text("console.log('dla')")
    (folder / "robots.txt").write_text("User-agent: *")
    return folder


@pytest.fixture(scope="session")
def gateway(
    catalog_server: Served, slow_server: Served, echo_server: Served, spa_dir: Path, jwks_url: str
) -> Iterator[Served]:
    settings = GatewaySettings(
        auth_jwks_url=jwks_url,
        upstreams={
            "catalog": catalog_server.url,
            "identity": echo_server.url,
            "assessment": slow_server.url,
            "pathways": f"http://127.0.0.1:{free_port()}",
        },
        timeout_seconds=1.0,
        connect_timeout_seconds=1.0,
        cors_origins=["https://hr.example.gov"],
        spa_dir=str(spa_dir),
        log_format="text",
    )
    with Served(create_app(settings)) as served:
        yield served
