"""Where verification keys come from: the `KeySource` protocol and identity's JWKS over HTTP."""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Iterable, Mapping
from typing import Any, Protocol

import httpx
from joserfc.errors import JoseError
from joserfc.jwk import ECKey, Key, KeySet, RSAKey

logger = logging.getLogger("kit.auth")

# Only asymmetric signing keys are ever trusted: a symmetric ("oct") key published by mistake
# must not become an HMAC secret anybody who read the JWKS could sign with.
_KEY_TYPES: dict[str, type[RSAKey] | type[ECKey]] = {"RSA": RSAKey, "EC": ECKey}


class KeysUnavailable(Exception):
    """No verification keys could be had (identity unreachable before its JWKS was ever read)."""


class KeySource(Protocol):
    """Where verification keys come from (identity's JWKS over HTTP, or identity's own table)."""

    async def keys(self, *, refresh: bool) -> KeySet:
        """The published keys; `refresh` asks for a fresh copy (an unknown `kid` was seen)."""
        ...


def signing_keys(document: Mapping[str, Any]) -> KeySet:
    """The usable public signing keys of a JWKS document; malformed or foreign entries are skipped."""
    entries = document.get("keys")
    if not isinstance(entries, list):
        raise ValueError("a JWKS document needs a list of keys")
    return KeySet(list(_importable(entries)))


def _importable(entries: Iterable[object]) -> Iterable[Key]:
    for entry in entries:
        if not isinstance(entry, dict) or not isinstance(entry.get("kid"), str):
            continue
        key_type = _KEY_TYPES.get(str(entry.get("kty")))
        if key_type is None or entry.get("use", "sig") != "sig":
            continue
        try:
            yield key_type.import_key(entry)
        except (JoseError, ValueError, TypeError):
            logger.warning("JWKS key %s skipped: it does not import", entry.get("kid"))


class RemoteJwks:
    """A JWKS document fetched over HTTP and cached for `cache_seconds`.

    One fetch is in flight at a time; requests that waited for it use its result. After a failed
    fetch the last good keys stay in use, and nothing is fetched again for `retry_seconds`.
    """

    def __init__(
        self, url: str, *, cache_seconds: float = 300, timeout: float = 5, retry_seconds: float = 1
    ) -> None:
        self.url = url
        self.cache_seconds = cache_seconds
        self.timeout = timeout
        self.retry_seconds = retry_seconds
        self.fetches = 0
        self._keys: KeySet | None = None
        self._fetched_at = -float("inf")
        self._failed_at = -float("inf")
        self._lock = asyncio.Lock()

    async def keys(self, *, refresh: bool) -> KeySet:
        if (
            self._keys is not None
            and not refresh
            and time.monotonic() - self._fetched_at < self.cache_seconds
        ):
            return self._keys
        attempts = self.fetches
        async with self._lock:
            recently_failed = time.monotonic() - self._failed_at < self.retry_seconds
            if self.fetches == attempts and not recently_failed:
                await self._fetch()
            # else: a fetch finished (or failed) while this request waited; its result stands.
            if self._keys is None:
                raise KeysUnavailable(f"no keys from {self.url}")
            return self._keys

    async def _fetch(self) -> None:
        self.fetches += 1
        try:
            async with httpx.AsyncClient(timeout=self.timeout, trust_env=False) as client:
                response = await client.get(self.url, headers={"Accept": "application/json"})
                response.raise_for_status()
                document = response.json()
            if not isinstance(document, dict):
                raise ValueError("the JWKS document is not an object")
            self._keys = signing_keys(document)
            self._fetched_at = time.monotonic()
        except (httpx.HTTPError, ValueError, TypeError) as exc:
            self._failed_at = time.monotonic()
            logger.warning("JWKS fetch from %s failed: %r", self.url, exc)
