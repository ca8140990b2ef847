"""Protocol pieces Users and Groups share: reading requests, ETags, pages, names, references."""

from __future__ import annotations

import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from fastapi import Request
from pydantic import ValidationError
from scim2_models import (
    Context,
    InvalidValueException,
    ListResponse,
    PreconditionFailedException,
    Resource,
    ResponseParameters,
    SCIMException,
    SearchRequest,
)
from sqlalchemy import ColumnElement, Select, SQLColumnExpression, func, literal_column, select
from sqlalchemy.ext.asyncio import AsyncSession

from identity.mail.templates import DEFAULT_LANGUAGE
from identity.scim.errors import ScimResponse, validation_error
from identity.scim.resources import MAX_RESULTS, POLICY


def refuse(exc: ValidationError) -> SCIMException:
    """The SCIM exception for a payload or query scim2-models refused."""
    return SCIMException.from_error(validation_error(exc))


def validate(model: type[Any], payload: Any, context: Context) -> Any:
    """A payload read as `model` in `context`, or the SCIM error it deserves."""
    try:
        return model.model_validate(payload, scim_ctx=context, scim_policy=POLICY)
    except ValidationError as exc:
        raise refuse(exc) from None


def key_of(payload: Mapping[str, Any], name: str) -> str | None:
    """The key under which a payload holds an attribute (SCIM names are case-insensitive)."""
    folded = name.casefold()
    return next((key for key in payload if key.casefold() == folded), None)


def complete_reference(value: Any, url: str) -> Any:
    """A `{value, $ref}` reference with whichever half is missing derived from the other, so a
    client may send either; `url` is the collection URL the id joins."""
    if not isinstance(value, dict):
        return value
    value_key, ref_key = key_of(value, "value"), key_of(value, "$ref")
    completed = dict(value)
    if value_key is None and ref_key is not None and isinstance(value[ref_key], str):
        completed["value"] = value[ref_key].rstrip("/").rsplit("/", 1)[-1]
    if ref_key is None and value_key is not None and isinstance(value[value_key], str):
        completed["$ref"] = f"{url}/{value[value_key]}"
    return completed


def referenced_id(value: str | None, ref: str | None) -> str | None:
    """The id a reference names: its value, else the last segment of its URL."""
    if value:
        return value
    if ref:
        return ref.rstrip("/").rsplit("/", 1)[-1]
    return None


def parse_id(text: str | None) -> uuid.UUID | None:
    try:
        return uuid.UUID(text) if text else None
    except ValueError:
        return None


def weak_etag(version: str) -> str:
    return f'W/"{version}"'


def _tags(header: str) -> list[str]:
    return [tag.strip().removeprefix("W/") for tag in header.split(",") if tag.strip()]


def check_if_match(request: Request, etag: str) -> None:
    """412 when If-Match names other versions (weak comparison, RFC 9110 §13.1.1)."""
    header = request.headers.get("if-match")
    if header is None:
        return
    tags = _tags(header)
    if "*" not in tags and etag.removeprefix("W/") not in tags:
        raise PreconditionFailedException(detail="The resource has changed since this version.")


def not_modified(request: Request, etag: str) -> bool:
    """Whether If-None-Match already names the current version (RFC 9110 §13.1.2)."""
    header = request.headers.get("if-none-match")
    if header is None:
        return False
    tags = _tags(header)
    return "*" in tags or etag.removeprefix("W/") in tags


def resource_response(
    resource: Resource[Any],
    context: Context,
    parameters: ResponseParameters[Any] | None = None,
    *,
    status: int = 200,
) -> ScimResponse:
    """A resource with its ETag and Location headers (RFC 7644 §3.1, §3.14)."""
    assert resource.meta is not None
    body = resource.model_dump(scim_ctx=context, response_parameters=parameters, scim_policy=POLICY)
    headers = {"ETag": resource.meta.version or "", "Location": resource.meta.location or ""}
    if status != 201:
        headers["Content-Location"] = headers.pop("Location")
    return ScimResponse(body, status_code=status, headers=headers)


def response_parameters(model: type[Resource[Any]], request: Request) -> ResponseParameters[Any]:
    """`attributes` / `excludedAttributes` of a request's query string."""
    query = {
        key: request.query_params[key]
        for key in ("attributes", "excludedAttributes")
        if key in request.query_params
    }
    parameters: ResponseParameters[Any] = validate(
        ResponseParameters[model],  # type: ignore[valid-type]
        query,
        Context.RESOURCE_QUERY_REQUEST,
    )
    return parameters


def search_request(model: Any, payload: Mapping[str, Any]) -> SearchRequest[Any]:
    """A search from query parameters or a `.search` body, bound to the resource type(s)."""
    search: SearchRequest[Any] = validate(SearchRequest[model], dict(payload), Context.SEARCH_REQUEST)
    if search.cursor is not None:
        raise InvalidValueException(detail="Cursor pagination is not supported; use startIndex.")
    return search


MAX_OFFSET = 1_000_000_000


@dataclass(frozen=True)
class Window:
    """The slice of results a search asked for."""

    offset: int
    limit: int

    @classmethod
    def of(cls, search: SearchRequest[Any]) -> Window:
        count = MAX_RESULTS if search.count is None else min(search.count, MAX_RESULTS)
        # Far past any result is still empty, and must not overflow the database's OFFSET.
        return cls(offset=min(search.start_index_0 or 0, MAX_OFFSET), limit=count)


async def count_and_page(
    db: AsyncSession, query: Select[Any], order: Sequence[ColumnElement[Any]], window: Window
) -> tuple[int, list[Any]]:
    """The number of matches and the rows of the window."""
    total = await db.scalar(select(func.count()).select_from(query.order_by(None).subquery())) or 0
    if window.limit == 0:
        return total, []
    rows = await db.execute(query.order_by(*order).offset(window.offset).limit(window.limit))
    return total, list(rows.all())


def list_response(
    model: Any, total: int, window: Window, resources: list[Resource[Any]], search: SearchRequest[Any]
) -> ScimResponse:
    """A ListResponse honouring the search's attributes (RFC 7644 §3.4.2)."""
    page = ListResponse[model](
        total_results=total,
        start_index=window.offset + 1,
        items_per_page=len(resources),
        resources=resources,
    )
    body = page.model_dump(scim_ctx=Context.SEARCH_RESPONSE, response_parameters=search, scim_policy=POLICY)
    if total > 0 and "Resources" not in body:
        body["Resources"] = []
    return ScimResponse(body)


def display_name(name: Mapping[str, str], language: str) -> str:
    """An organisation's name in `language`, else the default language, else any it has."""
    return name.get(language) or name.get(DEFAULT_LANGUAGE) or (name[min(name)] if name else "")


def display_name_sql(name: SQLColumnExpression[Any], language: str) -> ColumnElement[str]:
    """`display_name` in SQL, for filters and sorting."""
    any_value = (
        select(literal_column("value"))
        .select_from(func.jsonb_each_text(name).alias("entry"))
        .order_by(literal_column("key"))
        .limit(1)
        .scalar_subquery()
    )
    json_name = name.op("->>")
    return func.coalesce(json_name(language), json_name(DEFAULT_LANGUAGE), any_value)
