"""The request's transaction commits before the answer is sent."""

from collections.abc import AsyncIterator

import httpx
import pytest
from fastapi import FastAPI
from sqlalchemy import text

from kit.db import DbSession, make_engine, make_sessionmaker
from kit.problems import install_problem_handlers
from kit.testing.plugin import problem, role_url


@pytest.fixture
async def http(dla_admin_url: str, dla_database: str) -> AsyncIterator[httpx.AsyncClient]:
    # Any service role will do: each may create temporary tables, nothing else outside its schema.
    engine = make_engine(role_url(dla_admin_url, dla_database, "catalog"), pool_size=1)
    app = FastAPI()
    install_problem_handlers(app)
    app.state.sessionmaker = make_sessionmaker(engine)

    @app.post("/fails-at-commit")
    async def fails_at_commit(session: DbSession) -> dict[str, bool]:
        # A deferred unique constraint is checked only at COMMIT, after the handler returned.
        await session.execute(
            text("CREATE TEMP TABLE IF NOT EXISTS t (x int UNIQUE DEFERRABLE INITIALLY DEFERRED)")
        )
        await session.execute(text("INSERT INTO t VALUES (1), (1)"))
        return {"saved": True}

    @app.post("/succeeds")
    async def succeeds(session: DbSession) -> dict[str, int]:
        return {"one": int((await session.execute(text("SELECT 1"))).scalar_one())}

    transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
    async with httpx.AsyncClient(transport=transport, base_url="http://t") as client:
        yield client
    await engine.dispose()


async def test_a_commit_that_fails_is_an_error_response_not_a_success(http: httpx.AsyncClient) -> None:
    problem(await http.post("/fails-at-commit"), 409, "conflict")
    assert (await http.post("/succeeds")).json() == {"one": 1}
