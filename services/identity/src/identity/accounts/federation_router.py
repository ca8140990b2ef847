"""Sign-in through the upstream identity provider (under /auth/federation)."""

from __future__ import annotations

import logging
from typing import Annotated
from urllib.parse import urlencode

from fastapi import APIRouter, Query, Request
from fastapi.responses import RedirectResponse

from identity.accounts import federation, sessions
from identity.accounts.schemas import Federation
from identity.settings import IdentitySettings
from kit.db import DbSession
from kit.problems import NotFound, problem_responses

router = APIRouter(prefix="/federation")
logger = logging.getLogger("identity.federation")


def settings_of(request: Request) -> IdentitySettings:
    settings: IdentitySettings = request.app.state.settings
    return settings


def back_to_sign_in(settings: IdentitySettings, error: str, return_to: str) -> RedirectResponse:
    """The SPA's sign-in page, told what went wrong (`error`), keeping where to go afterwards."""
    query = urlencode({"error": error, "return_to": return_to})
    response = RedirectResponse(f"{settings.public_base_url.rstrip('/')}/sign-in?{query}", status_code=302)
    response.delete_cookie(federation.COOKIE, path=federation.COOKIE_PATH)
    return response


@router.get(
    "",
    summary="Whether sign-in through the upstream identity provider is offered",
    responses=problem_responses(503),
)
async def federation_info(request: Request) -> Federation:
    settings = settings_of(request)
    on = federation.enabled(settings)
    return Federation(enabled=on, name=settings.federation_name if on else None)


@router.get(
    "/start",
    summary="Go to the upstream identity provider to sign in (302)",
    status_code=302,
    responses=problem_responses(404, 422),
)
async def federation_start(
    request: Request, return_to: Annotated[str | None, Query(max_length=4000)] = None
) -> RedirectResponse:
    settings = settings_of(request)
    if not federation.enabled(settings):
        raise NotFound("Sign-in through another identity provider is not set up.")
    target = federation.safe_return_to(settings, return_to)
    try:
        url, cookie = await federation.start(settings, target)
    except federation.FederationFailed as failed:
        logger.warning("federation start failed: %s", failed)
        return back_to_sign_in(settings, failed.code, target)
    response = RedirectResponse(url, status_code=302)
    response.set_cookie(
        federation.COOKIE,
        cookie,
        max_age=federation.FLOW_SECONDS,
        httponly=True,
        secure=settings.session_cookie_secure,
        samesite="lax",
        path=federation.COOKIE_PATH,
    )
    return response


@router.get(
    "/callback",
    summary="Where the upstream identity provider sends the browser back (302)",
    status_code=302,
    responses=problem_responses(404, 422),
)
async def federation_callback(
    request: Request,
    db: DbSession,
    code: Annotated[str | None, Query(max_length=2000)] = None,
    state: Annotated[str | None, Query(max_length=500)] = None,
    error: Annotated[str | None, Query(max_length=200)] = None,
) -> RedirectResponse:
    settings = settings_of(request)
    if not federation.enabled(settings):
        raise NotFound("Sign-in through another identity provider is not set up.")
    try:
        flow = federation.unseal(settings, request.cookies.get(federation.COOKIE))
    except federation.FederationFailed as failed:
        return back_to_sign_in(settings, failed.code, "/")
    if error or not code or not state:
        return back_to_sign_in(settings, "federation_cancelled", flow.return_to)
    try:
        person = await federation.finish(db, settings, flow=flow, state=state, code=code)
    except federation.FederationFailed as failed:
        logger.warning("federation sign-in failed: %s", failed)
        return back_to_sign_in(settings, failed.code, flow.return_to)
    response = RedirectResponse(flow.return_to, status_code=302)
    response.delete_cookie(federation.COOKIE, path=federation.COOKIE_PATH)
    await sessions.start_session(
        db,
        response,
        settings,
        person.id,
        amr=["fed"],
        ip=request.client.host if request.client else None,
        user_agent=request.headers.get("user-agent", ""),
    )
    return response
