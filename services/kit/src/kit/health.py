"""Liveness and readiness: ready means the database answers."""

from __future__ import annotations

import asyncio
from typing import Literal

from fastapi import APIRouter
from pydantic import BaseModel
from sqlalchemy import text

from kit.db import DbSession
from kit.problems import Unavailable, problem_responses

router = APIRouter(prefix="/health", tags=["health"])


class Health(BaseModel):
    """The state of this service."""

    status: Literal["ok"]


@router.get("/live", response_model=Health, summary="The process is up")
async def live() -> Health:
    return Health(status="ok")


@router.get(
    "/ready",
    response_model=Health,
    responses=problem_responses(503),
    summary="The service can serve requests (its database answers)",
)
async def ready(session: DbSession) -> Health:
    try:
        async with asyncio.timeout(2):
            await session.execute(text("SELECT 1"))
    except Exception as exc:
        raise Unavailable("The database does not answer.", headers={"Retry-After": "5"}) from exc
    return Health(status="ok")
