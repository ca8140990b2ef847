from pathlib import Path

import pytest

from catalog.app import create_app
from catalog.settings import CatalogSettings
from kit.testing.plugin import ServiceSpec


@pytest.fixture(scope="session")
def dla_service() -> ServiceSpec:
    return ServiceSpec("catalog", Path(__file__).resolve().parents[1], create_app, CatalogSettings)
