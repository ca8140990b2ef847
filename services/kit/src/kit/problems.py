"""RFC 9457 problem details: the error types every service raises and how they render."""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field
from sqlalchemy.exc import DataError, IntegrityError
from starlette.exceptions import HTTPException as StarletteHTTPException

from kit.context import request_id_var

logger = logging.getLogger("kit.problems")

PROBLEM_MEDIA_TYPE = "application/problem+json"
TYPE_PREFIX = "urn:dla:problem:"


class FieldError(BaseModel):
    """One invalid field of a request."""

    loc: list[str | int]
    msg: str
    type: str


class Problem(BaseModel):
    """An RFC 9457 problem document; `type` is stable and is what clients translate."""

    type: str = Field(examples=["urn:dla:problem:not-found"])
    title: str
    status: int
    detail: str | None = None
    instance: str | None = None
    request_id: str | None = None
    errors: list[FieldError] | None = None


class DlaError(Exception):
    """Base of the errors a service raises on purpose; rendered as a problem document."""

    status = 500
    slug = "internal"
    title = "Internal error"

    def __init__(self, detail: str | None = None, *, headers: dict[str, str] | None = None):
        super().__init__(detail or self.title)
        self.detail = detail
        self.headers = headers or {}


class BadRequest(DlaError):
    status, slug, title = 400, "bad-request", "Bad request"


class Unauthorized(DlaError):
    status, slug, title = 401, "unauthorized", "Not authenticated"


class Forbidden(DlaError):
    status, slug, title = 403, "forbidden", "Not allowed"


class NotFound(DlaError):
    status, slug, title = 404, "not-found", "Not found"


class Conflict(DlaError):
    status, slug, title = 409, "conflict", "Conflict"


class Invalid(DlaError):
    status, slug, title = 422, "validation", "Invalid input"


class Unavailable(DlaError):
    status, slug, title = 503, "unavailable", "Service unavailable"


_HTTP_SLUGS = {
    400: ("bad-request", "Bad request"),
    401: ("unauthorized", "Not authenticated"),
    403: ("forbidden", "Not allowed"),
    404: ("not-found", "Not found"),
    405: ("method-not-allowed", "Method not allowed"),
    406: ("not-acceptable", "Not acceptable"),
    409: ("conflict", "Conflict"),
    413: ("payload-too-large", "Request body too large"),
    415: ("unsupported-media-type", "Unsupported media type"),
    422: ("validation", "Invalid input"),
    429: ("too-many-requests", "Too many requests"),
    503: ("unavailable", "Service unavailable"),
    504: ("upstream-timeout", "Upstream timed out"),
}


def problem_body(
    status: int,
    slug: str,
    title: str,
    detail: str | None = None,
    *,
    instance: str | None = None,
    errors: list[dict[str, Any]] | None = None,
) -> dict[str, Any]:
    """The JSON body of a problem document, with the current request id."""
    body: dict[str, Any] = {"type": TYPE_PREFIX + slug, "title": title, "status": status}
    if detail:
        body["detail"] = detail
    if instance:
        body["instance"] = instance
    request_id = request_id_var.get()
    if request_id:
        body["request_id"] = request_id
    if errors is not None:
        body["errors"] = errors
    return body


def problem_response(
    status: int,
    slug: str,
    title: str,
    detail: str | None = None,
    *,
    instance: str | None = None,
    errors: list[dict[str, Any]] | None = None,
    headers: dict[str, str] | None = None,
) -> JSONResponse:
    """A problem+json response."""
    body = problem_body(status, slug, title, detail, instance=instance, errors=errors)
    return JSONResponse(body, status_code=status, media_type=PROBLEM_MEDIA_TYPE, headers=headers)


def http_problem(
    status: int, detail: str | None = None, headers: dict[str, str] | None = None
) -> JSONResponse:
    """A problem response for a bare HTTP status."""
    slug, title = _HTTP_SLUGS.get(status, ("error" if status < 500 else "internal", "Error"))
    return problem_response(status, slug, title, detail, headers=headers)


def _field_errors(exc: RequestValidationError) -> list[dict[str, Any]]:
    errors = []
    for error in exc.errors():
        loc = [part if isinstance(part, int) else str(part) for part in error.get("loc", ())]
        errors.append({"loc": loc, "msg": str(error.get("msg", "")), "type": str(error.get("type", ""))})
    return errors


async def _on_dla_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, DlaError)
    return problem_response(
        exc.status, exc.slug, exc.title, exc.detail, instance=request.url.path, headers=exc.headers
    )


async def _on_validation_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    errors = _field_errors(exc)
    if any(error["type"] == "json_invalid" for error in errors):
        return problem_response(
            400,
            "malformed-json",
            "Malformed JSON",
            "The request body is not valid JSON.",
            instance=request.url.path,
            errors=errors,
        )
    return problem_response(
        422,
        "validation",
        "Invalid input",
        "Some fields are not valid.",
        instance=request.url.path,
        errors=errors,
    )


async def _on_http_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, StarletteHTTPException)
    detail = exc.detail if isinstance(exc.detail, str) else None
    return http_problem(exc.status_code, detail, headers=dict(exc.headers or {}))


async def _on_integrity_error(request: Request, exc: Exception) -> JSONResponse:
    # A constraint the service did not check first: still the client's input, never a 500.
    logger.warning("integrity error reached the handler", exc_info=exc)
    return problem_response(
        409,
        "conflict",
        "Conflict",
        "The request conflicts with existing data.",
        instance=request.url.path,
    )


async def _on_data_error(request: Request, exc: Exception) -> JSONResponse:
    logger.warning("data error reached the handler", exc_info=exc)
    return problem_response(
        422,
        "validation",
        "Invalid input",
        "A value is out of range for its field.",
        instance=request.url.path,
    )


async def _on_unexpected(request: Request, exc: Exception) -> JSONResponse:
    logger.exception("unhandled error", exc_info=exc)
    return problem_response(500, "internal", "Internal error", instance=request.url.path)


def install_problem_handlers(app: FastAPI) -> None:
    """Render every error of the app as problem+json."""
    app.add_exception_handler(DlaError, _on_dla_error)
    app.add_exception_handler(RequestValidationError, _on_validation_error)
    app.add_exception_handler(StarletteHTTPException, _on_http_error)
    app.add_exception_handler(IntegrityError, _on_integrity_error)
    app.add_exception_handler(DataError, _on_data_error)
    app.add_exception_handler(Exception, _on_unexpected)


def problem_responses(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """`responses=` for a route, so its failures are in the contract too."""
    return {
        status: {
            "model": Problem,
            "content": {PROBLEM_MEDIA_TYPE: {"schema": {"$ref": "#/components/schemas/Problem"}}},
            "description": _HTTP_SLUGS.get(status, ("", "Error"))[1],
        }
        for status in statuses
    }
