"""Token-signing keys: creation, rotation, the published JWKS and a key source for kit.auth.

Rotation in three states: a `next` key is published in the JWKS before it ever signs (caches of
the verifiers pick it up), then it becomes the one `active` key; the old active key is `retired`
and stays published until every token it signed has expired (`retire_after`).
"""

from __future__ import annotations

import asyncio
import secrets
import time
from datetime import UTC, datetime, timedelta
from typing import Any

from fastapi import FastAPI
from joserfc.jwk import KeySet, RSAKey
from sqlalchemy import or_, select, text
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from identity.oauth.models import SigningKey
from identity.settings import IdentitySettings

KEY_BITS = 2048
ALG = "RS256"
# Serialises key changes across replicas (ensure at start-up, rotation): two processes starting
# at once must not both create an active key.
_LOCK_ID = 0x646C_616B  # "dlak"


def _new_key(status: str) -> SigningKey:
    kid = f"{datetime.now(UTC):%Y%m%d}-{secrets.token_hex(6)}"
    key = RSAKey.generate_key(KEY_BITS, parameters={"kid": kid, "alg": ALG, "use": "sig"})
    return SigningKey(
        kid=kid,
        alg=ALG,
        private_jwk=dict(key.as_dict(private=True)),
        public_jwk=dict(key.as_dict(private=False)),
        status=status,
        activated_at=datetime.now(UTC) if status == "active" else None,
    )


def longest_token_seconds(settings: IdentitySettings) -> int:
    """How long a token signed now may still be accepted (its lifetime plus the clock leeway)."""
    return max(settings.access_token_seconds, settings.id_token_seconds) + settings.auth_leeway_seconds


async def _lock(db: AsyncSession) -> None:
    await db.execute(text("SELECT pg_advisory_xact_lock(:id)"), {"id": _LOCK_ID})


async def ensure_keys(db: AsyncSession) -> None:
    """An active key signs; a `next` key is already published, so rotation never surprises a cache."""
    await _lock(db)
    statuses = set((await db.scalars(select(SigningKey.status))).all())
    if "active" not in statuses:
        db.add(_new_key("active"))
    if "next" not in statuses:
        db.add(_new_key("next"))
    await db.flush()


async def rotate(db: AsyncSession, *, keep_seconds: int) -> SigningKey:
    """`next` becomes active, the active key retires (still published for `keep_seconds`), and a
    new `next` key is published. Returns the new active key."""
    await ensure_keys(db)
    keys = {
        key.status: key
        for key in (await db.scalars(select(SigningKey).where(SigningKey.status != "retired")))
    }
    now = datetime.now(UTC)
    old, new = keys["active"], keys["next"]
    old.status, old.retired_at, old.retire_after = "retired", now, now + timedelta(seconds=keep_seconds)
    await db.flush()  # one active key at a time (a unique index): retire first
    new.status, new.activated_at = "active", now
    db.add(_new_key("next"))
    await db.flush()
    return new


async def rotate_if_due(db: AsyncSession, settings: IdentitySettings) -> SigningKey | None:
    """Rotate when the active key has signed for `key_rotation_days` and the `next` key has been
    published for longer than any verifier caches the JWKS."""
    await ensure_keys(db)
    rows = {
        key.status: key
        for key in (await db.scalars(select(SigningKey).where(SigningKey.status != "retired")))
    }
    now = datetime.now(UTC)
    active, upcoming = rows["active"], rows["next"]
    since = active.activated_at or active.created_at
    published_for = (now - upcoming.created_at).total_seconds()
    if (
        now - since < timedelta(days=settings.key_rotation_days)
        or published_for < settings.jwks_cache_seconds
    ):
        return None
    return await rotate(db, keep_seconds=longest_token_seconds(settings))


async def published(db: AsyncSession) -> list[SigningKey]:
    """Keys in the JWKS: next, active, and retired ones whose tokens may still be alive."""
    rows = await db.scalars(
        select(SigningKey)
        .where(or_(SigningKey.status != "retired", SigningKey.retire_after > datetime.now(UTC)))
        .order_by(SigningKey.created_at)
    )
    return list(rows.all())


async def all_keys(db: AsyncSession) -> list[SigningKey]:
    """Every key, newest first (for administrators)."""
    return list((await db.scalars(select(SigningKey).order_by(SigningKey.created_at.desc()))).all())


def public_jwk(key: SigningKey) -> dict[str, Any]:
    return dict(key.public_jwk) | {"kid": key.kid, "use": "sig", "alg": key.alg}


def jwks_document(keys: list[SigningKey]) -> dict[str, Any]:
    return {"keys": [public_jwk(key) for key in keys]}


def public_key_set(keys: list[SigningKey]) -> KeySet:
    return KeySet([RSAKey.import_key(public_jwk(key)) for key in keys])


async def active_key(db: AsyncSession) -> RSAKey:
    """The one key that signs now (created when there is none yet)."""
    row = await db.scalar(select(SigningKey).where(SigningKey.status == "active"))
    if row is None:
        await ensure_keys(db)
        row = await db.scalar(select(SigningKey).where(SigningKey.status == "active"))
    if row is None:  # pragma: no cover - ensure_keys just created it
        raise RuntimeError("no active signing key")
    return RSAKey.import_key(dict(row.private_jwk), parameters={"kid": row.kid, "alg": row.alg, "use": "sig"})


class LocalKeySource:
    """kit.auth's `KeySource` for identity itself: the published keys, read from the database.

    Cached for `cache_seconds`; kit's verifier asks with `refresh=True` when it meets an unknown
    `kid`, so a rotation done by another replica is seen at once.
    """

    def __init__(self, app: FastAPI | None = None, *, cache_seconds: float = 60) -> None:
        self.app = app  # set once the app exists
        self.cache_seconds = cache_seconds
        self._keys: KeySet | None = None
        self._at = 0.0
        self._lock = asyncio.Lock()

    async def keys(self, *, refresh: bool) -> KeySet:
        if self._keys is not None and not refresh and time.monotonic() - self._at < self.cache_seconds:
            return self._keys
        if self.app is None:
            raise RuntimeError("LocalKeySource used before its app was set")
        asked_at = time.monotonic()
        async with self._lock:
            if self._keys is not None and self._at > asked_at:  # another request just loaded them
                return self._keys
            sessionmaker: async_sessionmaker[AsyncSession] = self.app.state.sessionmaker
            async with sessionmaker() as db:
                rows = await published(db)
            self._keys = public_key_set(rows)
            self._at = time.monotonic()
            return self._keys

    def forget(self) -> None:
        """Drop the cache (after a rotation in this process)."""
        self._keys = None
