"""Receiving events: verify the signature, drop duplicates by event id, handle in one transaction."""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable, Mapping
from typing import Any, Literal, TypeVar

from fastapi import APIRouter, Request
from pydantic import BaseModel, ValidationError
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.ext.asyncio import AsyncSession
from standardwebhooks.webhooks import Webhook, WebhookVerificationError

from kit.db import DbSession
from kit.events.tables import EventTables
from kit.problems import BadRequest, Invalid, Unauthorized, problem_responses

Handler = Callable[[AsyncSession, dict[str, Any]], Awaitable[None]]
P = TypeVar("P", bound=BaseModel)


def parse_payload(model: type[P], data: dict[str, Any], what: str | None = None) -> P:
    """An event's data as `model`, or Invalid (a 422 the producer sees, and nothing is recorded)
    naming the first fields that are wrong."""
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        fields = "; ".join(
            f"{'.'.join(str(part) for part in error['loc']) or 'data'}: {error['msg']}"
            for error in exc.errors()[:5]
        )
        raise Invalid(f"The {what or model.__name__} event is not valid ({fields}).") from exc


class EventAck(BaseModel):
    """What the consumer did with an event."""

    status: Literal["processed", "duplicate", "ignored"]


def event_router(
    tables: EventTables, handlers: Mapping[str, Handler], secret: Callable[[], str]
) -> APIRouter:
    """`POST /events`: the signed webhook endpoint other services deliver to."""
    router = APIRouter(tags=["events"])

    @router.post(
        "/events",
        response_model=EventAck,
        responses=problem_responses(400, 401),
        summary="Receive a signed event (Standard Webhooks)",
        openapi_extra={
            "requestBody": {
                "required": True,
                "content": {"application/json": {"schema": {"type": "object"}}},
            }
        },
    )
    async def receive_event(request: Request, session: DbSession) -> EventAck:
        body = await request.body()
        try:
            Webhook(secret()).verify(body, dict(request.headers), json_parse=False)
        except (WebhookVerificationError, ValueError) as exc:
            raise Unauthorized("The webhook signature is missing or does not verify.") from exc
        try:
            event = json.loads(body)
            event_type, data = event["type"], event["data"]
        except (ValueError, KeyError, TypeError) as exc:
            raise BadRequest("The event is not a {type, timestamp, data} envelope.") from exc
        if not isinstance(event_type, str) or not isinstance(data, dict):
            raise BadRequest("The event's type must be a string and its data an object.")
        inserted = await session.execute(
            pg_insert(tables.inbox)
            .values(event_id=request.headers["webhook-id"], type=event_type)
            .on_conflict_do_nothing()
            .returning(tables.inbox.c.event_id)
        )
        if inserted.first() is None:
            return EventAck(status="duplicate")
        handler = handlers.get(event_type)
        if handler is None:
            return EventAck(status="ignored")
        await handler(session, data)
        return EventAck(status="processed")

    return router
