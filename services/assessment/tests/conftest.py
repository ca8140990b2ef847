from pathlib import Path

import pytest

from assessment.app import create_app
from assessment.settings import AssessmentSettings
from kit.testing.plugin import ServiceSpec


@pytest.fixture(scope="session")
def dla_service() -> ServiceSpec:
    return ServiceSpec("assessment", Path(__file__).resolve().parents[1], create_app, AssessmentSettings)
