"""The optional TOTP second factor (RFC 6238: 6 digits, 30 s steps, one step of clock drift)."""

from __future__ import annotations

import hmac
import time
import uuid
from datetime import UTC, datetime

import pyotp
from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncSession

from identity.accounts.models import TotpCredential
from kit.problems import Conflict

ISSUER = "DLA"
DRIFT_STEPS = 1


async def enabled(db: AsyncSession, person_id: uuid.UUID) -> bool:
    """Whether the person confirmed a second factor (sign-in then asks for a code)."""
    confirmed = await db.scalar(
        select(TotpCredential.person_id).where(
            TotpCredential.person_id == person_id, TotpCredential.confirmed_at.isnot(None)
        )
    )
    return confirmed is not None


async def enrol(db: AsyncSession, person_id: uuid.UUID, email: str) -> tuple[str, str]:
    """A new secret waiting for its first code; (secret, otpauth URI for the QR code)."""
    row = await db.get(TotpCredential, person_id, with_for_update=True)
    if row is not None and row.confirmed_at is not None:
        raise Conflict("A second factor is already on: turn it off before setting up a new one.")
    secret = pyotp.random_base32()
    if row is None:
        db.add(TotpCredential(person_id=person_id, secret=secret, last_step=0))
    else:
        row.secret, row.last_step = secret, 0
    await db.flush()
    return secret, pyotp.TOTP(secret).provisioning_uri(name=email, issuer_name=ISSUER)


async def confirm(db: AsyncSession, person_id: uuid.UUID, code: str) -> bool:
    """Turn the enrolled secret on with its first valid code."""
    row = await db.get(TotpCredential, person_id, with_for_update=True)
    if row is None or row.confirmed_at is not None:
        raise Conflict("There is no second factor waiting for confirmation: set one up first.")
    step = matching_step(row.secret, code, after=row.last_step)
    if step is None:
        return False
    row.last_step, row.confirmed_at = step, datetime.now(UTC)
    return True


async def disable(db: AsyncSession, person_id: uuid.UUID) -> bool:
    """Remove the second factor; whether there was one."""
    removed = await db.execute(
        delete(TotpCredential)
        .where(TotpCredential.person_id == person_id)
        .returning(TotpCredential.person_id)
    )
    return removed.first() is not None


async def accept_code(db: AsyncSession, person_id: uuid.UUID, code: str) -> bool:
    """A valid code of the confirmed factor, never one already used (its step is remembered)."""
    row = await db.get(TotpCredential, person_id, with_for_update=True)
    if row is None or row.confirmed_at is None:
        return False
    step = matching_step(row.secret, code, after=row.last_step)
    if step is None:
        return False
    row.last_step = step
    return True


def matching_step(secret: str, code: str, *, after: int, now: float | None = None) -> int | None:
    """The time step whose code is `code` (within the drift), if it is later than `after`."""
    code = code.strip().replace(" ", "")
    if len(code) != 6 or not code.isdigit():
        return None
    generator = pyotp.TOTP(secret)
    current = generator.timecode(now if now is not None else time.time())
    for step in range(current - DRIFT_STEPS, current + DRIFT_STEPS + 1):
        if step > after and hmac.compare_digest(generator.generate_otp(step), code):
            return step
    return None
