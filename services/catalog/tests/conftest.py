import uuid
from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest
import pytest_asyncio
from fastapi import FastAPI

from catalog.app import create_app
from catalog.settings import CatalogSettings
from kit.testing.plugin import ServiceSpec
from kit.testing.tokens import TokenMint

ORG_PATH = (uuid.uuid4(), uuid.uuid4(), uuid.uuid4())


@pytest.fixture(scope="session")
def dla_service() -> ServiceSpec:
    return ServiceSpec("catalog", Path(__file__).resolve().parents[1], create_app, CatalogSettings)


@pytest.fixture(scope="session")
def editor_headers(dla_token_mint: TokenMint) -> dict[str, str]:
    """A content editor's bearer token (writes to the catalog need one)."""
    token = dla_token_mint.person(uuid.uuid4(), ORG_PATH, roles=["learner", "content_editor"])
    return {"Authorization": f"Bearer {token}"}


@pytest_asyncio.fixture
async def client(app: FastAPI, editor_headers: dict[str, str]) -> AsyncIterator[httpx.AsyncClient]:
    """The app in process, called by a content editor."""
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(
        transport=transport, base_url="http://testserver", headers=editor_headers
    ) as http:
        yield http
