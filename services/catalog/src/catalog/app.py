"""The catalog service's app factory."""

from __future__ import annotations

from fastapi import APIRouter, FastAPI

from catalog.database import events
from catalog.imports.router import router as imports_router
from catalog.items.router import router as items_router
from catalog.items.router import webhooks
from catalog.people.service import HANDLERS as PEOPLE_HANDLERS
from catalog.search.router import router as search_router
from catalog.settings import CatalogSettings
from catalog.workshops.events import webhooks as workshop_webhooks
from catalog.workshops.me_router import router as workshops_me_router
from catalog.workshops.mentors_router import router as mentors_router
from catalog.workshops.reminders import workshop_reminders
from catalog.workshops.router import router as workshops_router
from kit.app import create_service_app
from kit.settings import ServiceSettings


def all_webhooks() -> APIRouter:
    """Every event the catalog publishes, for the OpenAPI `webhooks`."""
    declared = APIRouter()
    declared.include_router(webhooks)
    declared.include_router(workshop_webhooks)
    return declared


def create_app(settings: ServiceSettings | None = None) -> FastAPI:
    """Build the catalog app; `uvicorn --factory catalog.app:create_app`."""
    return create_service_app(
        settings or CatalogSettings(),
        title="DLA catalog",
        description="Learning items and workshops, multilingual and tagged with DigComp competences.",
        routers=[
            items_router,
            search_router,
            imports_router,
            workshops_router,
            workshops_me_router,
            mentors_router,
        ],
        events=events,
        event_handlers=PEOPLE_HANDLERS,
        webhooks=all_webhooks(),
        lifespan_hooks=[workshop_reminders],
    )
