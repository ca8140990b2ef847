"""Who is calling, read from a verified access token, and the relations that authorize them."""

from __future__ import annotations

import functools
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any


@dataclass(frozen=True)
class Grant:
    """A role held over one organisation and everything under it (`hr_manager`, `org_admin`)."""

    role: str
    org_id: uuid.UUID


@dataclass(frozen=True)
class Principal:
    """The caller. A person (`person_id` set) or a machine client (`person_id` None)."""

    subject: str
    client_id: str
    scopes: frozenset[str]
    person_id: uuid.UUID | None
    unit_id: uuid.UUID | None
    org_path: tuple[uuid.UUID, ...]
    tenant_id: uuid.UUID | None
    roles: frozenset[str]
    grants: tuple[Grant, ...]
    claims: Mapping[str, Any] = field(repr=False, compare=False)

    @property
    def is_machine(self) -> bool:
        """A client acting for itself (client credentials), not for a person."""
        return self.person_id is None

    @property
    def is_platform_admin(self) -> bool:
        """Holds the platform-wide admin role (governs every organisation)."""
        return "platform_admin" in self.roles


class InvalidClaims(ValueError):
    """A signed token whose DLA claims are not shaped as the token contract says."""


@functools.lru_cache(maxsize=8192)
def _parse_uuid(value: str) -> uuid.UUID | None:
    # Organisation ids repeat in every token of a ministry; parsing each once is enough.
    try:
        return uuid.UUID(value)
    except ValueError:
        return None


def _uuid(value: object, name: str) -> uuid.UUID:
    if not isinstance(value, str):
        raise InvalidClaims(f"{name} must be a string")
    parsed = _parse_uuid(value) if len(value) <= 64 else None
    if parsed is None:
        raise InvalidClaims(f"{name} is not a UUID")
    return parsed


def _strings(value: object, name: str) -> list[str]:
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise InvalidClaims(f"{name} must be a list of strings")
    return value


def principal_from_claims(claims: Mapping[str, Any]) -> Principal:
    """Build a `Principal` from verified claims (see the token contract in docs/architecture.md)."""
    subject = claims.get("sub")
    client_id = claims.get("client_id")
    if not isinstance(subject, str) or not subject or not isinstance(client_id, str) or not client_id:
        raise InvalidClaims("sub and client_id are required")
    scope = claims.get("scope", "")
    if not isinstance(scope, str):
        raise InvalidClaims("scope must be a space-separated string")
    org_path = tuple(_uuid(item, "org_path") for item in _strings(claims.get("org_path"), "org_path"))
    raw_grants = claims.get("grants") or []
    if not isinstance(raw_grants, list):
        raise InvalidClaims("grants must be a list")
    grants = []
    for item in raw_grants:
        if not isinstance(item, dict) or not isinstance(item.get("role"), str):
            raise InvalidClaims("each grant needs a role and an org")
        grants.append(Grant(item["role"], _uuid(item.get("org"), "grants.org")))
    unit = claims.get("unit")
    tenant = claims.get("tenant")
    is_person = unit is not None
    return Principal(
        subject=subject,
        client_id=client_id,
        scopes=frozenset(scope.split()),
        person_id=_uuid(subject, "sub") if is_person else None,
        unit_id=_uuid(unit, "unit") if is_person else None,
        org_path=org_path,
        tenant_id=_uuid(tenant, "tenant") if tenant is not None else None,
        roles=frozenset(_strings(claims.get("roles"), "roles")),
        grants=tuple(grants),
        # Read-only: a verified principal is shared by every request that sends the same token.
        claims=MappingProxyType(dict(claims)),
    )


def is_self(principal: Principal, person_id: uuid.UUID) -> bool:
    """The caller is this person."""
    return principal.person_id is not None and principal.person_id == person_id


def is_supervisor_of(principal: Principal, supervisor_id: uuid.UUID | None) -> bool:
    """The caller is the direct supervisor of someone whose supervisor is `supervisor_id`."""
    return supervisor_id is not None and principal.person_id == supervisor_id


def governs(principal: Principal, role: str, target_path: Sequence[uuid.UUID]) -> bool:
    """The caller holds `role` over the organisation whose path (root first) is `target_path`.

    A platform admin governs everything. A person governs through a grant of `role` on any
    organisation on the target's path. A machine client governs its own organisation's subtree.
    """
    if principal.is_platform_admin:
        return True
    if principal.is_machine:
        return bool(principal.org_path) and principal.org_path[-1] in target_path
    return any(grant.role == role and grant.org_id in target_path for grant in principal.grants)


def governs_any(principal: Principal, roles: Sequence[str], target_path: Sequence[uuid.UUID]) -> bool:
    """`governs` for any of several roles."""
    return any(governs(principal, role, target_path) for role in roles)
