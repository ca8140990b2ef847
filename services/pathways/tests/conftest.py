from pathlib import Path

import pytest

from kit.testing.plugin import ServiceSpec
from pathways.app import create_app
from pathways.settings import PathwaysSettings


@pytest.fixture(scope="session")
def dla_service() -> ServiceSpec:
    return ServiceSpec("pathways", Path(__file__).resolve().parents[1], create_app, PathwaysSettings)
