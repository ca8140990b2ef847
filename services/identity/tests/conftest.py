from pathlib import Path

import pytest

from identity.app import create_app
from identity.settings import IdentitySettings
from kit.testing.plugin import ServiceSpec


@pytest.fixture(scope="session")
def dla_service() -> ServiceSpec:
    return ServiceSpec("identity", Path(__file__).resolve().parents[1], create_app, IdentitySettings)
