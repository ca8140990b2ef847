"""Single-use tokens (e-mail links and the pending second factor): only their hashes are stored."""

from __future__ import annotations

import secrets
import uuid
from datetime import UTC, datetime, timedelta

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from identity.accounts.models import OneTimeToken
from identity.accounts.sessions import token_hash

VERIFY_EMAIL_SECONDS = 48 * 3600
PASSWORD_RESET_SECONDS = 3600
SECOND_FACTOR_SECONDS = 5 * 60
MAX_TOKEN_CHARS = 200


async def issue(db: AsyncSession, purpose: str, person_id: uuid.UUID, *, seconds: int) -> str:
    """A new token for `purpose`; earlier unused ones of the same purpose stop working."""
    await revoke(db, purpose, person_id)
    token = secrets.token_urlsafe(32)
    db.add(
        OneTimeToken(
            purpose=purpose,
            token_hash=token_hash(token),
            person_id=person_id,
            expires_at=datetime.now(UTC) + timedelta(seconds=seconds),
        )
    )
    await db.flush()
    return token


async def find(db: AsyncSession, purpose: str, token: str) -> OneTimeToken | None:
    """The live (unused, unexpired) token, locked for this transaction; None otherwise."""
    if not token or len(token) > MAX_TOKEN_CHARS:
        return None
    row: OneTimeToken | None = await db.scalar(
        select(OneTimeToken)
        .where(
            OneTimeToken.token_hash == token_hash(token),
            OneTimeToken.purpose == purpose,
            OneTimeToken.used_at.is_(None),
            OneTimeToken.expires_at > datetime.now(UTC),
        )
        .with_for_update()
    )
    return row


def use(row: OneTimeToken) -> None:
    """Mark a token found with `find` as used (it commits with the action it allowed)."""
    row.used_at = datetime.now(UTC)


async def revoke(db: AsyncSession, purpose: str, person_id: uuid.UUID) -> None:
    await db.execute(
        update(OneTimeToken)
        .where(
            OneTimeToken.person_id == person_id,
            OneTimeToken.purpose == purpose,
            OneTimeToken.used_at.is_(None),
        )
        .values(used_at=datetime.now(UTC))
    )
