"""HTTP routes of workshops and their sessions: reading, scheduling, registering, attendance."""

from __future__ import annotations

import uuid
from datetime import timedelta
from typing import Annotated, Any

from fastapi import APIRouter, Path, Query, Response, status

from catalog.items.dependencies import CompetenceFilter
from catalog.workshops import attendance, calendars, registrations, service, sessions
from catalog.workshops.context import now
from catalog.workshops.dependencies import Editor, Languages
from catalog.workshops.schemas import (
    AttendanceIn,
    Attendee,
    AttendeeList,
    Feedback,
    FeedbackIn,
    Instant,
    ListedSession,
    Registration,
    SessionFeedback,
    SessionIn,
    SessionOut,
    WorkshopDetail,
    WorkshopFormat,
    WorkshopIn,
    WorkshopSummary,
)
from kit.auth import CurrentPrincipal, OptionalPrincipal
from kit.db import DbSession
from kit.pagination import Page, Pagination
from kit.problems import Invalid, problem_responses
from kit.text import LanguageCode

router = APIRouter(tags=["workshops"])
ItemId = Annotated[uuid.UUID, Path(description="The workshop's learning item id.")]
SessionId = Annotated[uuid.UUID, Path(description="The session's id.")]
RegistrationId = Annotated[uuid.UUID, Path(description="The registration's id.")]
_READ = problem_responses(404, 422)
_PERSON = problem_responses(401, 403, 404, 409, 422)
_WRITE = problem_responses(400, 401, 403, 404, 409, 413, 422)
MAX_PERIOD = timedelta(days=400)
ICS_MEDIA_TYPE = "text/calendar"
ICS_RESPONSE: dict[int | str, dict[str, Any]] = {
    200: {"content": {ICS_MEDIA_TYPE: {"schema": {"type": "string"}}}, "description": "An iCalendar file"}
}


def ics_response(body: bytes, filename: str) -> Response:
    """A downloadable iCalendar file."""
    return Response(
        body,
        media_type=f"{ICS_MEDIA_TYPE}; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{filename}"', "Cache-Control": "no-store"},
    )


@router.get(
    "/workshops",
    response_model=Page[WorkshopSummary],
    responses=problem_responses(401, 422),
    summary="List workshops (DLA Forums) with their upcoming sessions and seats left",
)
async def list_workshops(
    session: DbSession,
    page: Pagination,
    principal: OptionalPrincipal,
    format: WorkshopFormat | None = None,
    competence: CompetenceFilter = None,
    language: Annotated[
        LanguageCode | None, Query(description="Only workshops held in this language.")
    ] = None,
    upcoming: Annotated[bool, Query(description="Only workshops with a session coming up.")] = False,
) -> Page[WorkshopSummary]:
    items, total = await service.list_workshops(
        session,
        principal,
        limit=page.limit,
        offset=page.offset,
        format=format,
        competence=competence,
        language=language,
        upcoming_only=upcoming,
    )
    return Page[WorkshopSummary](items=items, total=total, limit=page.limit, offset=page.offset)


@router.get("/workshops/{item_id}", response_model=WorkshopDetail, responses=_READ, summary="Get a workshop")
async def get_workshop(item_id: ItemId, session: DbSession, principal: OptionalPrincipal) -> WorkshopDetail:
    return await service.get_workshop(session, item_id, principal)


@router.put(
    "/workshops/{item_id}",
    response_model=WorkshopDetail,
    responses={201: {"model": WorkshopDetail, "description": "The workshop details were set"}, **_WRITE},
    summary="Set the workshop details of a learning item of kind `workshop` (content editors)",
)
async def put_workshop(
    item_id: ItemId, data: WorkshopIn, session: DbSession, response: Response, editor: Editor
) -> WorkshopDetail:
    _, created = await service.put_workshop(session, item_id, data, editor)
    if created:
        response.status_code = status.HTTP_201_CREATED
    return await service.get_workshop(session, item_id, editor)


@router.post(
    "/workshops/{item_id}/sessions",
    response_model=SessionOut,
    status_code=status.HTTP_201_CREATED,
    responses={200: {"model": SessionOut, "description": "The same session existed already"}, **_WRITE},
    summary="Schedule a session (idempotent by start time; content editors)",
)
async def add_session(
    item_id: ItemId, data: SessionIn, session: DbSession, response: Response, editor: Editor
) -> SessionOut:
    row, created = await sessions.add_session(session, item_id, data, editor)
    if not created:
        response.status_code = status.HTTP_200_OK
    return await sessions.get_session(session, row.id, editor)


@router.get(
    "/workshop-sessions",
    response_model=Page[ListedSession],
    responses=problem_responses(401, 422),
    summary="Sessions starting in a period, across workshops (the calendar view)",
)
async def list_sessions(
    session: DbSession,
    page: Pagination,
    principal: OptionalPrincipal,
    starts_from: Annotated[Instant | None, Query(alias="from", description="Default: now.")] = None,
    starts_before: Annotated[
        Instant | None, Query(alias="to", description="Default: 90 days after `from`; at most 400.")
    ] = None,
) -> Page[ListedSession]:
    start = starts_from or now()
    try:
        end = starts_before or start + timedelta(days=90)
        in_range = start < end <= start + MAX_PERIOD
    except OverflowError:  # `from` at the end of the calendar
        in_range = False
    if not in_range:
        raise Invalid("`to` must be after `from`, and at most 400 days after it.")
    items, total = await sessions.list_sessions(
        session, principal, starts_from=start, starts_before=end, limit=page.limit, offset=page.offset
    )
    return Page[ListedSession](items=items, total=total, limit=page.limit, offset=page.offset)


