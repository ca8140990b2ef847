"""Password sign-in for the identity provider's own pages: login, logout, the current session."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Literal

import anyio.to_thread
from fastapi import APIRouter, Request, Response
from pydantic import BaseModel, EmailStr, Field
from sqlalchemy import ColumnElement, case, delete, select, update
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from identity.accounts import passwords, sessions
from identity.accounts.models import LoginThrottle, PasswordCredential
from identity.people.models import Person
from identity.settings import IdentitySettings
from kit.db import DbSession
from kit.problems import DlaError, problem_responses

router = APIRouter(prefix="/auth", tags=["sign-in"])


class InvalidCredentials(DlaError):
    status, slug, title = 401, "invalid-credentials", "Wrong e-mail or password"


class AccountLocked(DlaError):
    status, slug, title = 423, "account-locked", "Account locked for a while"


class TooManyAttempts(DlaError):
    status, slug, title = 429, "too-many-attempts", "Too many sign-in attempts"


class Login(BaseModel):
    email: EmailStr = Field(max_length=254)
    password: str = Field(min_length=1, max_length=1024)


class LoginResult(BaseModel):
    status: Literal["signed_in"]


class SessionPerson(BaseModel):
    id: str
    email: str
    display_name: str


class SessionState(BaseModel):
    signed_in: bool
    person: SessionPerson | None


def _ip(request: Request) -> str:
    return request.client.host if request.client else "unknown"


async def _throttle(db: AsyncSession, key: str) -> LoginThrottle | None:
    return await db.scalar(select(LoginThrottle).where(LoginThrottle.key == key))


async def _count_failure(db: AsyncSession, key: str, settings: IdentitySettings, lock_at: int | None) -> None:
    """One more failure for `key` in the current window; lock when it reaches `lock_at`."""
    now = datetime.now(UTC)
    window_start = now - timedelta(seconds=settings.failure_window_seconds)
    await db.execute(
        insert(LoginThrottle)
        .values(key=key, failures=1, window_started_at=now)
        .on_conflict_do_update(
            index_elements=[LoginThrottle.key],
            set_={
                "failures": _failures_expr(window_start),
                "window_started_at": _window_expr(window_start, now),
            },
        )
    )
    if lock_at is not None:
        await db.execute(
            update(LoginThrottle)
            .where(LoginThrottle.key == key, LoginThrottle.failures >= lock_at)
            .values(
                locked_until=now + timedelta(seconds=settings.lockout_seconds),
                failures=0,
                window_started_at=now,
            )
        )


def _failures_expr(window_start: datetime) -> ColumnElement[int]:
    return case((LoginThrottle.window_started_at < window_start, 1), else_=LoginThrottle.failures + 1)


def _window_expr(window_start: datetime, now: datetime) -> ColumnElement[datetime]:
    return case((LoginThrottle.window_started_at < window_start, now), else_=LoginThrottle.window_started_at)


@router.post(
    "/login",
    summary="Sign in with e-mail and password (sets the session cookie)",
    responses=problem_responses(400, 401, 422, 423, 429),
)
async def login(body: Login, request: Request, response: Response, db: DbSession) -> LoginResult:
    settings: IdentitySettings = request.app.state.settings
    email = body.email.lower()
    now = datetime.now(UTC)
    account_key, ip_key = f"account:{email}", f"ip:{_ip(request)}"

    account = await _throttle(db, account_key)
    if account is not None and account.locked_until is not None and account.locked_until > now:
        wait = int((account.locked_until - now).total_seconds()) + 1
        raise AccountLocked(
            f"Too many wrong passwords. Try again in {max(1, wait // 60)} minute(s), or reset your password.",
            headers={"Retry-After": str(wait)},
        )
    by_ip = await _throttle(db, ip_key)
    window_start = now - timedelta(seconds=settings.failure_window_seconds)
    if (
        by_ip is not None
        and by_ip.window_started_at >= window_start
        and by_ip.failures >= settings.ip_failure_threshold
    ):
        retry = int((by_ip.window_started_at - window_start).total_seconds()) + 1
        raise TooManyAttempts(
            "Too many failed sign-ins from this address.", headers={"Retry-After": str(retry)}
        )

    found = (
        await db.execute(
            select(Person, PasswordCredential.password_hash)
            .outerjoin(PasswordCredential, PasswordCredential.person_id == Person.id)
            .where(Person.email == email)
        )
    ).first()
    person, encoded = (found[0], found[1]) if found else (None, None)
    # Unknown e-mails cost the same argon2 time as known ones.
    ok = await anyio.to_thread.run_sync(passwords.verify_secret, settings, encoded, body.password)
    if not ok or person is None or person.status != "active":
        await _count_failure(db, account_key, settings, settings.lockout_threshold)
        await _count_failure(db, ip_key, settings, None)
        await db.commit()  # the failure counts even though the request fails
        raise InvalidCredentials("The e-mail address or the password is not right.")

    assert encoded is not None
    if passwords.needs_rehash(settings, encoded):
        rehashed = await anyio.to_thread.run_sync(passwords.hash_secret, settings, body.password)
        credential = await db.get(PasswordCredential, person.id)
        if credential is not None:
            credential.password_hash = rehashed
    await db.execute(delete(LoginThrottle).where(LoginThrottle.key == account_key))
    await sessions.start_session(
        db,
        response,
        settings,
        person.id,
        amr=["pwd"],
        ip=_ip(request),
        user_agent=request.headers.get("user-agent", ""),
    )
    return LoginResult(status="signed_in")


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
    response = Response(status_code=204)
    sessions.clear_cookie(response, request.app.state.settings)
    return response
