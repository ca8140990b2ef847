"""SCIM responses and errors: `application/scim+json`, failures in the SCIM Error schema (RFC 7644
§3.12), which SCIM clients read where the rest of the platform answers RFC 9457 problems."""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Coroutine, Mapping
from typing import Any

from fastapi import Request, Response
from fastapi.exceptions import RequestValidationError
from fastapi.routing import APIRoute
from pydantic import BaseModel, ValidationError
from scim2_models import (
    Error,
    InvalidSyntaxException,
    InvalidValueException,
    NotFoundException,
    SCIMException,
    UniquenessException,
)
from sqlalchemy.exc import DataError, IntegrityError
from starlette.exceptions import HTTPException
from starlette.types import Receive, Scope, Send

from kit.problems import DlaError

SCIM_MEDIA_TYPE = "application/scim+json"
logger = logging.getLogger("identity.scim")


class ScimResponse(Response):
    """A JSON body (already a dict) served as `application/scim+json`."""

    media_type = SCIM_MEDIA_TYPE

    def render(self, content: Any) -> bytes:
        return json.dumps(content, ensure_ascii=False, separators=(",", ":")).encode()


def error_response(error: Error, headers: Mapping[str, str] | None = None) -> ScimResponse:
    """An Error message with its status."""
    status = error.status or 500
    return ScimResponse(error.model_dump(), status_code=status, headers=dict(headers or {}))


def scim_error(status: int, detail: str, scim_type: str | None = None) -> Error:
    return Error(status=status, scim_type=scim_type, detail=detail)


def validation_error(exc: ValidationError) -> Error:
    """The first problem of a payload scim2-models refused, as SCIM names it."""
    errors = Error.from_validation_errors(exc)
    return errors[0] if errors else scim_error(400, "The request is not valid.", "invalidValue")


_DLA_STATUSES = {422: (400, "invalidValue"), 409: (409, "uniqueness"), 400: (400, "invalidValue")}


def _from_exception(exc: Exception) -> tuple[Error, Mapping[str, str]] | None:
    if isinstance(exc, SCIMException):
        return exc.to_error(), {}
    if isinstance(exc, ValidationError):
        return validation_error(exc), {}
    if isinstance(exc, DlaError):
        # kit's authentication (401 with its challenge, 403 insufficient scope) and the people
        # service's checks (422 for a value it refuses, 409 for a taken address).
        status, scim_type = _DLA_STATUSES.get(exc.status, (exc.status, None))
        return scim_error(status, exc.detail or exc.title, scim_type), exc.headers
    if isinstance(exc, RequestValidationError):
        return scim_error(400, "The request is not valid.", "invalidValue"), {}
    if isinstance(exc, IntegrityError):
        logger.warning("integrity error in a SCIM request", exc_info=exc)
        return UniquenessException(detail="The request conflicts with existing data.").to_error(), {}
    if isinstance(exc, DataError):
        return InvalidValueException(detail="A value is out of range for its attribute.").to_error(), {}
    if isinstance(exc, HTTPException):
        return scim_error(exc.status_code, str(exc.detail)), dict(exc.headers or {})
    return None


class ScimFailure(Exception):
    """A failure already rendered as a SCIM error, on its way out of the route."""

    def __init__(self, response: ScimResponse) -> None:
        super().__init__(response.status_code)
        self.response = response


class ScimRoute(APIRoute):
    """A route whose failures, its dependencies' included (authentication), are SCIM errors.

    The error is raised, not returned, through the request's dependencies, so the session
    dependency rolls back whatever the request did; the route sends it once they have closed.
    """

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handler = super().get_route_handler()

        async def guarded(request: Request) -> Response:
            try:
                return await handler(request)
            except ScimFailure:
                raise
            except Exception as exc:
                converted = _from_exception(exc)
                if converted is None:
                    raise
                raise ScimFailure(error_response(*converted)) from exc

        return guarded

    async def handle(self, scope: Scope, receive: Receive, send: Send) -> None:
        try:
            await super().handle(scope, receive, send)
        except ScimFailure as failure:
            await failure.response(scope, receive, send)


async def json_body(request: Request) -> dict[str, Any]:
    """The request body as a JSON object, or invalidSyntax."""
    raw = await request.body()
    try:
        body = json.loads(raw) if raw else None
    except (ValueError, RecursionError):
        raise InvalidSyntaxException(detail="The request body is not valid JSON.") from None
    if not isinstance(body, dict):
        raise InvalidSyntaxException(detail="The request body must be a JSON object.")
    return body


def not_found(kind: str) -> NotFoundException:
    return NotFoundException(detail=f"No {kind} with this id.")


class ScimError(BaseModel):
    """A SCIM Error message (RFC 7644 §3.12)."""

    schemas: list[str]
    status: str
    scimType: str | None = None
    detail: str | None = None


_DESCRIPTIONS = {
    304: "Not modified (If-None-Match)",
    400: "Invalid request (invalidSyntax, invalidValue, invalidFilter, invalidPath, mutability, noTarget)",
    401: "No valid access token",
    403: "The token lacks the scope scim, or the operation is not allowed",
    404: "Not found (or outside the client's organisation)",
    405: "Method not allowed",
    409: "Uniqueness conflict",
    412: "The resource changed (If-Match)",
}


def scim_responses(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """`responses=` for a SCIM route: its failures as SCIM errors, for the contract."""
    responses: dict[int | str, dict[str, Any]] = {}
    for status in statuses:
        if status == 304:
            responses[status] = {"description": _DESCRIPTIONS[status]}
            continue
        responses[status] = {
            "model": ScimError,
            "description": _DESCRIPTIONS.get(status, "Error"),
            "content": {SCIM_MEDIA_TYPE: {"schema": {"$ref": "#/components/schemas/ScimError"}}},
        }
    return responses


def scim_ok(description: str, status: int = 200) -> dict[int | str, dict[str, Any]]:
    """The success response of a SCIM route, a JSON object in `application/scim+json`."""
    return {
        status: {
            "description": description,
            "content": {SCIM_MEDIA_TYPE: {"schema": {"type": "object"}}},
        }
    }
