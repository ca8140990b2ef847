"""Forwarding `/api/<service>/…` to the services over pooled keep-alive connections."""

from __future__ import annotations

import httpx
from starlette.background import BackgroundTask
from starlette.requests import Request
from starlette.responses import Response, StreamingResponse

from kit.context import request_id_var
from kit.problems import problem_response

# Hop-by-hop headers (RFC 9110 §7.6.1), never forwarded either way.
_HOP_BY_HOP = frozenset(
    {
        "connection",
        "keep-alive",
        "proxy-authenticate",
        "proxy-authorization",
        "te",
        "trailer",
        "transfer-encoding",
        "upgrade",
    }
)
# Plus what the proxy sets itself on each side.
_DROP_REQUEST = _HOP_BY_HOP | {
    "host",
    "content-length",
    "x-request-id",
    "x-forwarded-for",
    "x-forwarded-proto",
    "x-forwarded-host",
    "x-forwarded-prefix",
}
_DROP_RESPONSE = _HOP_BY_HOP | {"content-length", "x-request-id", "server", "date"}


def _connection_tokens(connection: str | None) -> set[str]:
    # Headers named in `Connection` are hop-by-hop too (RFC 9110 §7.6.1).
    return {token.strip().lower() for token in (connection or "").split(",") if token.strip()}


def forwarded_headers(request: Request, prefix: str = "") -> dict[str, str]:
    """The request's headers minus hop-by-hop ones, plus X-Forwarded-* (with the path prefix the
    gateway stripped, so a service can build its public URLs) and the request id."""
    drop = _DROP_REQUEST | _connection_tokens(request.headers.get("connection"))
    headers = {k: v for k, v in request.headers.items() if k.lower() not in drop}
    client = request.client.host if request.client else ""
    previous = request.headers.get("x-forwarded-for")
    headers["x-forwarded-for"] = f"{previous}, {client}" if previous else client
    headers["x-forwarded-proto"] = request.headers.get("x-forwarded-proto", request.url.scheme)
    headers["x-forwarded-host"] = request.headers.get("x-forwarded-host", request.headers.get("host", ""))
    if prefix:
        headers["x-forwarded-prefix"] = prefix
    headers["x-request-id"] = request_id_var.get() or ""
    return headers


async def forward(
    client: httpx.AsyncClient, request: Request, service: str, url: str, retry_after: int, *, prefix: str = ""
) -> Response:
    """Send the request upstream and stream the answer back; 503/504 problems when it cannot."""
    headers = forwarded_headers(request, prefix)
    has_body = "content-length" in request.headers or "transfer-encoding" in request.headers
    if "content-length" in request.headers:
        # Keep the length so the service sees a plain body rather than a chunked one.
        headers["content-length"] = request.headers["content-length"]
    try:
        upstream = client.build_request(
            request.method,
            url,
            params=httpx.QueryParams(request.url.query),
            headers=headers,
            content=request.stream() if has_body else None,
        )
    except (httpx.InvalidURL, UnicodeError):
        # Control characters and the like: nothing a service could answer.
        return problem_response(400, "bad-request", "Bad request", "The request's address is not valid.")
    retry = {"Retry-After": str(retry_after)}
    try:
        response = await client.send(upstream, stream=True)
    except httpx.PoolTimeout:
        # Every pooled connection is busy: the gateway is saturated, not the service slow.
        return problem_response(
            503,
            "unavailable",
            "Service unavailable",
            "The gateway is busy; try again shortly.",
            headers=retry,
        )
    except httpx.TimeoutException:
        return problem_response(
            504,
            "upstream-timeout",
            "Upstream timed out",
            f"The {service} service did not answer in time; try again shortly.",
            headers=retry,
        )
    except httpx.TransportError:
        return problem_response(
            503,
            "unavailable",
            "Service unavailable",
            f"The {service} service is not reachable right now; try again shortly.",
            headers=retry,
        )
    drop = _DROP_RESPONSE | _connection_tokens(response.headers.get("connection"))
    answer = [(k, v) for k, v in response.headers.multi_items() if k.lower() not in drop]
    streamed = StreamingResponse(
        response.aiter_raw(), status_code=response.status_code, background=BackgroundTask(response.aclose)
    )
    streamed.raw_headers = [(k.encode("latin-1"), v.encode("latin-1")) for k, v in answer]
    return streamed
