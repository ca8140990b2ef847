"""OpenID Connect endpoints: discovery, JWKS, authorize, token, revoke, userinfo, logout.

The protocol endpoints answer as OAuth 2.0 says (RFC 6749 JSON errors, redirects with `error`),
which is what standard clients expect; only requests no client could have meant (oversized or
file fields, an untrusted redirect URI) get a problem document.
"""

from __future__ import annotations

import base64
import binascii
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Annotated, Any, TypeVar
from urllib.parse import urlencode

import anyio.to_thread
from authlib.oauth2 import OAuth2Error
from authlib.oauth2.rfc6749 import BaseGrant
from authlib.oidc.core.errors import LoginRequiredError
from fastapi import APIRouter, Depends, Request
from fastapi.responses import JSONResponse, RedirectResponse, Response

from identity.accounts import sessions
from identity.oauth import keys
from identity.oauth.adapters import StarletteRequest
from identity.oauth.server import SCOPES, Server, user_info
from identity.oauth.storage import Context, Subject, run_with
from identity.oauth.tokens import revoke_session_tokens
from identity.people.models import Person
from identity.settings import IdentitySettings
from kit.auth import Principal, require_scopes
from kit.db import DbSession
from kit.problems import BadRequest, NotFound, problem_responses

router = APIRouter(tags=["oidc"])
MAX_FIELD = 4096
T = TypeVar("T")
# Parameters that ask for a fresh sign-in; dropped from the URL the sign-in page returns to, or
# the browser would be sent back to sign in forever.
REAUTH_PARAMS = ("prompt", "max_age")


def settings_of(request: Request) -> IdentitySettings:
    settings: IdentitySettings = request.app.state.settings
    return settings


def issuer(request: Request) -> str:
    return settings_of(request).auth_issuer.rstrip("/")


def server_of(request: Request) -> Server:
    """The app's authorization server (built once, from the app's settings)."""
    server: Server | None = getattr(request.app.state, "oauth_server", None)
    if server is None:
        server = request.app.state.oauth_server = Server(settings_of(request))
    return server


async def in_thread(request: Request, db: DbSession, call: Callable[[Server], T]) -> T:
    """Run authlib (synchronous) in a worker thread, its storage on this request's session."""
    context = Context(db, settings_of(request))
    server = server_of(request)
    return await anyio.to_thread.run_sync(lambda: run_with(context, lambda: call(server)))


def _field(key: str, value: Any) -> str:
    if not isinstance(value, str) or len(value) > MAX_FIELD or "\x00" in value:
        raise BadRequest(f"The field {key[:50]} is not acceptable")
    return value


def _check_basic(request: Request) -> None:
    """Basic credentials authlib can read (it would fail on bytes that are not UTF-8)."""
    kind, _, credentials = request.headers.get("authorization", "").partition(" ")
    if kind.lower() != "basic":
        return
    try:
        base64.b64decode(credentials.strip()).decode("utf-8")
    except (binascii.Error, UnicodeDecodeError) as exc:
        raise BadRequest("The Basic credentials are not readable") from exc


async def read_request(request: Request) -> StarletteRequest:
    """The request as authlib sees it: query and form fields (strings, bounded)."""
    _check_basic(request)
    form: list[tuple[str, str]] = []
    if request.method == "POST":
        form = [(key, _field(key, value)) for key, value in (await request.form()).multi_items()]
    query = [(key, _field(key, value)) for key, value in request.query_params.multi_items()]
    url = issuer(request) + request.url.path + (f"?{request.url.query}" if request.url.query else "")
    return StarletteRequest(request.method, url, request.headers, query, form)


def to_response(status: int, body: Any, headers: list[tuple[str, str]]) -> Response:
    header_map = dict(headers)
    if status == 302 and "Location" in header_map:
        return RedirectResponse(header_map["Location"], status_code=302)
    header_map.pop("Content-Type", None)
    header_map.setdefault("Cache-Control", "no-store")
    header_map.setdefault("Pragma", "no-cache")
    return JSONResponse(body, status_code=status, headers=header_map)


@router.get(
    "/.well-known/openid-configuration", summary="OpenID Connect discovery", responses=problem_responses(500)
)
async def discovery(request: Request) -> dict[str, Any]:
    base = issuer(request)
    auth_methods = ["client_secret_basic", "client_secret_post", "none"]
    return {
        "issuer": base,
        "authorization_endpoint": f"{base}/oauth2/authorize",
        "token_endpoint": f"{base}/oauth2/token",
        "userinfo_endpoint": f"{base}/oauth2/userinfo",
        "revocation_endpoint": f"{base}/oauth2/revoke",
        "end_session_endpoint": f"{base}/oauth2/logout",
        "jwks_uri": f"{base}/.well-known/jwks.json",
        "scopes_supported": list(SCOPES),
        "response_types_supported": ["code"],
        "response_modes_supported": ["query"],
        "grant_types_supported": ["authorization_code", "refresh_token", "client_credentials"],
        "subject_types_supported": ["public"],
        "id_token_signing_alg_values_supported": ["RS256"],
        "token_endpoint_auth_methods_supported": auth_methods,
        "revocation_endpoint_auth_methods_supported": auth_methods,
        "code_challenge_methods_supported": ["S256"],
        "prompt_values_supported": ["none", "login"],
        "claims_supported": [
            "sub", "iss", "aud", "exp", "iat", "auth_time", "nonce", "amr", "at_hash", "name",
            "given_name", "family_name", "email", "email_verified",
        ],
        "claims_parameter_supported": False,
        "request_parameter_supported": False,
        "request_uri_parameter_supported": False,
    }  # fmt: skip


