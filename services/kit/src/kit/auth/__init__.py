"""Access-token verification and relation-based authorization, shared by every service."""

from kit.auth.dependencies import (
    CurrentPrincipal,
    InsufficientScope,
    OptionalPrincipal,
    require_roles,
    require_scopes,
)
from kit.auth.principal import (
    Grant,
    Principal,
    governs,
    governs_any,
    is_self,
    is_supervisor_of,
    principal_from_claims,
)
from kit.auth.verifier import InvalidToken, KeySource, RemoteJwks, TokenVerifier

__all__ = [
    "CurrentPrincipal",
    "Grant",
    "InsufficientScope",
    "InvalidToken",
    "KeySource",
    "OptionalPrincipal",
    "Principal",
    "RemoteJwks",
    "TokenVerifier",
    "governs",
    "governs_any",
    "is_self",
    "is_supervisor_of",
    "principal_from_claims",
    "require_roles",
    "require_scopes",
]
