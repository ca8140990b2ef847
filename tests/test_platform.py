"""The running platform through its one public door."""

from __future__ import annotations

import json
import os
import signal
import time

import httpx
import pytest

from tests.conftest import Platform
from tests.support.auth import bearer
from tests.support.processes import listener_pid, wait_for

SERVICES = ("identity", "assessment", "pathways", "catalog")
PROBLEM = "application/problem+json"


@pytest.mark.parametrize("service", SERVICES)
def test_every_service_is_ready_through_the_gateway(platform: Platform, service: str) -> None:
    response = httpx.get(f"{platform.url}/api/{service}/health/ready")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert response.headers["x-request-id"]


def test_request_id_travels_to_the_service_and_back(platform: Platform) -> None:
    response = httpx.get(f"{platform.url}/api/catalog/items", headers={"X-Request-ID": "trace-me-42"})
    assert response.status_code == 200
    assert response.headers["x-request-id"] == "trace-me-42"


def test_platform_documentation_lists_every_service(platform: Platform) -> None:
    spec = httpx.get(f"{platform.url}/api/openapi.json").json()
    prefixes = {path.split("/")[2] for path in spec["paths"]}
    assert set(SERVICES) <= prefixes
    docs = httpx.get(f"{platform.url}/api/docs")
    assert docs.status_code == 200
    assert "text/html" in docs.headers["content-type"]


CONTENT_EDITOR = "tomas.vaitkus@demo.dla.lt"


def test_bad_input_through_the_gateway_is_a_problem_and_writes_nothing(platform: Platform) -> None:
    items = f"{platform.url}/api/catalog/items"
    before = httpx.get(items, params={"status": "published"}).json()["total"]
    editor = bearer(platform.url, CONTENT_EDITOR)
    as_json = {"content-type": "application/json", **editor}
    attempts = [
        httpx.post(items, content=b'{"slug":', headers=as_json),
        httpx.post(items, json={"slug": "x-y-z", "kind": 5}, headers=editor),
        httpx.post(items, json={"slug": "ok-slug", "unknown": True}, headers=editor),
        httpx.post(items, content=json.dumps({"slug": "a" * (1024 * 1024 + 10)}), headers=as_json),
        httpx.post(items, json={"slug": "no-token"}),
        httpx.post(f"{platform.url}/api/identity/organisations", json=[1, 2, 3]),
        httpx.get(f"{platform.url}/api/assessment/frameworks/%00bad"),
    ]
    for response in attempts:
        assert 400 <= response.status_code < 500, response.text
        assert response.headers["content-type"].startswith(PROBLEM), response.headers
        assert response.json()["status"] == response.status_code
    assert [r.status_code for r in attempts[:5]] == [400, 422, 422, 413, 401]
    assert httpx.get(items, params={"status": "published"}).json()["total"] == before


def test_a_dead_service_gives_503_with_retry_after_while_the_others_answer(platform: Platform) -> None:
    pid = listener_pid(platform.service_ports["catalog"])
    os.kill(pid, signal.SIGKILL)
    started = time.monotonic()
    dead = httpx.get(f"{platform.url}/api/catalog/items", timeout=15)
    elapsed = time.monotonic() - started
    assert dead.status_code == 503, dead.text
    assert dead.headers["content-type"].startswith(PROBLEM)
    assert int(dead.headers["retry-after"]) > 0
    assert elapsed < 5
    alive = httpx.get(f"{platform.url}/api/assessment/frameworks")
    assert alive.status_code == 200
    # The launcher's supervisor brings the service back by itself.
    wait_for(f"{platform.url}/api/catalog/health/ready", timeout=30)


def test_the_spa_is_served_with_history_fallback(platform: Platform) -> None:
    home = httpx.get(f"{platform.url}/")
    deep = httpx.get(f"{platform.url}/catalog?page=2")
    for response in (home, deep):
        assert response.status_code == 200
        assert '<div id="root">' in response.text
    assert httpx.get(f"{platform.url}/api/nowhere/at-all").status_code == 404
