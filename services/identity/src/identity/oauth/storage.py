"""What authlib's (synchronous) server reads and writes, done with the request's async session.

Authlib runs in a worker thread (`anyio.to_thread.run_sync`). Each storage call it makes hops
back to the event loop with `on_loop` (`anyio.from_thread.run`) and uses the request's own
`AsyncSession`. So everything one OAuth request writes - a used code, a rotated refresh token, a
revoked family - commits or rolls back with that request, in one transaction, like every other
endpoint; and no second (synchronous) connection can wait on a row lock held by the first.
"""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable
from contextvars import ContextVar
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any, TypeVar

import anyio.from_thread
from joserfc.jwk import KeySet, RSAKey
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from identity.oauth import keys, subjects
from identity.oauth.models import AuthorizationCode, OAuthClient, RefreshToken
from identity.oauth.tokens import revoke_family, secret_hash
from identity.people.models import Person
from identity.settings import IdentitySettings

T = TypeVar("T")


@dataclass
class Context:
    """One OAuth request's database session (and its signing key, read once)."""

    db: AsyncSession
    settings: IdentitySettings
    signing_key: RSAKey | None = None
    cache: dict[str, Any] = field(default_factory=dict)


_context: ContextVar[Context] = ContextVar("oauth_context")


def ctx() -> Context:
    return _context.get()


def run_with(context: Context, call: Callable[[], T]) -> T:
    """Run authlib code in this worker thread with the request's context."""
    token = _context.set(context)
    try:
        return call()
    finally:
        _context.reset(token)


def on_loop(function: Callable[..., Awaitable[T]], *args: Any) -> T:
    """Run an async storage call on the event loop from authlib's worker thread. The loop runs
    it as a task of its own, which would not see this thread's context: hand it over."""
    context = _context.get()

    async def call() -> T:
        _context.set(context)
        return await function(*args)

    return anyio.from_thread.run(call)


@dataclass
class Subject:
    """A person as a token subject: who, since when signed in, how, through which sign-in."""

    person: Person
    auth_time: datetime
    amr: list[str]
    session_id: uuid.UUID | None
    claims: dict[str, Any] = field(default_factory=dict)

    def get_user_id(self) -> str:
        return str(self.person.id)


async def load_client(client_id: str) -> tuple[OAuthClient, dict[str, Any]] | None:
    """An active client and the claims its own tokens carry."""
    db = ctx().db
    row = await db.scalar(
        select(OAuthClient).where(OAuthClient.client_id == client_id, OAuthClient.status == "active")
    )
    if row is None:
        return None
    return row, await subjects.client_claims(db, row)


async def load_subject(
    person_id: uuid.UUID, auth_time: datetime, amr: list[str], session_id: uuid.UUID | None
) -> Subject | None:
    """An active person with their DLA claims read now (so role changes reach the next token)."""
    db = ctx().db
    person = await db.get(Person, person_id)
    if person is None or person.status != "active":
        return None
    claims = await subjects.person_claims(db, person)
    return Subject(person, auth_time, amr, session_id, claims)


async def find_refresh(token: str) -> RefreshToken | None:
    """A live refresh token. Presenting one that was already rotated is reuse: someone holds a
    copy, so the whole family is revoked (RFC 9700 section 4.14.2). The row is locked, so two
    concurrent refreshes with one token cannot both succeed."""
    db = ctx().db
    row = await db.scalar(
        select(RefreshToken).where(RefreshToken.token_hash == secret_hash(token)).with_for_update()
    )
    if row is None or row.revoked_at is not None or row.expires_at <= datetime.now(UTC):
        return None
    if row.used_at is not None:
        await revoke_family(db, row.family_id)
        return None
    return row


async def mark_refresh_used(row: RefreshToken) -> None:
    row.used_at = datetime.now(UTC)
    await ctx().db.flush()


async def save_refresh(token: str, client_id: str, subject: Subject, scope: str, family: uuid.UUID) -> None:
    context = ctx()
    now = datetime.now(UTC)
    context.db.add(
        RefreshToken(
            token_hash=secret_hash(token),
            family_id=family,
            client_id=client_id,
            person_id=subject.person.id,
            session_id=subject.session_id,
            scope=scope,
            auth_time=subject.auth_time,
            expires_at=now + timedelta(seconds=context.settings.refresh_token_seconds),
        )
    )
    await context.db.flush()


async def save_code(code: str, client_id: str, subject: Subject, fields: dict[str, str | None]) -> None:
    context = ctx()
    now = datetime.now(UTC)
    context.db.add(
        AuthorizationCode(
            code_hash=secret_hash(code),
            client_id=client_id,
            person_id=subject.person.id,
            session_id=subject.session_id,
            redirect_uri=fields["redirect_uri"] or "",
            scope=fields["scope"] or "",
            nonce=fields["nonce"],
            code_challenge=fields["code_challenge"],
            code_challenge_method=fields["code_challenge_method"],
            auth_time=subject.auth_time,
            # Tokens issued from this code join this family, so a replayed code can revoke them.
            extra={"amr": list(subject.amr), "family": str(uuid.uuid4())},
            expires_at=now + timedelta(seconds=context.settings.authorization_code_seconds),
        )
    )
    await context.db.flush()


async def find_code(code: str, client_id: str) -> AuthorizationCode | None:
    """A live code of this client. A replayed code revokes the tokens issued from it
    (RFC 6749 section 4.1.2); the row is locked so a code is redeemed once even under a race."""
    db = ctx().db
    row = await db.scalar(
        select(AuthorizationCode).where(AuthorizationCode.code_hash == secret_hash(code)).with_for_update()
    )
    if row is None or row.client_id != client_id:
        return None
    if row.used_at is not None:
        family = row.extra.get("family")
        if isinstance(family, str):
            await revoke_family(db, uuid.UUID(family))
        return None
    if row.expires_at <= datetime.now(UTC):
        return None
    return row


async def mark_code_used(row: AuthorizationCode) -> None:
    row.used_at = datetime.now(UTC)
    await ctx().db.flush()


async def nonce_used(nonce: str, client_id: str) -> bool:
    found = await ctx().db.scalar(
        select(AuthorizationCode.code_hash)
        .where(AuthorizationCode.nonce == nonce, AuthorizationCode.client_id == client_id)
        .limit(1)
    )
    return found is not None


async def refresh_row(token: str) -> RefreshToken | None:
    return await ctx().db.scalar(select(RefreshToken).where(RefreshToken.token_hash == secret_hash(token)))


async def revoke_refresh_family(row: RefreshToken) -> None:
    await revoke_family(ctx().db, row.family_id)


async def signing_key() -> RSAKey:
    context = ctx()
    if context.signing_key is None:
        context.signing_key = await keys.active_key(context.db)
    return context.signing_key


async def published_keys() -> KeySet:
    return keys.public_key_set(await keys.published(ctx().db))
