"""The assessment service's app factory."""

from __future__ import annotations

from fastapi import FastAPI

from assessment.calibration.router import router as calibration_router
from assessment.database import events
from assessment.directory.service import HANDLERS as DIRECTORY_HANDLERS
from assessment.frameworks.router import router as frameworks_router
from assessment.items.router import router as items_router
from assessment.results.events import webhooks as results_webhooks
from assessment.results.router import router as results_router
from assessment.sessions.exceptions import install_session_problems
from assessment.sessions.router import router as sessions_router
from assessment.settings import AssessmentSettings
from kit.app import create_service_app
from kit.settings import ServiceSettings


def create_app(settings: ServiceSettings | None = None) -> FastAPI:
    """Build the assessment app; `uvicorn --factory assessment.app:create_app`."""
    app = create_service_app(
        settings or AssessmentSettings(),
        title="DLA assessment",
        description=(
            "The DigComp competence framework as versioned data, the item bank and its authoring"
            " workflow, the adaptive diagnostic test, results and item calibration."
        ),
        routers=[frameworks_router, items_router, sessions_router, results_router, calibration_router],
        events=events,
        event_handlers=DIRECTORY_HANDLERS,
        webhooks=results_webhooks,
    )
    install_session_problems(app)
    return app
