"""The gateway in front of real upstreams."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator

import httpx

from kit.testing.servers import Served

ITEM = {
    "slug": "gateway-item",
    "kind": "video",
    "title": {"en": "Passwords", "lt": "Slaptažodžiai"},
    "summary": {"en": "Make good ones.", "lt": "Kurkite gerus."},
    "duration_minutes": 5,
    "languages": ["en"],
}


def test_requests_are_proxied_with_body_query_and_request_id(
    gateway: Served, editor_headers: dict[str, str]
) -> None:
    created = httpx.post(
        f"{gateway.url}/api/catalog/items", json=ITEM, headers={"X-Request-ID": "req-1", **editor_headers}
    )
    assert created.status_code in (200, 201), created.text
    assert created.headers["x-request-id"] == "req-1"
    # A new item is a draft, which only editors list.
    listed = httpx.get(
        f"{gateway.url}/api/catalog/items",
        params={"kind": "video", "limit": 5, "status": "draft"},
        headers=editor_headers,
    )
    assert listed.status_code == 200
    assert "gateway-item" in [item["slug"] for item in listed.json()["items"]]
    assert listed.json()["limit"] == 5


def test_upstream_problems_pass_through_unchanged(gateway: Served) -> None:
    missing = httpx.get(f"{gateway.url}/api/catalog/items/00000000-0000-0000-0000-000000000000")
    assert missing.status_code == 404
    assert missing.headers["content-type"].startswith("application/problem+json")
    assert missing.json()["type"] == "urn:dla:problem:not-found"


def test_unreachable_service_is_503_with_retry_after_and_others_still_answer(gateway: Served) -> None:
    started = time.monotonic()
    down = httpx.get(f"{gateway.url}/api/pathways/role-profiles", timeout=10)
    assert time.monotonic() - started < 3
    assert down.status_code == 503
    assert down.headers["content-type"].startswith("application/problem+json")
    assert down.headers["retry-after"] == "5"
    assert down.json()["type"] == "urn:dla:problem:unavailable"
    assert httpx.get(f"{gateway.url}/api/catalog/items").status_code == 200


def test_slow_service_is_504_after_the_timeout(gateway: Served) -> None:
    started = time.monotonic()
    slow = httpx.get(f"{gateway.url}/api/assessment/frameworks", timeout=10)
    elapsed = time.monotonic() - started
    assert slow.status_code == 504
    assert slow.json()["type"] == "urn:dla:problem:upstream-timeout"
    assert "retry-after" in slow.headers
    assert 0.9 < elapsed < 2.5


def test_unknown_service_and_internal_endpoints_are_not_found(gateway: Served) -> None:
    for path in ("/api/nothing/here", "/api/catalog/events"):
        response = httpx.post(f"{gateway.url}{path}", json={})
        assert response.status_code == 404, path
        assert response.json()["type"] == "urn:dla:problem:not-found"


def test_unusable_addresses_are_bad_requests(gateway: Served) -> None:
    for path in ("/api/catalog/items/%00bad", "/api/catalog/items?kind=%00"):
        response = httpx.get(f"{gateway.url}{path}")
        assert 400 <= response.status_code < 500, (path, response.text)
        assert response.headers["content-type"].startswith("application/problem+json")


def test_oversized_body_is_refused_before_reaching_the_service(gateway: Served) -> None:
    big = httpx.post(
        f"{gateway.url}/api/catalog/items",
        content=b"x" * (1024 * 1024 + 1),
        headers={"content-type": "application/json"},
    )
    assert big.status_code == 413
    assert big.json()["type"] == "urn:dla:problem:payload-too-large"


def test_platform_health_reports_each_service(gateway: Served) -> None:
    health = httpx.get(f"{gateway.url}/api/health", timeout=10)
    assert health.status_code == 503
    assert health.json() == {
        "status": "degraded",
        "services": {
            "catalog": "ok",
            "identity": "ok",
            "assessment": "unavailable",
            "pathways": "unavailable",
        },
    }
    assert httpx.get(f"{gateway.url}/health/ready").json() == {"status": "ok"}


def test_a_body_at_the_limit_and_a_chunked_body_reach_the_service(
    gateway: Served, editor_headers: dict[str, str]
) -> None:
    at_limit = httpx.post(
        f"{gateway.url}/api/identity/anything",
        content=b"x" * (1024 * 1024),
        headers={"content-type": "application/octet-stream"},
    )
    assert at_limit.json()["body_bytes"] == 1024 * 1024

    def chunks() -> Iterator[bytes]:
        yield json.dumps({**ITEM, "slug": "chunked-item"}).encode()

    created = httpx.post(
        f"{gateway.url}/api/catalog/items",
        content=chunks(),
        headers={"content-type": "application/json", **editor_headers},
    )
    assert created.status_code == 201, created.text
    read = httpx.get(f"{gateway.url}/api/catalog/items/{created.json()['id']}", headers=editor_headers)
    assert read.status_code == 200


def test_identity_routes_keep_their_path_and_get_forwarding_headers(gateway: Served) -> None:
    for path in ("/.well-known/openid-configuration", "/oauth2/token"):
        seen = httpx.get(
            f"{gateway.url}{path}?a=1&b=two",
            headers={"X-Request-ID": "trace-7", "Connection": "keep-alive, x-hop", "X-Hop": "drop me"},
        )
        assert seen.status_code == 200
        assert seen.headers["x-request-id"] == "trace-7"
        echoed = seen.json()
        assert (echoed["path"], echoed["query"]) == (path, "a=1&b=two")
        sent = echoed["headers"]
        assert sent["x-request-id"] == "trace-7"
        assert sent["x-forwarded-for"] == "127.0.0.1"
        assert sent["x-forwarded-proto"] == "http"
        assert sent["x-forwarded-host"] == f"127.0.0.1:{gateway.port}"
        assert "x-hop" not in sent
        assert "x-secret" not in seen.headers  # named in the service's Connection header: hop-by-hop
    stripped = httpx.delete(f"{gateway.url}/api/identity/people/7?x=1").json()
    assert (stripped["method"], stripped["path"], stripped["query"]) == ("DELETE", "/people/7", "x=1")


def test_a_request_id_is_made_when_the_caller_sends_none(gateway: Served) -> None:
    seen = httpx.get(f"{gateway.url}/api/identity/whoami")
    made = seen.headers["x-request-id"]
    assert len(made) >= 16
    assert seen.json()["headers"]["x-request-id"] == made
