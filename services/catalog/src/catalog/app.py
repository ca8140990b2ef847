"""The catalog service's app factory."""

from __future__ import annotations

from fastapi import FastAPI

from catalog.database import events
from catalog.items.router import router as items_router
from catalog.items.router import webhooks
from catalog.settings import CatalogSettings
from kit.app import create_service_app
from kit.settings import ServiceSettings


def create_app(settings: ServiceSettings | None = None) -> FastAPI:
    """Build the catalog app; `uvicorn --factory catalog.app:create_app`."""
    return create_service_app(
        settings or CatalogSettings(),
        title="DLA catalog",
        description="Learning items and workshops, multilingual and tagged with DigComp competences.",
        routers=[items_router],
        events=events,
        webhooks=webhooks,
    )
