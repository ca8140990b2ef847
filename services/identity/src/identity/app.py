"""The identity service's app factory."""

from __future__ import annotations

import contextlib
import os
from collections.abc import AsyncIterator

from fastapi import FastAPI

from identity.accounts.router import router as accounts_router
from identity.database import events
from identity.oauth.clients import ensure_spa_client
from identity.oauth.keys import LocalKeySource, ensure_keys
from identity.oauth.router import router as oidc_router
from identity.organisations.router import router as organisations_router
from identity.organisations.router import webhooks
from identity.people.router import router as people_router
from identity.settings import IdentitySettings
from kit.app import create_service_app
from kit.settings import ServiceSettings


@contextlib.asynccontextmanager
async def provider_ready(app: FastAPI) -> AsyncIterator[None]:
    """Signing keys (active and next) and the SPA's client exist before the first request."""
    async with app.state.sessionmaker() as db, db.begin():
        await ensure_keys(db)
        await ensure_spa_client(db, app.state.settings)
    yield


def create_app(settings: ServiceSettings | None = None) -> FastAPI:
    """Build the identity app; `uvicorn --factory identity.app:create_app`."""
    settings = settings or IdentitySettings()
    if not isinstance(settings, IdentitySettings):
        raise TypeError("the identity app needs IdentitySettings")
    if settings.environment != "production":
        # authlib refuses plain-HTTP URLs unless told otherwise; production runs behind TLS.
        os.environ.setdefault("AUTHLIB_INSECURE_TRANSPORT", "1")
    key_source = LocalKeySource()
    app = create_service_app(
        settings,
        title="DLA identity",
        description=(
            "Organisations, people and their digital profiles; the OAuth 2.0 / OpenID Connect provider "
            "and password sign-in."
        ),
        routers=[organisations_router, people_router, accounts_router, oidc_router],
        events=events,
        webhooks=webhooks,
        key_source=key_source,
        lifespan_hooks=[provider_ready],
    )
    key_source.app = app
    return app
