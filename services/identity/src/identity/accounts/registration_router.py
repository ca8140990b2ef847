"""Registration, e-mail verification, password reset and change, invitations (under /auth)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Request, Response

from identity.accounts import registration, sessions
from identity.accounts.schemas import (
    InvitationAccept,
    InvitationDetails,
    InvitedOrganisation,
    PasswordChange,
    Registration,
    ResetConfirm,
    ResetRequest,
    SignedIn,
    TokenBody,
)
from identity.organisations.models import Organisation
from identity.settings import IdentitySettings
from kit.auth import Principal, require_scopes
from kit.db import DbSession
from kit.problems import Forbidden, problem_responses

router = APIRouter()

PersonToken = Annotated[Principal, Depends(require_scopes("dla"))]


def client_ip(request: Request) -> str | None:
    return request.client.host if request.client else None


def settings_of(request: Request) -> IdentitySettings:
    settings: IdentitySettings = request.app.state.settings
    return settings


@router.post(
    "/register",
    summary="Create an account (allowed e-mail domains only); the answer is the same for known addresses",
    status_code=202,
    responses=problem_responses(400, 422),
)
async def register(body: Registration, request: Request, db: DbSession) -> Response:
    await registration.register(
        db,
        settings_of(request),
        email=body.email,
        password=body.password,
        display_name=body.display_name,
        language=body.language,
        altcha_payload=body.altcha,
        ip=client_ip(request),
    )
    return Response(status_code=202)


@router.post(
    "/verify-email",
    summary="Confirm an e-mail address with the link's token",
    status_code=204,
    responses=problem_responses(400, 422),
)
async def verify_email(body: TokenBody, db: DbSession) -> Response:
    await registration.verify_email(db, body.token)
    return Response(status_code=204)


@router.post(
    "/password-reset",
    summary="Mail a password-reset link (the answer is the same for unknown addresses)",
    status_code=202,
    responses=problem_responses(400, 422),
)
async def password_reset(body: ResetRequest, request: Request, db: DbSession) -> Response:
    await registration.request_reset(db, settings_of(request), email=body.email, altcha_payload=body.altcha)
    return Response(status_code=202)


@router.post(
    "/password-reset/confirm",
    summary="Set a new password with the link's token (ends every session)",
    status_code=204,
    responses=problem_responses(400, 422),
)
async def password_reset_confirm(body: ResetConfirm, request: Request, db: DbSession) -> Response:
    await registration.confirm_reset(db, settings_of(request), token=body.token, password=body.password)
    return Response(status_code=204)


@router.post(
    "/password",
    summary="Change my password (other browser sessions end)",
    status_code=204,
    responses=problem_responses(401, 403, 404, 422),
)
async def change_password(
    body: PasswordChange, principal: PersonToken, request: Request, db: DbSession
) -> Response:
    if principal.person_id is None:
        raise Forbidden("Only a person's own token can do this.")
    current = await sessions.current_session(request, db)
    await registration.change_password(
        db,
        settings_of(request),
        person_id=principal.person_id,
        current=body.current_password,
        new=body.new_password,
        keep_session=current[0].id if current else None,
    )
    return Response(status_code=204)


@router.get(
    "/invitations/{token}",
    summary="What an invitation link offers (while it can be accepted)",
    responses=problem_responses(404),
)
async def invitation(token: str, db: DbSession) -> InvitationDetails:
    found = await registration.live_invitation(db, token)
    unit = await db.get(Organisation, found.unit_id)
    return InvitationDetails(
        email=found.email,
        display_name=found.display_name,
        organisation=InvitedOrganisation(id=unit.id, name=unit.name) if unit else None,
        expires_at=found.expires_at,
    )


@router.post(
    "/invitations/accept",
    summary="Accept an invitation: choose a password, and be signed in",
    responses=problem_responses(404, 409, 422),
)
async def accept_invitation(
    body: InvitationAccept, request: Request, response: Response, db: DbSession
) -> SignedIn:
    settings = settings_of(request)
    person = await registration.accept_invitation(
        db, settings, token=body.token, password=body.password, language=body.language, ip=client_ip(request)
    )
    await sessions.start_session(
        db,
        response,
        settings,
        person.id,
        amr=["pwd"],
        ip=client_ip(request),
        user_agent=request.headers.get("user-agent", ""),
    )
    return SignedIn()
