"""Access-token verification and relation-based authorization, shared by every service."""

from kit.auth.dependencies import (
    CurrentPrincipal,
    InsufficientScope,
    OptionalPrincipal,
    authenticate,
    bearer_challenge,
    require_roles,
    require_scopes,
)
from kit.auth.keys import KeySource, KeysUnavailable, RemoteJwks, signing_keys
from kit.auth.principal import (
    Grant,
    Principal,
    governs,
    governs_any,
    is_self,
    is_supervisor_of,
    principal_from_claims,
)
from kit.auth.verifier import InvalidToken, TokenVerifier, verifier_from_settings

__all__ = [
    "CurrentPrincipal",
    "Grant",
    "InsufficientScope",
    "InvalidToken",
    "KeySource",
    "KeysUnavailable",
    "OptionalPrincipal",
    "Principal",
    "RemoteJwks",
    "TokenVerifier",
    "authenticate",
    "bearer_challenge",
    "governs",
    "governs_any",
    "is_self",
    "is_supervisor_of",
    "principal_from_claims",
    "require_roles",
    "require_scopes",
    "signing_keys",
    "verifier_from_settings",
]
