"""The assessment service's app factory."""

from __future__ import annotations

from fastapi import FastAPI

from assessment.database import events
from assessment.frameworks.router import router as frameworks_router
from assessment.settings import AssessmentSettings
from kit.app import create_service_app
from kit.settings import ServiceSettings


def create_app(settings: ServiceSettings | None = None) -> FastAPI:
    """Build the assessment app; `uvicorn --factory assessment.app:create_app`."""
    return create_service_app(
        settings or AssessmentSettings(),
        title="DLA assessment",
        description="The DigComp competence framework as versioned data, in every supported language.",
        routers=[frameworks_router],
        events=events,
    )
