"""Password sign-in: throttling, lockout, ALTCHA after failures, the optional second factor."""

from __future__ import annotations

from dataclasses import dataclass
from typing import NoReturn

import anyio.to_thread
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from identity.accounts import altcha, passwords, throttle, tokens, totp
from identity.accounts.exceptions import (
    AccountLocked,
    CaptchaNeeded,
    EmailNotVerified,
    InvalidCredentials,
    TokenInvalid,
    TooManyAttempts,
)
from identity.accounts.models import PasswordCredential
from identity.people.models import Person
from identity.settings import IdentitySettings

WRONG = "The e-mail address or the password is not right."


@dataclass(frozen=True)
class SignedIn:
    person: Person
    amr: list[str]


@dataclass(frozen=True)
class SecondFactorNeeded:
    challenge: str


async def check_gates(db: AsyncSession, settings: IdentitySettings, email: str, ip: str) -> int:
    """Refuse a throttled address or a locked account; the account's failures in the window."""
    by_ip = await throttle.standing(db, settings, throttle.ip_key(ip))
    if by_ip.failures >= settings.ip_failure_threshold:
        raise TooManyAttempts(by_ip.window_left)
    account = await throttle.standing(db, settings, throttle.account_key(email))
    if account.locked_for:
        raise AccountLocked(account.locked_for)
    return account.failures


async def fail(
    db: AsyncSession, settings: IdentitySettings, email: str, ip: str, detail: str = WRONG
) -> NoReturn:
    """Count a failure for the account and the address, then refuse (locking at the threshold)."""
    await throttle.record_failure(db, settings, throttle.ip_key(ip), lock_at=None)
    account = await throttle.record_failure(
        db, settings, throttle.account_key(email), lock_at=settings.lockout_threshold
    )
    if account.locked_for:
        raise AccountLocked(account.locked_for)
    raise InvalidCredentials(detail, captcha_required=account.failures >= settings.captcha_after_failures)


async def password_sign_in(
    db: AsyncSession,
    settings: IdentitySettings,
    *,
    email: str,
    password: str,
    altcha_payload: str | None,
    ip: str,
) -> SignedIn | SecondFactorNeeded:
    """Check e-mail and password; unknown e-mails cost the same time and count the same."""
    email = email.strip().lower()
    failures = await check_gates(db, settings, email, ip)
    if failures >= settings.captcha_after_failures:
        if not altcha_payload:
            raise InvalidCredentials(
                "Several attempts failed: solve the proof-of-work check and try again.",
                captcha_required=True,
            )
        try:
            await altcha.verify(db, settings, altcha_payload)
        except altcha.CaptchaInvalid as exc:
            raise CaptchaNeeded(exc.detail or "The proof-of-work solution is not valid.") from exc
    found = (
        await db.execute(
            select(Person, PasswordCredential)
            .outerjoin(PasswordCredential, PasswordCredential.person_id == Person.id)
            .where(Person.email == email)
        )
    ).first()
    person, credential = (found[0], found[1]) if found else (None, None)
    encoded = credential.password_hash if credential is not None else None
    ok = await anyio.to_thread.run_sync(passwords.verify_secret, settings, encoded, password)
    if not ok or person is None or credential is None or person.status != "active":
        await fail(db, settings, email, ip)
    assert person is not None
    assert credential is not None
    if not person.email_verified:
        raise EmailNotVerified("Confirm your e-mail address first: open the link we sent you.")
    if passwords.needs_rehash(settings, credential.password_hash):
        credential.password_hash = await anyio.to_thread.run_sync(passwords.hash_secret, settings, password)
    await throttle.clear(db, throttle.account_key(email))
    if await totp.enabled(db, person.id):
        challenge = await tokens.issue(db, "second_factor", person.id, seconds=tokens.SECOND_FACTOR_SECONDS)
        return SecondFactorNeeded(challenge)
    return SignedIn(person, ["pwd"])


async def second_factor(
    db: AsyncSession, settings: IdentitySettings, *, challenge: str, code: str, ip: str
) -> SignedIn:
    """The TOTP code that completes a password sign-in; wrong codes count as failed sign-ins."""
    pending = await tokens.find(db, "second_factor", challenge)
    if pending is None:
        raise TokenInvalid("The sign-in step expired: sign in again.")
    person = await db.get(Person, pending.person_id)
    if person is None or person.status != "active":
        raise TokenInvalid("The sign-in step expired: sign in again.")
    await check_gates(db, settings, person.email, ip)
    if not await totp.accept_code(db, person.id, code):
        await fail(db, settings, person.email, ip, "The code is not right. Use the newest code of your app.")
    tokens.use(pending)
    return SignedIn(person, ["pwd", "otp"])
