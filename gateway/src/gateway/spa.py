"""Serving the built SPA: hashed assets cached for a year, every other page gets index.html."""

from __future__ import annotations

from pathlib import Path

from starlette.requests import Request
from starlette.responses import FileResponse, Response

from kit.problems import problem_response

RESERVED = ("api/", "health/", ".well-known/", "oauth2/")


def spa_response(spa_dir: Path, request: Request) -> Response:
    """A file of the build when it exists, else index.html (history-API routing)."""
    path = request.path_params.get("path", "")
    if path.startswith(RESERVED) or path in {"api", "health"}:
        return problem_response(404, "not-found", "Not found", instance=request.url.path)
    index = spa_dir / "index.html"
    if not index.is_file():
        return problem_response(
            503,
            "spa-not-built",
            "Service unavailable",
            "The web application is not built; run `make spa`.",
            headers={"Retry-After": "30"},
        )
    candidate = (spa_dir / path).resolve()
    if path and candidate.is_file() and candidate.is_relative_to(spa_dir.resolve()):
        cache = (
            "public, max-age=31536000, immutable" if path.startswith("assets/") else "public, max-age=3600"
        )
        return FileResponse(candidate, headers={"Cache-Control": cache})
    if path.startswith("assets/"):
        return problem_response(404, "not-found", "Not found", instance=request.url.path)
    return FileResponse(index, headers={"Cache-Control": "no-cache"})
