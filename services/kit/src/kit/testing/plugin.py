"""Pytest plugin (auto-loaded from dla-kit): database fixtures for every service's tests.

A service's conftest defines one fixture, `dla_service`, returning a `ServiceSpec`; the
fixtures here then give it a migrated schema, an isolated session per test and an HTTP client.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import AsyncIterator, Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import psycopg
import pytest
import pytest_asyncio
from fastapi import FastAPI
from psycopg import sql
from psycopg.conninfo import make_conninfo
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine, AsyncSession, async_sessionmaker

from kit import embedded
from kit.auth import TokenVerifier
from kit.db import make_engine
from kit.migrations import upgrade
from kit.provision import admin_params, provision, service_url
from kit.settings import ServiceSettings
from kit.testing.tokens import TokenMint

TEST_ROLE_PASSWORD = os.environ.get("DLA_TEST_ROLE_PASSWORD", "dla-test-only")


@dataclass(frozen=True)
class ServiceSpec:
    """What the fixtures need to know about the service under test."""

    name: str
    directory: Path
    create_app: Callable[[ServiceSettings], FastAPI]
    settings: Callable[..., ServiceSettings]


@pytest.fixture(scope="session")
def dla_admin_url() -> Iterator[str]:
    """A superuser URL: `DLA_TEST_DATABASE_URL`, or an embedded server under `.dla/`."""
    with embedded.superuser_url("DLA_TEST_DATABASE_URL", "test-pgdata") as url:
        yield url


@contextlib.contextmanager
def scratch_database(admin_url: str, name: str) -> Iterator[str]:
    """A database with every service's role and schema, dropped afterwards. Tests whose data
    must be committed (real servers, real lifespans) use one of their own, so they never leave
    rows behind for tests that count them."""
    passwords = dict.fromkeys(("identity", "assessment", "pathways", "catalog"), TEST_ROLE_PASSWORD)
    provision(admin_url, name, passwords)
    try:
        yield name
    finally:
        admin = admin_params(admin_url)
        with psycopg.connect(
            make_conninfo("", **{**admin, "dbname": admin.get("dbname") or "postgres"}), autocommit=True
        ) as conn:
            conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))


@pytest.fixture(scope="session")
def dla_database(dla_admin_url: str) -> Iterator[str]:
    """A fresh database for this test run with every service's role and schema."""
    with scratch_database(dla_admin_url, f"dla_test_{os.getpid()}") as name:
        yield name


def role_url(admin_url: str, database: str, service: str) -> str:
    """The URL a service's role uses in the test database."""
    return service_url(admin_url, service, TEST_ROLE_PASSWORD, database=database)


@contextlib.contextmanager
def migrated_database(admin_url: str, name: str, service: str, directory: Path) -> Iterator[str]:
    """A scratch database (see `scratch_database`) with the service's migrations run as its role;
    yields that role's URL."""
    with scratch_database(admin_url, name) as database:
        url = role_url(admin_url, database, service)
        upgrade(directory, url)
        yield url


@pytest.fixture(scope="session")
def dla_service_url(dla_service: ServiceSpec, dla_admin_url: str, dla_database: str) -> str:
    """The service's own role URL, after its migrations ran as that role."""
    url = role_url(dla_admin_url, dla_database, dla_service.name)
    upgrade(dla_service.directory, url)
    return url


@pytest.fixture(scope="session")
def dla_settings(dla_service: ServiceSpec, dla_service_url: str) -> ServiceSettings:
    """Settings for the service under test, pointing at the test database."""
    return dla_service.settings(
        database_url=dla_service_url, log_format="text", dispatch_interval_seconds=0.05
    )


@pytest_asyncio.fixture(scope="session")
async def dla_engine(dla_service_url: str) -> AsyncIterator[AsyncEngine]:
    """One engine for the whole run."""
    engine = make_engine(dla_service_url, pool_size=2)
    yield engine
    await engine.dispose()


@pytest_asyncio.fixture
async def db_connection(dla_engine: AsyncEngine) -> AsyncIterator[AsyncConnection]:
    """A connection inside a transaction that is rolled back after the test."""
    async with dla_engine.connect() as connection:
        transaction = await connection.begin()
        yield connection
        await transaction.rollback()


@pytest.fixture
def db_sessionmaker(db_connection: AsyncConnection) -> async_sessionmaker[AsyncSession]:
    """Sessions whose commits become savepoints of the test's transaction."""
    return async_sessionmaker(
        bind=db_connection, expire_on_commit=False, join_transaction_mode="create_savepoint"
    )


@pytest_asyncio.fixture
async def db_session(db_sessionmaker: async_sessionmaker[AsyncSession]) -> AsyncIterator[AsyncSession]:
    """A session for arranging and checking data directly."""
    async with db_sessionmaker() as session:
        yield session


@pytest.fixture(scope="session")
def dla_token_mint() -> TokenMint:
    """Signs access tokens the in-process `app` accepts (real RS256 keys, real verification)."""
    return TokenMint()


def service_app(
    spec: ServiceSpec,
    settings: ServiceSettings,
    sessionmaker: async_sessionmaker[AsyncSession],
    mint: TokenMint,
) -> FastAPI:
    """The service's app on these sessions, its tokens verified against the mint's keys instead of
    identity's JWKS."""
    application = spec.create_app(settings)
    application.state.sessionmaker = sessionmaker
    application.state.token_verifier = TokenVerifier(
        mint.key_source, issuer=mint.issuer, audience=mint.audience
    )
    return application


@pytest.fixture
def app(
    dla_service: ServiceSpec,
    dla_settings: ServiceSettings,
    db_sessionmaker: async_sessionmaker[AsyncSession],
    dla_token_mint: TokenMint,
) -> FastAPI:
    """The service's app, its requests running in the test's transaction and its tokens
    verified against the test mint's keys instead of identity's JWKS."""
    return service_app(dla_service, dla_settings, db_sessionmaker, dla_token_mint)


@pytest_asyncio.fixture
async def client(app: FastAPI) -> AsyncIterator[httpx.AsyncClient]:
    """An HTTP client talking to the app in process."""
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as http:
        yield http


def problem(response: httpx.Response, status: int, slug: str) -> dict[str, Any]:
    """Assert that a response is a problem document of that status and type; return its body."""
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/problem+json"), response.headers
    body: dict[str, Any] = response.json()
    assert body["type"] == f"urn:dla:problem:{slug}", body
    assert body["status"] == status
    return body
