"""Ending refresh tokens and authorization codes: by family, sign-in, client or person.

Access tokens are short-lived JWTs verified locally by every service (no introspection), so they
cannot be recalled: they end on their own within `access_token_seconds`. What can be revoked is
everything that would mint new ones.
"""

from __future__ import annotations

import hashlib
import uuid
from datetime import UTC, datetime

from sqlalchemy import delete, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.sql.elements import ColumnElement

from identity.oauth.models import AuthorizationCode, RefreshToken


def secret_hash(token: str) -> str:
    """Only hashes of codes and refresh tokens are stored (they are random, so SHA-256 is enough)."""
    return hashlib.sha256(token.encode()).hexdigest()


async def _revoke_where(db: AsyncSession, condition: ColumnElement[bool]) -> int:
    result = await db.execute(
        update(RefreshToken)
        .where(condition, RefreshToken.revoked_at.is_(None))
        .values(revoked_at=datetime.now(UTC))
        .execution_options(synchronize_session=False)
    )
    return int(getattr(result, "rowcount", 0) or 0)


async def revoke_family(db: AsyncSession, family_id: uuid.UUID) -> int:
    """Revoke every refresh token descended from one sign-in at one client."""
    return await _revoke_where(db, RefreshToken.family_id == family_id)


async def revoke_session_tokens(db: AsyncSession, session_id: uuid.UUID) -> int:
    """Refresh tokens of one browser sign-in end with it (logout)."""
    return await _revoke_where(db, RefreshToken.session_id == session_id)


async def revoke_client_tokens(db: AsyncSession, client_id: str) -> int:
    """A revoked client keeps nothing that could mint tokens."""
    await db.execute(
        delete(AuthorizationCode)
        .where(AuthorizationCode.client_id == client_id, AuthorizationCode.used_at.is_(None))
        .execution_options(synchronize_session=False)
    )
    return await _revoke_where(db, RefreshToken.client_id == client_id)


async def revoke_person_tokens(db: AsyncSession, person_id: uuid.UUID) -> int:
    """Suspension and erasure: revoke all of a person's refresh tokens and drop their unused
    authorization codes. Returns how many refresh tokens were revoked."""
    await db.execute(
        delete(AuthorizationCode)
        .where(AuthorizationCode.person_id == person_id, AuthorizationCode.used_at.is_(None))
        .execution_options(synchronize_session=False)
    )
    return await _revoke_where(db, RefreshToken.person_id == person_id)
