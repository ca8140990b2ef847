"""The pathways service's app factory."""

from __future__ import annotations

from fastapi import FastAPI

from kit.app import create_service_app
from kit.settings import ServiceSettings
from pathways.catalog_items.router import router as catalog_items_router
from pathways.catalog_items.service import HANDLERS as CATALOG_ITEM_HANDLERS
from pathways.database import events
from pathways.role_profiles.router import router as role_profiles_router
from pathways.settings import PathwaysSettings


def create_app(settings: ServiceSettings | None = None) -> FastAPI:
    """Build the pathways app; `uvicorn --factory pathways.app:create_app`."""
    return create_service_app(
        settings or PathwaysSettings(),
        title="DLA pathways",
        description="Role profiles and the catalog items learning pathways are built from.",
        routers=[role_profiles_router, catalog_items_router],
        events=events,
        event_handlers=CATALOG_ITEM_HANDLERS,
    )
