"""Failed sign-ins counted per account and per network address within a time window."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import ColumnElement, case, delete, select, update
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from identity.accounts.models import LoginThrottle
from identity.settings import IdentitySettings


def account_key(email: str) -> str:
    """Unknown addresses get a key too, so they lock exactly like real ones."""
    return f"account:{email.lower()[:280]}"


def ip_key(ip: str) -> str:
    return f"ip:{ip}"


@dataclass(frozen=True)
class Standing:
    """Where a key stands now: failures in the current window, and seconds left of a lock."""

    failures: int
    locked_for: int
    window_left: int


async def standing(db: AsyncSession, settings: IdentitySettings, key: str) -> Standing:
    row = await db.scalar(select(LoginThrottle).where(LoginThrottle.key == key))
    if row is None:
        return Standing(0, 0, 0)
    now = datetime.now(UTC)
    locked_for = 0
    if row.locked_until is not None and row.locked_until > now:
        locked_for = int((row.locked_until - now).total_seconds()) + 1
    window_end = row.window_started_at + timedelta(seconds=settings.failure_window_seconds)
    if window_end <= now:
        return Standing(0, locked_for, 0)
    return Standing(row.failures, locked_for, int((window_end - now).total_seconds()) + 1)


async def record_failure(
    db: AsyncSession, settings: IdentitySettings, key: str, *, lock_at: int | None
) -> Standing:
    """One more failure in the window (a new window when the last one ended); lock at `lock_at`."""
    now = datetime.now(UTC)
    window_start = now - timedelta(seconds=settings.failure_window_seconds)
    failures = await db.scalar(
        insert(LoginThrottle)
        .values(key=key, failures=1, window_started_at=now)
        .on_conflict_do_update(
            index_elements=[LoginThrottle.key],
            set_={
                "failures": _failures_after(window_start),
                "window_started_at": _window_after(window_start, now),
            },
        )
        .returning(LoginThrottle.failures)
    )
    if lock_at is not None and failures is not None and failures >= lock_at:
        await db.execute(
            update(LoginThrottle)
            .where(LoginThrottle.key == key)
            .values(
                locked_until=now + timedelta(seconds=settings.lockout_seconds),
                failures=0,
                window_started_at=now,
            )
        )
        return Standing(0, settings.lockout_seconds, settings.failure_window_seconds)
    return Standing(failures or 0, 0, settings.failure_window_seconds)


async def clear(db: AsyncSession, key: str) -> None:
    """Forget the failures of a key (after a successful sign-in or a password reset)."""
    await db.execute(delete(LoginThrottle).where(LoginThrottle.key == key))


def _failures_after(window_start: datetime) -> ColumnElement[int]:
    return case((LoginThrottle.window_started_at < window_start, 1), else_=LoginThrottle.failures + 1)


def _window_after(window_start: datetime, now: datetime) -> ColumnElement[datetime]:
    return case((LoginThrottle.window_started_at < window_start, now), else_=LoginThrottle.window_started_at)
