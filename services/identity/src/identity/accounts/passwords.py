"""Password hashing with argon2id (OWASP parameters by default, set in IdentitySettings)."""

from __future__ import annotations

from functools import lru_cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

from identity.settings import IdentitySettings


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
