"""The identity service's app factory."""

from __future__ import annotations

from fastapi import FastAPI

from identity.database import events
from identity.organisations.router import router as organisations_router
from identity.organisations.router import webhooks
from identity.settings import IdentitySettings
from kit.app import create_service_app
from kit.settings import ServiceSettings


def create_app(settings: ServiceSettings | None = None) -> FastAPI:
    """Build the identity app; `uvicorn --factory identity.app:create_app`."""
    return create_service_app(
        settings or IdentitySettings(),
        title="DLA identity",
        description="Organisations as a tree (country, ministry, department, unit) and their e-mail domains.",
        routers=[organisations_router],
        events=events,
        webhooks=webhooks,
    )
