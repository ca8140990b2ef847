"""Passwords: argon2id hashing (OWASP parameters by default, set in IdentitySettings) and the policy."""

from __future__ import annotations

import unicodedata
from functools import lru_cache
from importlib import resources

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

from identity.settings import IdentitySettings
from kit.problems import DlaError


@lru_cache(maxsize=8)
def hasher(time_cost: int, memory_kib: int, parallelism: int) -> PasswordHasher:
    """One hasher per parameter set (argon2id is argon2-cffi's default type)."""
    return PasswordHasher(time_cost=time_cost, memory_cost=memory_kib, parallelism=parallelism)


def for_settings(settings: IdentitySettings) -> PasswordHasher:
    return hasher(settings.argon2_time_cost, settings.argon2_memory_kib, settings.argon2_parallelism)


def hash_secret(settings: IdentitySettings, secret: str) -> str:
    """An encoded argon2id hash (slow on purpose: call it off the event loop)."""
    return for_settings(settings).hash(secret)


def verify_secret(settings: IdentitySettings, encoded: str | None, secret: str) -> bool:
    """Whether `secret` matches; with no hash, a dummy verification keeps the timing the same."""
    ph = for_settings(settings)
    if encoded is None:
        encoded = _dummy_hash(
            settings.argon2_time_cost, settings.argon2_memory_kib, settings.argon2_parallelism
        )
        secret += "\0"
    try:
        return ph.verify(encoded, secret)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def needs_rehash(settings: IdentitySettings, encoded: str) -> bool:
    """The stored hash was made with other parameters (they were raised since)."""
    return for_settings(settings).check_needs_rehash(encoded)


@lru_cache(maxsize=8)
def _dummy_hash(time_cost: int, memory_kib: int, parallelism: int) -> str:
    return hasher(time_cost, memory_kib, parallelism).hash("dla-no-such-account")


class WeakPassword(DlaError):
    status, slug, title = 422, "weak-password", "Password not accepted"


@lru_cache(maxsize=1)
def common_passwords() -> frozenset[str]:
    """The shipped list of common and breached passwords (lower-cased)."""
    text = resources.files("identity.accounts").joinpath("data/common-passwords.txt").read_text("utf-8")
    return frozenset(line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#"))


def check_policy(settings: IdentitySettings, password: str, email: str) -> None:
    """NIST SP 800-63B style: a length range, no composition rules, no known or guessable password."""
    length = len(unicodedata.normalize("NFC", password))
    if length < settings.password_min_length:
        raise WeakPassword(f"The password must have at least {settings.password_min_length} characters.")
    if length > settings.password_max_length:
        raise WeakPassword(f"The password must have at most {settings.password_max_length} characters.")
    lowered = password.strip().lower()
    if lowered in common_passwords():
        raise WeakPassword("This password is too common: it appears in lists of leaked passwords.")
    address = email.strip().lower()
    if lowered in (address, address.partition("@")[0]):
        raise WeakPassword("The password must not be your e-mail address or its first part.")
