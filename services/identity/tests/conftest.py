import os
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import httpx
import pytest
import pytest_asyncio
from fastapi import FastAPI
from sqlalchemy.ext.asyncio import AsyncSession

from identity.app import create_app
from identity.settings import IdentitySettings
from kit.settings import ServiceSettings
from kit.testing.plugin import ServiceSpec
from kit.testing.tokens import TokenMint

from .factories.oauth import Provider, serve_provider
from .factories.organisations import platform_admin_headers
from .factories.people import World, build_world
from .factories.scim import Clients, scim_headers


@pytest.fixture(scope="session")
def dla_service() -> ServiceSpec:
    return ServiceSpec("identity", Path(__file__).resolve().parents[1], create_app, IdentitySettings)


@pytest.fixture(scope="session")
def oidc_provider(
    dla_service: ServiceSpec, dla_settings: ServiceSettings, dla_admin_url: str
) -> Iterator[Provider]:
    """Identity served by uvicorn on its own committed database (shared by the OAuth tests)."""
    yield from serve_provider(
        dla_settings, dla_admin_url, f"dla_test_{os.getpid()}_oidc", dla_service.directory
    )


@pytest_asyncio.fixture
async def browser(oidc_provider: Provider) -> AsyncIterator[httpx.AsyncClient]:
    """A browser-like HTTP client of the provider (its own cookie jar)."""
    async with httpx.AsyncClient(base_url=oidc_provider.url) as http:
        yield http


@pytest_asyncio.fixture
async def world(db_session: AsyncSession, dla_token_mint: TokenMint) -> World:
    """Ministries A and B with people in every relation to each other (tests/factories/people.py)."""
    built = await build_world(db_session, dla_token_mint)
    await db_session.commit()  # a savepoint: later rollbacks in the test keep the world
    return built


@pytest_asyncio.fixture
async def admin_client(
    app: FastAPI, db_session: AsyncSession, dla_token_mint: TokenMint
) -> AsyncIterator[httpx.AsyncClient]:
    """An HTTP client of the in-process app, signed in as a platform admin (factories/organisations.py)."""
    headers = await platform_admin_headers(db_session, dla_token_mint)
    await db_session.commit()  # a savepoint: later rollbacks in the test keep the admin
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver", headers=headers) as http:
        yield http


@pytest_asyncio.fixture
async def scim(world: World, db_session: AsyncSession) -> Clients:
    """Headers of the SCIM clients of ministry A, B and A's department (factories/scim.py)."""
    return await scim_headers(db_session, world)
