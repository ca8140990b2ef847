"""Security headers, CORS, the SPA and the documentation."""

from __future__ import annotations

import httpx

from kit.testing.servers import Served


def test_security_headers_on_api_spa_and_problem_responses(gateway: Served) -> None:
    for path in ("/api/catalog/items", "/", "/api/nothing/here"):
        response = httpx.get(f"{gateway.url}{path}")
        assert "default-src 'self'" in response.headers["content-security-policy"]
        assert "frame-ancestors 'none'" in response.headers["content-security-policy"]
        assert response.headers["x-content-type-options"] == "nosniff"
        assert response.headers["referrer-policy"] == "strict-origin-when-cross-origin"
        assert "strict-transport-security" not in response.headers
    https = httpx.get(f"{gateway.url}/", headers={"X-Forwarded-Proto": "https"})
    assert https.headers["strict-transport-security"].startswith("max-age=")


def test_cors_allows_configured_origins_only(gateway: Served) -> None:
    preflight = {"Access-Control-Request-Method": "POST", "Access-Control-Request-Headers": "content-type"}
    allowed = httpx.options(
        f"{gateway.url}/api/catalog/items", headers={"Origin": "https://hr.example.gov", **preflight}
    )
    assert allowed.status_code == 200
    assert allowed.headers["access-control-allow-origin"] == "https://hr.example.gov"
    denied = httpx.options(
        f"{gateway.url}/api/catalog/items", headers={"Origin": "https://evil.example", **preflight}
    )
    assert "access-control-allow-origin" not in denied.headers
    simple = httpx.get(f"{gateway.url}/api/catalog/items", headers={"Origin": "https://evil.example"})
    assert "access-control-allow-origin" not in simple.headers


def test_spa_files_and_history_fallback(gateway: Served) -> None:
    asset = httpx.get(f"{gateway.url}/assets/app-1234.js")
    assert asset.text == "console.log('dla')"
    assert "immutable" in asset.headers["cache-control"]
    for path in ("/", "/catalog", "/catalog/some/deep/page?x=1"):
        page = httpx.get(f"{gateway.url}{path}")
        assert page.status_code == 200
        assert '<div id="root">' in page.text
        assert page.headers["cache-control"] == "no-cache"
    assert httpx.get(f"{gateway.url}/robots.txt").text == "User-agent: *"
    head = httpx.head(f"{gateway.url}/catalog")
    assert (head.status_code, head.content) == (200, b"")
    assert httpx.get(f"{gateway.url}/assets/missing.js").status_code == 404
    assert "root:" not in httpx.get(f"{gateway.url}/..%2F..%2Fetc%2Fpasswd").text


def test_documentation_is_served_without_any_cdn(gateway: Served) -> None:
    page = httpx.get(f"{gateway.url}/api/docs")
    assert page.status_code == 200
    assert "/api/docs/assets/swagger-ui-bundle.js" in page.text
    assert "cdn" not in page.text.lower()
    assert "script-src 'self' 'unsafe-inline'" in page.headers["content-security-policy"]
    script = httpx.get(f"{gateway.url}/api/docs/assets/swagger-ui-bundle.js")
    assert script.status_code == 200
    assert len(script.content) > 100_000
    spec = httpx.get(f"{gateway.url}/api/openapi.json", timeout=10).json()
    assert "/api/catalog/items" in spec["paths"]
    assert "/api/health" in spec["paths"]
    assert "assessment" in spec["info"]["description"]  # it could not be read: said so
