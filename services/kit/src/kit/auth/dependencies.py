"""FastAPI dependencies: the caller's `Principal`, and scope and role requirements."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Annotated

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from kit.auth.keys import KeysUnavailable
from kit.auth.principal import Principal
from kit.auth.verifier import InvalidToken, TokenVerifier
from kit.problems import DlaError, Forbidden, Unauthorized, Unavailable

# auto_error=False: a missing header is ours to answer (as a problem), not FastAPI's bare 403.
# The scheme also puts `bearerAuth` into every service's OpenAPI document.
_bearer = HTTPBearer(auto_error=False, description="An access token from identity (RFC 9068 JWT)")
# The same header where signing in is optional; kit.app rewrites this scheme in the OpenAPI
# document to "anonymous, or HTTPBearer" (`[{}, {"HTTPBearer": []}]`).
OPTIONAL_SCHEME = "OptionalBearer"
_optional_bearer = HTTPBearer(auto_error=False, scheme_name=OPTIONAL_SCHEME)
KEYS_RETRY_AFTER_SECONDS = 5


class InsufficientScope(DlaError):
    status, slug, title = 403, "insufficient-scope", "Insufficient scope"


def bearer_challenge(
    error: str | None = None, description: str | None = None, *, scope: str | None = None
) -> dict[str, str]:
    """The `WWW-Authenticate` header of a refused bearer token (RFC 6750 section 3)."""
    value = 'Bearer realm="dla"'
    if error:
        value += f', error="{error}"'
    if scope:
        value += f', scope="{scope}"'
    if description:
        # A quoted-string: the reasons are ours, but never let one break out of the quotes.
        value += ', error_description="{}"'.format(description.replace("\\", "").replace('"', "'"))
    return {"WWW-Authenticate": value}


async def authenticate(request: Request, token: str) -> Principal:
    """Verify a bearer token with the app's verifier (401 problem when it is not valid)."""
    verifier: TokenVerifier = request.app.state.token_verifier
    try:
        principal = await verifier.verify(token)
    except InvalidToken as exc:
        raise Unauthorized(exc.reason, headers=bearer_challenge("invalid_token", exc.reason)) from exc
    except KeysUnavailable as exc:
        raise Unavailable(
            "Access tokens cannot be checked right now",
            headers={"Retry-After": str(KEYS_RETRY_AFTER_SECONDS)},
        ) from exc
    request.state.principal = principal
    return principal


async def _principal(request: Request, credentials: HTTPAuthorizationCredentials | None) -> Principal | None:
    if credentials is None:
        if request.headers.get("authorization"):
            raise Unauthorized("Use the Bearer scheme", headers=bearer_challenge("invalid_request"))
        return None
    return await authenticate(request, credentials.credentials)


# Both read the header directly (not one through the other): each level of FastAPI dependency
# costs tens of microseconds on every request.
async def _optional(
    request: Request, credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_optional_bearer)]
) -> Principal | None:
    return await _principal(request, credentials)


async def _required(
    request: Request, credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)]
) -> Principal:
    principal = await _principal(request, credentials)
    if principal is None:
        raise Unauthorized("Sign in to use this", headers=bearer_challenge())
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
                headers=bearer_challenge("insufficient_scope", scope=" ".join(scopes)),
            )
        return principal

    return check
