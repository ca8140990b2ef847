"""The gateway's token check: a bad bearer token on /api/... is refused before any service is called.

A good token is passed on untouched: each service verifies it again and trusts nothing else the
client sent. Requests without a token pass too (services decide what is public), and so do
requests with another scheme. /oauth2/* and /.well-known/* are never checked here: they carry
client credentials and refresh tokens, not access tokens.
"""

from __future__ import annotations

from fastapi import Request
from starlette.responses import Response

from gateway.settings import GatewaySettings
from kit.auth import InvalidToken, KeysUnavailable, TokenVerifier, bearer_challenge, verifier_from_settings
from kit.problems import problem_response


def build_verifier(settings: GatewaySettings) -> TokenVerifier:
    """The same verifier the services use, reading identity's JWKS (or `DLA_AUTH_JWKS_URL`)."""
    return verifier_from_settings(settings, jwks_url=settings.jwks_url)


async def refuse_bad_token(request: Request, retry_after_seconds: int) -> Response | None:
    """A 401 problem for a bearer token that does not verify; None lets the request through."""
    scheme, _, token = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() != "bearer":
        return None
    verifier: TokenVerifier = request.app.state.token_verifier
    try:
        await verifier.verify(token.strip())
    except InvalidToken as exc:
        return problem_response(
            401,
            "unauthorized",
            "Not authenticated",
            exc.reason,
            instance=request.url.path,
            headers=bearer_challenge("invalid_token", exc.reason),
        )
    except KeysUnavailable:
        return problem_response(
            503,
            "unavailable",
            "Service unavailable",
            "Access tokens cannot be checked right now.",
            instance=request.url.path,
            headers={"Retry-After": str(retry_after_seconds)},
        )
    return None
