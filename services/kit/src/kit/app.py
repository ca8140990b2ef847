"""The app factory every service uses: middleware, problems, health, events, lifespan."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator, Callable, Mapping, Sequence
from typing import Any

from fastapi import APIRouter, FastAPI
from fastapi.routing import APIRoute

from kit import health
from kit.auth import KeySource, verifier_from_settings
from kit.auth.dependencies import OPTIONAL_SCHEME
from kit.db import make_engine, make_sessionmaker
from kit.events.dispatcher import Dispatcher
from kit.events.inbox import Handler, event_router
from kit.events.outbox import register_subscribers
from kit.events.tables import EventTables
from kit.logs import configure_logging
from kit.middleware import BodySizeLimitMiddleware, RequestIdMiddleware
from kit.problems import install_problem_handlers, problem_responses
from kit.settings import ServiceSettings

# A service's own start/stop work, run inside the shared lifespan with the app at hand.
LifespanHook = Callable[[FastAPI], contextlib.AbstractAsyncContextManager[None]]


def operation_id(route: APIRoute) -> str:
    """Stable operation ids (`tag-function`), so generated clients keep their names."""
    tag = str(route.tags[0]) if route.tags else "default"
    return f"{tag}-{route.name}"


def create_service_app(
    settings: ServiceSettings,
    *,
    title: str,
    description: str,
    routers: Sequence[APIRouter],
    events: EventTables,
    event_handlers: Mapping[str, Handler] | None = None,
    webhooks: APIRouter | None = None,
    key_source: KeySource | None = None,
    lifespan_hooks: Sequence[LifespanHook] = (),
) -> FastAPI:
    """A DLA service: its routers plus everything every service shares."""
    configure_logging(settings.service, fmt=settings.log_format, level=settings.log_level)

    @contextlib.asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        engine = make_engine(settings.database_url, pool_size=settings.db_pool_size)
        app.state.sessionmaker = sessionmaker = make_sessionmaker(engine)
        if settings.event_subscribers:
            async with sessionmaker() as session, session.begin():
                await register_subscribers(
                    session, events, settings.event_subscribers, settings.webhook_secret
                )
        task = None
        dispatcher = None
        if settings.dispatch_enabled:
            dispatcher = Dispatcher(
                sessionmaker,
                events,
                interval=settings.dispatch_interval_seconds,
                timeout=settings.delivery_timeout_seconds,
                max_attempts=settings.delivery_max_attempts,
            )
            task = asyncio.create_task(dispatcher.run_forever(), name="event-dispatcher")
        app.state.dispatcher = dispatcher
        try:
            # Service hooks (e.g. identity's mail sender) start after the database is ready
            # and stop before it goes away.
            async with contextlib.AsyncExitStack() as hooks:
                for hook in lifespan_hooks:
                    await hooks.enter_async_context(hook(app))
                yield
        finally:
            if task is not None:
                task.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await task
            if dispatcher is not None:
                await dispatcher.aclose()
            await engine.dispose()

    app = FastAPI(
        title=title,
        description=description,
        version="0.1.0",
        lifespan=lifespan,
        generate_unique_id_function=operation_id,
        docs_url=None,
        redoc_url=None,
    )
    app.state.settings = settings
    # Identity passes its own key table; every other service reads identity's JWKS.
    app.state.token_verifier = verifier_from_settings(
        settings, jwks_url=settings.auth_jwks_url, source=key_source
    )
    install_problem_handlers(app)
    app.include_router(health.router)
    for router in routers:
        app.include_router(router)
    app.include_router(event_router(events, event_handlers or {}, lambda: settings.webhook_secret))
    if webhooks is not None:
        app.webhooks.include_router(webhooks)
    # Outermost first: the request id must exist before a body is refused.
    app.add_middleware(BodySizeLimitMiddleware, max_bytes=settings.max_body_bytes)
    app.add_middleware(RequestIdMiddleware)
    _document_malformed_bodies(app)
    return app


def _document_optional_sign_in(operation: dict[str, Any]) -> None:
    """An operation open to anonymous callers that reads a token when one is sent: its security
    is "nothing, or a bearer token", and a bad token is a 401 problem."""
    security = operation.get("security", [])
    if not any(OPTIONAL_SCHEME in requirement for requirement in security):
        return
    rest = [r for r in security if OPTIONAL_SCHEME not in r]
    operation["security"] = rest or [{}, {"HTTPBearer": []}]
    if not rest:
        documented = {k: v for k, v in problem_responses(401)[401].items() if k != "model"}
        operation.setdefault("responses", {}).setdefault("401", documented)


def _document_malformed_bodies(app: FastAPI) -> None:
    """Every operation that takes a body can get a body that is not JSON at all: a 400 problem.
    Say so in the contract once here rather than on each route."""
    build = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema:
            return app.openapi_schema
        schema = build()
        for operations in schema.get("paths", {}).values():
            for operation in operations.values():
                if isinstance(operation, dict) and "requestBody" in operation:
                    documented = {k: v for k, v in problem_responses(400)[400].items() if k != "model"}
                    operation.setdefault("responses", {}).setdefault("400", documented)
                if isinstance(operation, dict):
                    _document_optional_sign_in(operation)
        schemes = schema.get("components", {}).get("securitySchemes", {})
        schemes.pop(OPTIONAL_SCHEME, None)
        app.openapi_schema = schema
        return schema

    app.openapi = openapi  # type: ignore[method-assign]
