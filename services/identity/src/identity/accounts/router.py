"""Sign-in for the identity provider's own pages: ALTCHA, login, second factor, session, logout."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Depends, Request, Response
from fastapi.responses import JSONResponse

from identity.accounts import altcha, service, sessions, totp
from identity.accounts.exceptions import TokenInvalid, refusal_response
from identity.accounts.federation_router import router as federation_router
from identity.accounts.registration_router import router as registration_router
from identity.accounts.schemas import (
    AltchaChallenge,
    Login,
    LoginResult,
    SecondFactor,
    SecondFactorRequired,
    SessionPerson,
    SessionState,
    SignedIn,
    TotpCode,
    TotpSetup,
    TotpState,
)
from identity.audit.service import record
from identity.oauth.tokens import revoke_session_tokens
from identity.people.models import Person
from identity.settings import IdentitySettings
from kit.auth import Principal, require_scopes
from kit.db import DbSession
from kit.problems import DlaError, Forbidden, problem_responses

router = APIRouter(prefix="/auth", tags=["sign-in"])
router.include_router(registration_router)
router.include_router(federation_router)

PersonToken = Annotated[Principal, Depends(require_scopes("dla"))]


def settings_of(request: Request) -> IdentitySettings:
    settings: IdentitySettings = request.app.state.settings
    return settings


def client_ip(request: Request) -> str:
    """The caller's address (uvicorn takes it from X-Forwarded-For only from trusted proxies)."""
    return request.client.host if request.client else "unknown"


def person_id_of(principal: Principal) -> uuid.UUID:
    if principal.person_id is None:
        raise Forbidden("Only a person's own token can do this.")
    return principal.person_id


async def finish(
    request: Request,
    response: Response,
    db: DbSession,
    outcome: service.SignedIn | service.SecondFactorNeeded,
) -> LoginResult:
    """Start the browser session of a completed sign-in, or hand out the second-factor step."""
    if isinstance(outcome, service.SecondFactorNeeded):
        return SecondFactorRequired(challenge=outcome.challenge)
    await sessions.start_session(
        db,
        response,
        settings_of(request),
        outcome.person.id,
        amr=outcome.amr,
        ip=client_ip(request),
        user_agent=request.headers.get("user-agent", ""),
    )
    return SignedIn()


@router.get(
    "/altcha",
    summary="A proof-of-work challenge for the ALTCHA widget (PoW v2)",
    responses=problem_responses(503),
)
async def altcha_challenge(request: Request, response: Response) -> AltchaChallenge:
    response.headers["Cache-Control"] = "no-store"
    return AltchaChallenge.model_validate(altcha.new_challenge(settings_of(request)))


@router.post(
    "/login",
    summary="Sign in with e-mail and password (sets the session cookie)",
    response_model=LoginResult,
    responses=problem_responses(400, 401, 403, 422, 423, 429),
)
async def login(
    body: Login, request: Request, response: Response, db: DbSession
) -> LoginResult | JSONResponse:
    try:
        outcome = await service.password_sign_in(
            db,
            settings_of(request),
            email=body.email,
            password=body.password,
            altcha_payload=body.altcha,
            ip=client_ip(request),
        )
    except DlaError as refused:
        # Answered, not raised: the failure counts must commit with the refusal.
        return refusal_response(request, refused)
    return await finish(request, response, db, outcome)


@router.post(
    "/login/second-factor",
    summary="Complete a sign-in with the code of the authenticator app",
    response_model=LoginResult,
    responses=problem_responses(400, 401, 422, 423, 429),
)
async def login_second_factor(
    body: SecondFactor, request: Request, response: Response, db: DbSession
) -> LoginResult | JSONResponse:
    try:
        outcome = await service.second_factor(
            db, settings_of(request), challenge=body.challenge, code=body.code, ip=client_ip(request)
        )
    except DlaError as refused:
        return refusal_response(request, refused)
    return await finish(request, response, db, outcome)


@router.get(
    "/session",
    summary="Whether this browser is signed in to the identity provider",
    responses=problem_responses(503),
)
async def session_state(request: Request, db: DbSession) -> SessionState:
    current = await sessions.current_session(request, db)
    if current is None:
        return SessionState(signed_in=False, person=None)
    _, person = current
    return SessionState(
        signed_in=True,
        person=SessionPerson(id=str(person.id), email=person.email, display_name=person.display_name),
    )


@router.post(
    "/logout",
    summary="End this browser's identity-provider session",
    status_code=204,
    responses=problem_responses(503),
)
async def logout(request: Request, db: DbSession) -> Response:
    current = await sessions.current_session(request, db)
    if current is not None:
        await sessions.end_session(db, current[0].id)
        await revoke_session_tokens(db, current[0].id)
    response = Response(status_code=204)
    sessions.clear_cookie(response, settings_of(request))
    return response


@router.post(
    "/totp",
    summary="Set up an authenticator app (confirm it with a first code)",
    responses=problem_responses(401, 403, 409),
)
async def totp_setup(principal: PersonToken, db: DbSession) -> TotpSetup:
    person = await db.get(Person, person_id_of(principal))
    if person is None:
        raise Forbidden("Only a person's own token can do this.")
    secret, uri = await totp.enrol(db, person.id, person.email)
    return TotpSetup(secret=secret, otpauth_uri=uri)


@router.post(
    "/totp/confirm",
    summary="Turn the second factor on with a first code from the app",
    responses=problem_responses(400, 401, 403, 409, 422),
)
async def totp_confirm(body: TotpCode, principal: PersonToken, db: DbSession) -> TotpState:
    person_id = person_id_of(principal)
    if not await totp.confirm(db, person_id, body.code):
        raise TokenInvalid("The code is not right: type the code the app shows now.")
    await record(
        db,
        actor=str(person_id),
        actor_kind="person",
        action="account.totp_enabled",
        target_type="person",
        target_id=person_id,
    )
    return TotpState(enabled=True)


@router.delete(
    "/totp", summary="Turn the second factor off", status_code=204, responses=problem_responses(401, 403)
)
async def totp_disable(principal: PersonToken, db: DbSession) -> Response:
    person_id = person_id_of(principal)
    if await totp.disable(db, person_id):
        await record(
            db,
            actor=str(person_id),
            actor_kind="person",
            action="account.totp_disabled",
            target_type="person",
            target_id=person_id,
        )
    return Response(status_code=204)