@router.get(
    "/.well-known/jwks.json",
    summary="The public keys that verify tokens (JWKS)",
    responses=problem_responses(503),
)
async def jwks(db: DbSession) -> JSONResponse:
    document = keys.jwks_document(await keys.published(db))
    return JSONResponse(document, headers={"Cache-Control": "public, max-age=300"})


def _sign_in_redirect(request: Request) -> RedirectResponse:
    query = [(key, value) for key, value in request.query_params.multi_items() if key not in REAUTH_PARAMS]
    return_to = f"{issuer(request)}/oauth2/authorize?{urlencode(query)}"
    target = (
        f"{settings_of(request).public_base_url.rstrip('/')}/sign-in?{urlencode({'return_to': return_to})}"
    )
    return RedirectResponse(target, status_code=302)


def _needs_sign_in(grant: BaseGrant, subject: Subject) -> bool:
    """prompt=login, or a sign-in older than max_age (OpenID Connect Core 3.1.2.1)."""
    if grant.prompt == "login":
        return True
    max_age = grant.request.payload.data.get("max_age")
    if max_age is None or not max_age.isdigit():
        return False
    return (datetime.now(UTC) - subject.auth_time).total_seconds() > int(max_age)


@router.get("/oauth2/authorize", summary="Authorization endpoint (code + PKCE)", include_in_schema=False)
async def authorize(request: Request, db: DbSession) -> Response:
    oauth_request = await read_request(request)
    signed_in = await sessions.current_session(request, db)
    subject = None
    if signed_in is not None:
        browser, person = signed_in
        subject = Subject(person, browser.auth_time, list(browser.amr), browser.id)
    try:
        grant = await in_thread(request, db, lambda server: server.get_consent_grant(oauth_request, subject))
    except OAuth2Error as error:
        if error.redirect_uri:  # the client and its redirect URI are known: tell the client
            return to_response(*error())
        # The client or the redirect URI cannot be trusted: answer here, never redirect.
        raise BadRequest(error.description or error.error) from error
    if subject is None or _needs_sign_in(grant, subject):
        if "none" in (grant.request.payload.data.get("prompt") or "").split():
            # prompt=none with a sign-in older than max_age: the client hears, nothing is shown.
            login_required = LoginRequiredError(
                redirect_uri=grant.redirect_uri, state=oauth_request.payload.state
            )
            return to_response(*login_required())
        return _sign_in_redirect(request)
    status, body, headers = await in_thread(
        request,
        db,
        lambda server: server.create_authorization_response(oauth_request, grant_user=subject, grant=grant),
    )
    return to_response(status, body, headers)


@router.post("/oauth2/token", summary="Token endpoint", include_in_schema=False)
async def token(request: Request, db: DbSession) -> Response:
    oauth_request = await read_request(request)
    return to_response(
        *await in_thread(request, db, lambda server: server.create_token_response(oauth_request))
    )


@router.post("/oauth2/revoke", summary="Token revocation (RFC 7009)", include_in_schema=False)
async def revoke(request: Request, db: DbSession) -> Response:
    oauth_request = await read_request(request)
    return to_response(
        *await in_thread(
            request, db, lambda server: server.create_endpoint_response("revocation", oauth_request)
        )
    )


OpenIdPrincipal = Annotated[Principal, Depends(require_scopes("openid"))]


@router.get(
    "/oauth2/userinfo",
    summary="The signed-in person's OpenID claims",
    responses=problem_responses(401, 403, 404),
)
async def userinfo(principal: OpenIdPrincipal, db: DbSession) -> dict[str, Any]:
    person = await db.get(Person, principal.person_id) if principal.person_id else None
    if person is None or person.status != "active":
        raise NotFound("No such person")
    return dict(user_info(person, " ".join(sorted(principal.scopes))))


@router.post(
    "/oauth2/userinfo",
    summary="The signed-in person's OpenID claims (POST, as OpenID Connect Core 5.3.1 allows)",
    responses=problem_responses(401, 403, 404),
)
async def userinfo_post(principal: OpenIdPrincipal, db: DbSession) -> dict[str, Any]:
    return await userinfo(principal, db)


@router.api_route(
    "/oauth2/logout", methods=["GET", "POST"], summary="RP-initiated logout", include_in_schema=False
)
async def logout(request: Request, db: DbSession) -> Response:
    settings = settings_of(request)
    oauth_request = await read_request(request)
    try:
        checked = await in_thread(
            request, db, lambda server: server.validate_endpoint_request("end_session", oauth_request)
        )
    except (OAuth2Error, ValueError) as error:  # ValueError: signed by a key no longer published
        raise BadRequest("id_token_hint is not an ID token issued here") from error
    claims = checked.id_token_claims
    if claims is not None and claims.get("iss") != issuer(request):
        raise BadRequest("id_token_hint is not an ID token issued here")
    if oauth_request.payload.data.get("post_logout_redirect_uri") and checked.redirect_uri is None:
        # Never redirect anywhere the client did not register (RP-Initiated Logout section 3).
        raise BadRequest("post_logout_redirect_uri must be registered by the client of a valid id_token_hint")
    signed_in = await sessions.current_session(request, db)
    if signed_in is not None:
        browser, _ = signed_in
        await sessions.end_session(db, browser.id)
        await revoke_session_tokens(db, browser.id)  # the sign-in's refresh tokens end with it
    response = RedirectResponse(
        checked.redirect_uri or f"{settings.public_base_url.rstrip('/')}/", status_code=302
    )
    sessions.clear_cookie(response, settings)
    return response