@router.get(
    "/workshop-sessions/{session_id}",
    response_model=SessionOut,
    responses=_READ,
    summary="Get a session: seats left, waitlist length, my registration",
)
async def get_session(session_id: SessionId, session: DbSession, principal: OptionalPrincipal) -> SessionOut:
    return await sessions.get_session(session, session_id, principal)


@router.post(
    "/workshop-sessions/{session_id}/cancel",
    response_model=SessionOut,
    responses=problem_responses(401, 403, 404, 422),
    summary="Cancel a session; everyone registered is told (idempotent; content editors)",
)
async def cancel_session(session_id: SessionId, session: DbSession, editor: Editor) -> SessionOut:
    await sessions.cancel_session(session, session_id, editor)
    return await sessions.get_session(session, session_id, editor)


@router.post(
    "/workshop-sessions/{session_id}/registration",
    response_model=Registration,
    status_code=status.HTTP_201_CREATED,
    responses={200: {"model": Registration, "description": "I was registered already"}, **_PERSON},
    summary="Register me: a seat if one is free, else the waitlist (a retry returns the same registration)",
)
async def register(
    session_id: SessionId, session: DbSession, response: Response, principal: CurrentPrincipal
) -> Registration:
    registration, created = await registrations.register(session, session_id, principal)
    if not created:
        response.status_code = status.HTTP_200_OK
    return registration


@router.delete(
    "/workshop-sessions/{session_id}/registration",
    response_model=Registration,
    responses=_PERSON,
    summary="Cancel my registration (409 after the cancellation deadline); the next in line gets the seat",
)
async def cancel_registration(
    session_id: SessionId, session: DbSession, principal: CurrentPrincipal
) -> Registration:
    return await registrations.cancel(session, session_id, principal)


@router.post(
    "/workshop-sessions/{session_id}/registrations/{registration_id}/approve",
    response_model=Registration,
    responses=_PERSON,
    summary="Approve a registration request (the workshop's mentors and organisers, the person's supervisor)",
)
async def approve_registration(
    session_id: SessionId, registration_id: RegistrationId, session: DbSession, principal: CurrentPrincipal
) -> Registration:
    return await registrations.approve(session, session_id, registration_id, principal)


@router.post(
    "/workshop-sessions/{session_id}/registrations/{registration_id}/decline",
    response_model=Registration,
    responses=_PERSON,
    summary="Decline a registration request (as for approval) or take back a place (mentors and organisers)",
)
async def decline_registration(
    session_id: SessionId, registration_id: RegistrationId, session: DbSession, principal: CurrentPrincipal
) -> Registration:
    return await registrations.decline(session, session_id, registration_id, principal)


@router.get(
    "/workshop-sessions/{session_id}/calendar.ics",
    response_class=Response,
    responses={**ICS_RESPONSE, **_READ},
    summary="The session as an iCalendar (.ics) file",
)
async def session_calendar(
    session_id: SessionId, session: DbSession, principal: OptionalPrincipal, languages: Languages
) -> Response:
    body = await calendars.session_calendar(session, session_id, principal, languages)
    return ics_response(body, f"dla-workshop-{session_id}.ics")


@router.get(
    "/workshop-sessions/{session_id}/attendees",
    response_model=AttendeeList,
    responses=_PERSON,
    summary="Who is registered (the workshop's mentors and organisers)",
)
async def list_attendees(
    session_id: SessionId,
    session: DbSession,
    principal: CurrentPrincipal,
    include_cancelled: bool = False,
) -> AttendeeList:
    return await attendance.attendees(session, session_id, principal, include_cancelled=include_cancelled)


@router.put(
    "/workshop-sessions/{session_id}/attendance",
    response_model=Attendee,
    responses=_WRITE,
    summary="Record whether a confirmed registrant attended (the workshop's mentors and organisers)",
)
async def record_attendance(
    session_id: SessionId, data: AttendanceIn, session: DbSession, principal: CurrentPrincipal
) -> Attendee:
    return await attendance.record_attendance(session, session_id, data, principal)


@router.post(
    "/workshop-sessions/{session_id}/feedback",
    response_model=Feedback,
    status_code=status.HTTP_201_CREATED,
    responses={200: {"model": Feedback, "description": "My earlier feedback, changed"}, **_WRITE},
    summary="Give feedback on a session I attended (sending again edits it)",
)
async def give_feedback(
    session_id: SessionId,
    data: FeedbackIn,
    session: DbSession,
    response: Response,
    principal: CurrentPrincipal,
) -> Feedback:
    feedback, created = await attendance.give_feedback(session, session_id, data, principal)
    if not created:
        response.status_code = status.HTTP_200_OK
    return feedback


@router.get(
    "/workshop-sessions/{session_id}/feedback",
    response_model=SessionFeedback,
    responses=_PERSON,
    summary="All feedback on a session (the workshop's mentors and organisers)",
)
async def session_feedback(
    session_id: SessionId, session: DbSession, principal: CurrentPrincipal
) -> SessionFeedback:
    return await attendance.session_feedback(session, session_id, principal)
