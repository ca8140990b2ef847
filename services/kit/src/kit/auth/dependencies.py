"""FastAPI dependencies: the caller's `Principal`, and scope requirements."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Annotated

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from kit.auth.principal import Principal
from kit.auth.verifier import InvalidToken, TokenVerifier
from kit.problems import DlaError, Forbidden, Unauthorized

# auto_error=False: a missing header is ours to answer (as a problem), not FastAPI's bare 403.
_bearer = HTTPBearer(auto_error=False, description="An access token from identity (RFC 9068 JWT)")


class InsufficientScope(DlaError):
    status, slug, title = 403, "insufficient-scope", "Insufficient scope"


def _challenge(error: str | None = None, description: str | None = None) -> dict[str, str]:
    value = 'Bearer realm="dla"'
    if error:
        value += f', error="{error}"'
    if description:
        value += f', error_description="{description}"'
    return {"WWW-Authenticate": value}


async def authenticate(request: Request, token: str) -> Principal:
    """Verify a bearer token with the app's verifier (401 problem when it is not valid)."""
    verifier: TokenVerifier = request.app.state.token_verifier
    try:
        principal = await verifier.verify(token)
    except InvalidToken as exc:
        raise Unauthorized(exc.reason, headers=_challenge("invalid_token", exc.reason)) from exc
    request.state.principal = principal
    return principal


async def _optional(
    request: Request, credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)]
) -> Principal | None:
    if credentials is None:
        if request.headers.get("authorization"):
            raise Unauthorized("Use the Bearer scheme", headers=_challenge("invalid_request"))
        return None
    return await authenticate(request, credentials.credentials)


async def _required(principal: Annotated[Principal | None, Depends(_optional)]) -> Principal:
    if principal is None:
        raise Unauthorized("Sign in to use this", headers=_challenge())
    return principal


CurrentPrincipal = Annotated[Principal, Depends(_required)]
OptionalPrincipal = Annotated[Principal | None, Depends(_optional)]


def require_roles(*roles: str) -> Callable[[Principal], Awaitable[Principal]]:
    """A dependency that needs a person holding one of `roles` (platform admins hold them all)."""

    async def check(principal: CurrentPrincipal) -> Principal:
        if principal.is_platform_admin or principal.roles.intersection(roles):
            return principal
        raise Forbidden(f"This needs the role {' or '.join(roles)}")

    return check


def require_scopes(*scopes: str) -> Callable[[Principal], Awaitable[Principal]]:
    """A dependency that needs every one of `scopes` in the token (403 problem otherwise)."""

    async def check(principal: CurrentPrincipal) -> Principal:
        missing = [scope for scope in scopes if scope not in principal.scopes]
        if missing:
            raise InsufficientScope(
                f"The token lacks the scope {' '.join(missing)}",
                headers=_challenge("insufficient_scope", f"needs {' '.join(scopes)}"),
            )
        return principal

    return check
