"""The identity provider's browser session: an HttpOnly cookie holding a random token."""

from __future__ import annotations

import hashlib
import secrets
import uuid
from datetime import UTC, datetime, timedelta

from fastapi import Request, Response
from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from identity.accounts.models import BrowserSession
from identity.people.models import Person
from identity.settings import IdentitySettings


def token_hash(token: str) -> str:
    """Only hashes of bearer secrets are stored (sessions, codes, refresh tokens)."""
    return hashlib.sha256(token.encode()).hexdigest()


async def start_session(
    db: AsyncSession,
    response: Response,
    settings: IdentitySettings,
    person_id: uuid.UUID,
    *,
    amr: list[str],
    ip: str | None,
    user_agent: str,
) -> BrowserSession:
    """Create a session row and set its cookie on `response`."""
    token = secrets.token_urlsafe(32)
    now = datetime.now(UTC)
    row = BrowserSession(
        token_hash=token_hash(token),
        person_id=person_id,
        amr=amr,
        auth_time=now,
        expires_at=now + timedelta(seconds=settings.session_seconds),
        ip=ip,
        user_agent=user_agent[:300],
    )
    db.add(row)
    await db.flush()
    response.set_cookie(
        settings.session_cookie_name,
        token,
        max_age=settings.session_seconds,
        httponly=True,
        secure=settings.session_cookie_secure,
        samesite="lax",
        path="/",
    )
    return row


async def current_session(request: Request, db: AsyncSession) -> tuple[BrowserSession, Person] | None:
    """The live session of the cookie, and its person when they may still sign in."""
    settings: IdentitySettings = request.app.state.settings
    token = request.cookies.get(settings.session_cookie_name)
    if not token or len(token) > 200:
        return None
    row = (
        await db.execute(
            select(BrowserSession, Person)
            .join(Person, Person.id == BrowserSession.person_id)
            .where(
                BrowserSession.token_hash == token_hash(token),
                BrowserSession.ended_at.is_(None),
                BrowserSession.expires_at > datetime.now(UTC),
                Person.status == "active",
            )
        )
    ).first()
    return (row[0], row[1]) if row else None


async def end_session(db: AsyncSession, session_id: uuid.UUID) -> None:
    await db.execute(
        update(BrowserSession)
        .where(BrowserSession.id == session_id, BrowserSession.ended_at.is_(None))
        .values(ended_at=datetime.now(UTC))
    )


async def end_sessions(
    db: AsyncSession, person_id: uuid.UUID, *, keep: uuid.UUID | None = None
) -> list[uuid.UUID]:
    """End every session of a person (password reset, suspension, erasure), but `keep`; the ids."""
    statement = update(BrowserSession).where(
        BrowserSession.person_id == person_id, BrowserSession.ended_at.is_(None)
    )
    if keep is not None:
        statement = statement.where(BrowserSession.id != keep)
    ended = await db.scalars(statement.values(ended_at=datetime.now(UTC)).returning(BrowserSession.id))
    return list(ended.all())


def clear_cookie(response: Response, settings: IdentitySettings) -> None:
    response.delete_cookie(settings.session_cookie_name, path="/", httponly=True, samesite="lax")
