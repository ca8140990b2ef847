"""The gateway: the platform's one public door."""

from __future__ import annotations

import asyncio
import contextlib
import http.cookiejar
import time
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any, Literal

import fastapi_offline
import httpx
from fastapi import FastAPI, Request
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.openapi.utils import get_openapi
from fastapi.responses import HTMLResponse, JSONResponse
from fastapi.staticfiles import StaticFiles
from pydantic import BaseModel
from starlette.middleware.cors import CORSMiddleware
from starlette.responses import Response

from gateway.auth import build_verifier, refuse_bad_token
from gateway.openapi import INTERNAL_PATHS, aggregate
from gateway.proxy import forward
from gateway.settings import GatewaySettings
from gateway.spa import spa_response
from kit.app import operation_id
from kit.logs import configure_logging
from kit.middleware import BodySizeLimitMiddleware, RequestIdMiddleware
from kit.problems import install_problem_handlers, problem_response

DOCS_PATH = "/api/docs"
DOCS_ASSETS = Path(fastapi_offline.__file__).parent / "static"
PROXY_METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]


class Health(BaseModel):
    """The gateway process is up."""

    status: Literal["ok"]


class PlatformHealth(BaseModel):
    """Whether every service behind the gateway answers ready."""

    status: Literal["ok", "degraded"]
    services: dict[str, Literal["ok", "unavailable"]]


class _SpecCache:
    """The aggregated OpenAPI, rebuilt from the services' live contracts at most every N seconds."""

    def __init__(self, ttl: float) -> None:
        self.ttl = ttl
        self.value: dict[str, Any] | None = None
        self.built_at = 0.0
        self.lock = asyncio.Lock()


