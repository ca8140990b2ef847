"""Middleware and problem handlers on a small app built with the kit's factory parts."""

from collections.abc import AsyncIterator

import httpx
import pytest
from fastapi import FastAPI
from pydantic import BaseModel, ConfigDict

from kit.middleware import BodySizeLimitMiddleware, RequestIdMiddleware
from kit.problems import NotFound, install_problem_handlers
from kit.testing.plugin import problem


class Echo(BaseModel):
    model_config = ConfigDict(extra="forbid")
    text: str


def build() -> FastAPI:
    app = FastAPI()
    install_problem_handlers(app)

    @app.post("/echo")
    async def echo(body: Echo) -> Echo:
        return body

    @app.get("/missing")
    async def missing() -> None:
        raise NotFound("There is nothing here.")

    @app.get("/boom")
    async def boom() -> None:
        raise RuntimeError("a bug")

    app.add_middleware(BodySizeLimitMiddleware, max_bytes=1024)
    app.add_middleware(RequestIdMiddleware)
    return app


@pytest.fixture
async def http() -> AsyncIterator[httpx.AsyncClient]:
    transport = httpx.ASGITransport(app=build(), raise_app_exceptions=False)
    async with httpx.AsyncClient(transport=transport, base_url="http://t") as client:
        yield client


async def test_request_id_is_kept_when_well_formed_and_replaced_when_not(http: httpx.AsyncClient) -> None:
    kept = await http.post("/echo", json={"text": "hi"}, headers={"X-Request-ID": "abc-123"})
    assert kept.headers["x-request-id"] == "abc-123"
    replaced = await http.post("/echo", json={"text": "hi"}, headers={"X-Request-ID": "bad id\n"})
    assert replaced.headers["x-request-id"] != "bad id\n"
    assert len(replaced.headers["x-request-id"]) == 32


async def test_oversized_bodies_are_refused_by_declared_and_by_actual_size(http: httpx.AsyncClient) -> None:
    declared = await http.post("/echo", json={"text": "x" * 2000})
    body = problem(declared, 413, "payload-too-large")
    assert body["request_id"] == declared.headers["x-request-id"]

    async def chunks() -> AsyncIterator[bytes]:
        for _ in range(3):
            yield b"x" * 600

    streamed = await http.post("/echo", content=chunks(), headers={"content-type": "application/json"})
    problem(streamed, 413, "payload-too-large")


async def test_errors_are_problem_documents(http: httpx.AsyncClient) -> None:
    assert problem(await http.get("/missing"), 404, "not-found")["detail"] == "There is nothing here."
    problem(await http.get("/nowhere"), 404, "not-found")
    problem(await http.delete("/echo"), 405, "method-not-allowed")
    problem(
        await http.post("/echo", content=b"{", headers={"content-type": "application/json"}),
        400,
        "malformed-json",
    )
    invalid = problem(await http.post("/echo", json={"text": "a", "extra": 1}), 422, "validation")
    assert invalid["errors"][0]["loc"] == ["body", "extra"]
    crash = problem(await http.get("/boom"), 500, "internal")
    assert "a bug" not in str(crash)
