"""The problems a session can answer with, each a stable `urn:dla:problem:<slug>`."""

from __future__ import annotations

from datetime import datetime

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse

from kit.problems import PROBLEM_MEDIA_TYPE, Conflict, problem_body


class ItemNotServed(Conflict):
    slug, title = "item-not-served", "Item not served at this position"


class AlreadyAnswered(Conflict):
    slug, title = "already-answered", "Position already answered"


class SessionPaused(Conflict):
    slug, title = "session-paused", "Session paused"


class SessionFinished(Conflict):
    slug, title = "session-finished", "Session finished"


class NothingAnswered(Conflict):
    slug, title = "nothing-answered", "Nothing answered yet"


class RetakeCooldown(Conflict):
    slug, title = "retake-cooldown", "Retake not available yet"

    def __init__(self, available_at: datetime) -> None:
        super().__init__(f"A new test can be started from {available_at.isoformat()}.")
        self.available_at = available_at


async def _on_retake_cooldown(request: Request, exc: Exception) -> JSONResponse:
    # kit renders title and detail only; the SPA needs the date as data to show it in any language.
    assert isinstance(exc, RetakeCooldown)
    body = problem_body(exc.status, exc.slug, exc.title, exc.detail, instance=request.url.path)
    body["available_at"] = exc.available_at.isoformat()
    return JSONResponse(body, status_code=exc.status, media_type=PROBLEM_MEDIA_TYPE)


def install_session_problems(app: FastAPI) -> None:
    """Render the problems that carry more than kit's fields."""
    app.add_exception_handler(RetakeCooldown, _on_retake_cooldown)