def create_app(settings: GatewaySettings | None = None) -> FastAPI:
    """Build the gateway; `uvicorn --factory gateway.app:create_app`."""
    settings = settings or GatewaySettings()
    configure_logging("gateway", fmt=settings.log_format, level=settings.log_level)
    spec_cache = _SpecCache(settings.openapi_cache_seconds)

    @contextlib.asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        app.state.client = httpx.AsyncClient(
            timeout=httpx.Timeout(settings.timeout_seconds, connect=settings.connect_timeout_seconds),
            limits=httpx.Limits(
                max_connections=settings.max_connections,
                max_keepalive_connections=settings.max_connections // 2,
                keepalive_expiry=30,
            ),
            follow_redirects=False,
            trust_env=False,
            # One client serves every browser: it must never keep a cookie from an answer, or
            # one person's session would ride along on everybody else's requests.
            cookies=http.cookiejar.CookieJar(policy=http.cookiejar.DefaultCookiePolicy(allowed_domains=[])),
        )
        try:
            yield
        finally:
            await app.state.client.aclose()

    app = FastAPI(
        title="DLA gateway",
        description="The platform's one public entry point.",
        version="0.1.0",
        lifespan=lifespan,
        openapi_url=None,
        docs_url=None,
        redoc_url=None,
        generate_unique_id_function=operation_id,
    )
    install_problem_handlers(app)
    app.state.token_verifier = build_verifier(settings)

    def client(request: Request) -> httpx.AsyncClient:
        return request.app.state.client  # type: ignore[no-any-return]

    @app.get("/health/live", response_model=Health, tags=["health"], summary="The gateway is up")
    async def live() -> Health:
        return Health(status="ok")

    @app.get("/health/ready", response_model=Health, tags=["health"], summary="The gateway can route")
    async def ready() -> Health:
        # Ready does not depend on the services: one service down must not take every gateway out.
        return Health(status="ok")

    @app.get(
        "/api/health",
        response_model=PlatformHealth,
        responses={503: {"model": PlatformHealth, "description": "Some service is not ready"}},
        tags=["health"],
        summary="Readiness of every service behind the gateway",
    )
    async def platform_health(request: Request) -> JSONResponse:
        async def probe(name: str, base: str) -> tuple[str, Literal["ok", "unavailable"]]:
            try:
                answer = await client(request).get(f"{base}/health/ready", timeout=2.0)
            except httpx.HTTPError:
                return name, "unavailable"
            return name, "ok" if answer.status_code == 200 else "unavailable"

        results = dict(await asyncio.gather(*(probe(n, b) for n, b in settings.upstreams.items())))
        healthy = all(state == "ok" for state in results.values())
        body = PlatformHealth(status="ok" if healthy else "degraded", services=results)
        return JSONResponse(body.model_dump(), status_code=200 if healthy else 503)

    async def live_specs(request: Request) -> tuple[dict[str, Any], list[str]]:
        async def fetch(name: str, base: str) -> tuple[str, dict[str, Any] | None]:
            try:
                answer = await client(request).get(f"{base}/openapi.json", timeout=2.0)
                answer.raise_for_status()
                spec: dict[str, Any] = answer.json()
            except (httpx.HTTPError, ValueError):
                return name, None
            return name, spec

        fetched = await asyncio.gather(*(fetch(n, b) for n, b in settings.upstreams.items()))
        return {n: s for n, s in fetched if s is not None}, [n for n, s in fetched if s is None]

    @app.get("/api/openapi.json", include_in_schema=False)
    async def platform_openapi(request: Request) -> JSONResponse:
        async with spec_cache.lock:
            if spec_cache.value is None or time.monotonic() - spec_cache.built_at > spec_cache.ttl:
                specs, missing = await live_specs(request)
                spec_cache.value = aggregate(specs, own=own_openapi(app), unavailable=missing)
                # Retry soon when a service was missing, rather than serving a partial document for long.
                spec_cache.built_at = time.monotonic() - (spec_cache.ttl if missing else 0)
        return JSONResponse(spec_cache.value)

    @app.get(DOCS_PATH, include_in_schema=False)
    async def docs() -> HTMLResponse:
        return get_swagger_ui_html(
            openapi_url="/api/openapi.json",
            title="DLA platform API",
            swagger_js_url=f"{DOCS_PATH}/assets/swagger-ui-bundle.js",
            swagger_css_url=f"{DOCS_PATH}/assets/swagger-ui.css",
            swagger_favicon_url=f"{DOCS_PATH}/assets/favicon.png",
        )

    app.mount(f"{DOCS_PATH}/assets", StaticFiles(directory=DOCS_ASSETS), name="docs-assets")

    @app.api_route("/api/{service}/{path:path}", methods=PROXY_METHODS, include_in_schema=False)
    async def to_service(request: Request, service: str, path: str) -> Response:
        base = settings.upstreams.get(service)
        if base is None or f"/{path}" in INTERNAL_PATHS:
            return problem_response(404, "not-found", "Not found", f"There is no service '{service}'.")
        refused = await refuse_bad_token(request, settings.retry_after_seconds)
        if refused is not None:
            return refused
        return await forward(
            client(request),
            request,
            service,
            f"{base}/{path}",
            settings.retry_after_seconds,
            prefix=f"/api/{service}",
        )

    @app.api_route("/.well-known/{path:path}", methods=PROXY_METHODS, include_in_schema=False)
    @app.api_route("/oauth2/{path:path}", methods=PROXY_METHODS, include_in_schema=False)
    async def to_identity(request: Request, path: str) -> Response:
        base = settings.upstreams["identity"]
        return await forward(
            client(request), request, "identity", f"{base}{request.url.path}", settings.retry_after_seconds
        )

    spa_dir = Path(settings.spa_path)

    @app.api_route("/{path:path}", methods=["GET", "HEAD"], include_in_schema=False)
    async def spa(request: Request, path: str) -> Response:
        return spa_response(spa_dir, request)

    _add_middleware(app, settings)
    return app


def own_openapi(app: FastAPI) -> dict[str, Any]:
    """The gateway's own operations (health), to merge into the platform document."""
    return get_openapi(title=app.title, version=app.version, description=app.description, routes=app.routes)


def _add_middleware(app: FastAPI, settings: GatewaySettings) -> None:
    from gateway.security import SecurityHeadersMiddleware

    app.add_middleware(BodySizeLimitMiddleware, max_bytes=settings.max_body_bytes)
    if settings.cors_origins:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=settings.cors_origins,
            allow_credentials=True,
            allow_methods=PROXY_METHODS,
            allow_headers=["authorization", "content-type", "idempotency-key", "x-request-id"],
            expose_headers=["x-request-id", "retry-after", "location", "etag"],
            max_age=600,
        )
    app.add_middleware(SecurityHeadersMiddleware, docs_path=DOCS_PATH)
    app.add_middleware(RequestIdMiddleware)
