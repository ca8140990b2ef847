"""Token-signing keys: creation, rotation, the published JWKS and a key source for kit.auth."""

from __future__ import annotations

import secrets
import time
from datetime import UTC, datetime, timedelta
from typing import Any

from fastapi import FastAPI
from joserfc.jwk import KeySet, RSAKey
from sqlalchemy import or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from identity.oauth.models import SigningKey

KEY_BITS = 2048


def _new_key(status: str) -> SigningKey:
    kid = f"{datetime.now(UTC):%Y%m%d}-{secrets.token_hex(4)}"
    key = RSAKey.generate_key(KEY_BITS, parameters={"kid": kid, "alg": "RS256", "use": "sig"})
    return SigningKey(
        kid=kid,
        alg="RS256",
        private_jwk=dict(key.as_dict(private=True)),
        public_jwk=dict(key.as_dict(private=False)),
        status=status,
        activated_at=datetime.now(UTC) if status == "active" else None,
    )


async def ensure_keys(db: AsyncSession) -> None:
    """An active key signs; a `next` key is already published so rotation never surprises a cache."""
    statuses = set((await db.scalars(select(SigningKey.status).with_for_update())).all())
    if "active" not in statuses:
        db.add(_new_key("active"))
    if "next" not in statuses:
        db.add(_new_key("next"))
    await db.flush()


async def rotate(db: AsyncSession, *, keep_seconds: int) -> SigningKey:
    """`next` becomes active, the active key retires (still published for `keep_seconds`)."""
    await ensure_keys(db)
    keys = {key.status: key for key in (await db.scalars(select(SigningKey).with_for_update())).all()}
    now = datetime.now(UTC)
    old, new = keys["active"], keys["next"]
    old.status, old.retired_at, old.retire_after = "retired", now, now + timedelta(seconds=keep_seconds)
    await db.flush()  # one active key at a time: retire first
    new.status, new.activated_at = "active", now
    db.add(_new_key("next"))
    await db.flush()
    return new


async def published(db: AsyncSession) -> list[SigningKey]:
    """Keys in the JWKS: next, active, and retired ones whose tokens may still be alive."""
    rows = await db.scalars(
        select(SigningKey)
        .where(or_(SigningKey.status != "retired", SigningKey.retire_after > datetime.now(UTC)))
        .order_by(SigningKey.created_at)
    )
    return list(rows.all())


def jwks_document(keys: list[SigningKey]) -> dict[str, Any]:
    return {"keys": [dict(key.public_jwk) | {"use": "sig", "alg": key.alg} for key in keys]}


async def active_key(db: AsyncSession) -> RSAKey:
    row = await db.scalar(select(SigningKey).where(SigningKey.status == "active"))
    if row is None:
        await ensure_keys(db)
        row = await db.scalar(select(SigningKey).where(SigningKey.status == "active"))
    assert row is not None
    return RSAKey.import_key(dict(row.private_jwk), parameters={"kid": row.kid})


class LocalKeySource:
    """kit.auth's `KeySource` for identity itself: the published keys, read from the database."""

    def __init__(self, app: FastAPI | None = None, *, cache_seconds: float = 60) -> None:
        self.app = app  # set once the app exists
        self.cache_seconds = cache_seconds
        self._keys: KeySet | None = None
        self._at = 0.0

    async def keys(self, *, refresh: bool) -> KeySet:
        if self._keys is not None and not refresh and time.monotonic() - self._at < self.cache_seconds:
            return self._keys
        assert self.app is not None, "LocalKeySource used before its app was set"
        async with self.app.state.sessionmaker() as db:
            rows = await published(db)
        self._keys = KeySet([RSAKey.import_key(dict(row.public_jwk)) for row in rows])
        self._at = time.monotonic()
        return self._keys
