"""HTTP routes of test sessions: a person's own only (anyone else's id is 404)."""

from __future__ import annotations

import uuid
from typing import Annotated, Any

from fastapi import APIRouter, Path, Request, Response, status

from assessment.results.schemas import ResultSummary
from assessment.sessions import finishing, service, serving
from assessment.sessions.schemas import (
    CurrentItem,
    ResponseIn,
    ResponseRecorded,
    RetakeCooldownProblem,
    SessionStart,
    SessionView,
)
from assessment.settings import AssessmentSettings
from kit.auth import CurrentPrincipal
from kit.db import DbSession
from kit.pagination import Page, Pagination
from kit.problems import PROBLEM_MEDIA_TYPE, problem_responses

router = APIRouter(prefix="/sessions", tags=["sessions"])

Position = Annotated[
    int, Path(ge=1, le=10_000, description="The position of the item in the session, from 1.")
]

_COOLDOWN: dict[int | str, dict[str, Any]] = {
    409: {
        "model": RetakeCooldownProblem,
        "content": {PROBLEM_MEDIA_TYPE: {"schema": {"$ref": "#/components/schemas/RetakeCooldownProblem"}}},
        "description": "`retake-cooldown`: a finished test is too recent; `available_at` says when.",
    }
}


@router.post(
    "",
    response_model=SessionView,
    status_code=status.HTTP_201_CREATED,
    responses={200: {"model": SessionView, "description": "The session already open"}}
    | problem_responses(401, 403, 422)
    | _COOLDOWN,
    summary="Start a test, or get the one already open",
)
async def start_session(
    body: SessionStart, principal: CurrentPrincipal, session: DbSession, request: Request, response: Response
) -> SessionView:
    settings: AssessmentSettings = request.app.state.settings
    test_session, created = await service.start(
        session,
        principal,
        body,
        cooldown_days=settings.retake_cooldown_days,
        engine_config=settings.engine_config,
    )
    if not created:
        response.status_code = status.HTTP_200_OK
    return await service.view_of(session, test_session)


@router.get(
    "",
    response_model=Page[SessionView],
    responses=problem_responses(401, 403, 422),
    summary="List my test sessions, newest first",
)
async def list_sessions(
    principal: CurrentPrincipal, session: DbSession, page: Pagination
) -> Page[SessionView]:
    items, total = await service.list_sessions(session, principal, limit=page.limit, offset=page.offset)
    return Page[SessionView](items=items, total=total, limit=page.limit, offset=page.offset)


@router.get(
    "/{session_id}",
    response_model=SessionView,
    responses=problem_responses(401, 403, 404, 422),
    summary="Get one of my sessions: status, position, progress",
)
async def get_session(session_id: uuid.UUID, principal: CurrentPrincipal, session: DbSession) -> SessionView:
    return await service.view_of(session, await service.owned(session, principal, session_id))


@router.get(
    "/{session_id}/current",
    response_model=CurrentItem,
    responses=problem_responses(401, 403, 404, 409, 422),
    summary="Get the item at the current position (chosen once, the same on every device)",
)
async def get_current_item(
    session_id: uuid.UUID, principal: CurrentPrincipal, session: DbSession
) -> CurrentItem:
    return await serving.current(session, principal, session_id)


@router.put(
    "/{session_id}/responses/{position}",
    response_model=ResponseRecorded,
    responses=problem_responses(401, 403, 404, 409, 422),
    summary="Answer or skip the item at a position (the same answer again changes nothing)",
)
async def put_response(
    session_id: uuid.UUID,
    position: Position,
    body: ResponseIn,
    principal: CurrentPrincipal,
    session: DbSession,
) -> ResponseRecorded:
    return await serving.answer(session, principal, session_id, position, body)


@router.post(
    "/{session_id}/pause",
    response_model=SessionView,
    responses=problem_responses(401, 403, 404, 409, 422),
    summary="Pause a session",
)
async def pause_session(
    session_id: uuid.UUID, principal: CurrentPrincipal, session: DbSession
) -> SessionView:
    return await service.view_of(session, await service.pause(session, principal, session_id))


@router.post(
    "/{session_id}/resume",
    response_model=SessionView,
    responses=problem_responses(401, 403, 404, 409, 422),
    summary="Resume a paused session, on any device, at the same position",
)
async def resume_session(
    session_id: uuid.UUID, principal: CurrentPrincipal, session: DbSession
) -> SessionView:
    return await service.view_of(session, await service.resume(session, principal, session_id))


@router.post(
    "/{session_id}/finish",
    response_model=ResultSummary,
    responses=problem_responses(401, 403, 404, 409, 422),
    summary="Finish a session: score it and store its result (finishing again returns the same)",
)
async def finish_session(
    session_id: uuid.UUID, principal: CurrentPrincipal, session: DbSession
) -> ResultSummary:
    return ResultSummary.model_validate(await finishing.finish(session, principal, session_id))
