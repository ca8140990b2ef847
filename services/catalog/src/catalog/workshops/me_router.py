"""HTTP routes of a person's own workshop life: my registrations, my calendar, sessions I run,
the requests I approve as a supervisor."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Query, Response

from catalog.workshops import approvals, calendars, registrations, sessions
from catalog.workshops.dependencies import Languages
from catalog.workshops.router import ICS_RESPONSE, ics_response
from catalog.workshops.schemas import ListedSession, MyRegistration, PendingApproval
from kit.auth import CurrentPrincipal
from kit.db import DbSession
from kit.pagination import Page, Pagination
from kit.problems import problem_responses

router = APIRouter(prefix="/me", tags=["workshops"])
_MINE = problem_responses(401, 403, 422)
When = Annotated[
    Literal["upcoming", "past", "all"],
    Query(description="Sessions not yet over, those that are, or both."),
]


def _upcoming(when: str) -> bool | None:
    return {"upcoming": True, "past": False}.get(when)


@router.get(
    "/registrations",
    response_model=Page[MyRegistration],
    responses=_MINE,
    summary="My workshop registrations, upcoming and past",
)
async def my_registrations(
    session: DbSession,
    page: Pagination,
    principal: CurrentPrincipal,
    when: When = "all",
    include_cancelled: bool = False,
) -> Page[MyRegistration]:
    items, total = await registrations.my_registrations(
        session,
        principal,
        upcoming=_upcoming(when),
        include_cancelled=include_cancelled,
        limit=page.limit,
        offset=page.offset,
    )
    return Page[MyRegistration](items=items, total=total, limit=page.limit, offset=page.offset)


@router.get(
    "/registrations/calendar.ics",
    response_class=Response,
    responses={**ICS_RESPONSE, **_MINE},
    summary="Every session I have a seat in, as one iCalendar (.ics) file",
)
async def my_calendar(session: DbSession, principal: CurrentPrincipal, languages: Languages) -> Response:
    body = await calendars.my_calendar(session, principal, languages)
    return ics_response(body, "dla-my-workshops.ics")


@router.get(
    "/workshop-sessions",
    response_model=Page[ListedSession],
    responses=_MINE,
    summary="Sessions of the workshops I mentor or organise",
)
async def sessions_i_run(
    session: DbSession, page: Pagination, principal: CurrentPrincipal, when: When = "upcoming"
) -> Page[ListedSession]:
    items, total = await sessions.sessions_i_run(
        session, principal, upcoming=_upcoming(when), limit=page.limit, offset=page.offset
    )
    return Page[ListedSession](items=items, total=total, limit=page.limit, offset=page.offset)


@router.get(
    "/approvals",
    response_model=Page[PendingApproval],
    responses=_MINE,
    summary="Registration requests of the people I supervise, awaiting my approval",
)
async def my_approvals(
    session: DbSession, page: Pagination, principal: CurrentPrincipal
) -> Page[PendingApproval]:
    items, total = await approvals.my_approvals(session, principal, limit=page.limit, offset=page.offset)
    return Page[PendingApproval](items=items, total=total, limit=page.limit, offset=page.offset)
