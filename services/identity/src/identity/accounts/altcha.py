"""ALTCHA proof of work on public forms: HMAC-signed challenges, each solution accepted once.

Protocol: ALTCHA PoW v2 (what the `altcha` widget v3 solves; the payload it sends is base64 JSON
`{challenge: {parameters, signature}, solution: {counter, derivedKey}}`). The challenge is
deterministic: the server picks the counter in [max/2, max) and publishes only a prefix of the key
it derives, so the client must try every counter up to it (bounded, predictable work), while
the server checks a solution with a single hash.
"""

from __future__ import annotations

import secrets
from datetime import UTC, datetime, timedelta
from functools import lru_cache
from typing import Any

import altcha
from sqlalchemy import delete
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from identity.accounts.models import UsedAltchaChallenge
from identity.settings import IdentitySettings
from kit.problems import DlaError

ALGORITHM = "SHA-256"
COST = 1  # one SHA-256 per counter tried: the work is the counter range, as in PoW v1
CHALLENGE_SECONDS = 5 * 60
MAX_PAYLOAD_CHARS = 4096


class CaptchaInvalid(DlaError):
    status, slug, title = 400, "captcha-invalid", "Proof-of-work check failed"


@lru_cache(maxsize=1)
def _development_key() -> str:
    return secrets.token_urlsafe(32)


def hmac_key(settings: IdentitySettings) -> str:
    """The configured key; in development and tests a random one per process is enough."""
    if settings.altcha_hmac_key:
        return settings.altcha_hmac_key
    if settings.environment == "production":
        raise RuntimeError("DLA_IDENTITY_ALTCHA_HMAC_KEY must be set in production")
    return _development_key()


def check_settings(settings: IdentitySettings) -> None:
    """Fail at start-up rather than at the first form when production has no key."""
    hmac_key(settings)


def new_challenge(settings: IdentitySettings) -> dict[str, Any]:
    """A fresh signed challenge, as the widget's `challenge` URL must answer."""
    top = settings.altcha_max_number
    challenge = altcha.create_challenge(
        ALGORITHM,
        COST,
        counter=top // 2 + secrets.randbelow(top - top // 2),
        expires_at=datetime.now(UTC) + timedelta(seconds=CHALLENGE_SECONDS),
        hmac_secret=hmac_key(settings),
    )
    document: dict[str, Any] = challenge.to_dict()
    return document


async def verify(db: AsyncSession, settings: IdentitySettings, payload: str | None) -> None:
    """Accept a solved challenge once (CaptchaInvalid otherwise); the use is recorded in `db`."""
    if not payload:
        raise CaptchaInvalid("Solve the proof-of-work check (ALTCHA) first.")
    if len(payload) > MAX_PAYLOAD_CHARS:
        raise CaptchaInvalid("The proof-of-work solution is not valid.")
    try:
        result = altcha.verify_solution(payload, hmac_key(settings))
    except (ValueError, TypeError, KeyError, AttributeError, RecursionError) as exc:
        raise CaptchaInvalid("The proof-of-work solution is not valid.") from exc
    if result.expired:
        raise CaptchaInvalid("The proof-of-work check expired: solve a new one.")
    if not result.verified:
        raise CaptchaInvalid("The proof-of-work solution is not valid.")
    parsed = altcha.Payload.from_base64(payload)
    expires_at = parsed.challenge.parameters.expires_at
    if not isinstance(expires_at, int):  # every challenge issued here expires
        raise CaptchaInvalid("The proof-of-work solution is not valid.")
    signature = str(parsed.challenge.signature)
    expires = datetime.fromtimestamp(expires_at, UTC)
    now = datetime.now(UTC)
    await db.execute(delete(UsedAltchaChallenge).where(UsedAltchaChallenge.expires_at < now))
    recorded = await db.scalar(
        insert(UsedAltchaChallenge)
        .values(signature=signature, expires_at=expires)
        .on_conflict_do_nothing(index_elements=[UsedAltchaChallenge.signature])
        .returning(UsedAltchaChallenge.signature)
    )
    if recorded is None:
        raise CaptchaInvalid("This proof-of-work solution was already used: solve a new one.")
