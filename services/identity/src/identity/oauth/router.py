"""OpenID Connect endpoints: discovery, JWKS, authorize, token, revoke, userinfo, logout, keys."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated, Any
from urllib.parse import urlencode

import anyio.to_thread
from authlib.oauth2 import OAuth2Error
from fastapi import APIRouter, Depends, Request
from fastapi.responses import JSONResponse, RedirectResponse, Response
from joserfc import jwt
from joserfc.errors import JoseError
from joserfc.jwk import KeySet, RSAKey
from pydantic import BaseModel
from sqlalchemy import select, update

from identity.accounts import sessions
from identity.audit.service import record
from identity.oauth import keys
from identity.oauth.models import OAuthClient, RefreshToken, SigningKey
from identity.oauth.server import SCOPES, SERVER, Context, StarletteRequest, User, run, user_info
from identity.oauth.subjects import person_claims
from identity.people.models import Person
from identity.settings import IdentitySettings
from kit.auth import CurrentPrincipal, Principal, require_scopes
from kit.db import DbSession
from kit.problems import BadRequest, Forbidden, NotFound, problem_responses

router = APIRouter(tags=["oidc"])
MAX_FORM_FIELD = 4096


def settings_of(request: Request) -> IdentitySettings:
    settings: IdentitySettings = request.app.state.settings
    return settings


def issuer(request: Request) -> str:
    return settings_of(request).auth_issuer.rstrip("/")


async def read_request(request: Request) -> StarletteRequest:
    """The request as authlib sees it: query and form fields (single values, bounded)."""
    form: dict[str, str] = {}
    if request.method == "POST":
        raw = await request.form()
        for key, value in raw.items():
            if not isinstance(value, str) or len(value) > MAX_FORM_FIELD:
                raise BadRequest(f"The form field {key} is not acceptable")
            form[key] = value
    query = {key: value[:MAX_FORM_FIELD] for key, value in request.query_params.items()}
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
        "token_endpoint_auth_methods_supported": ["client_secret_basic", "client_secret_post", "none"],
        "revocation_endpoint_auth_methods_supported": ["client_secret_basic", "client_secret_post", "none"],
        "code_challenge_methods_supported": ["S256"],
        "claims_supported": [
            "sub", "iss", "aud", "exp", "iat", "auth_time", "nonce", "amr", "name", "given_name",
            "family_name", "email", "email_verified",
        ],
    }  # fmt: skip


@router.get(
    "/.well-known/jwks.json",
    summary="The public keys that verify tokens (JWKS)",
    responses=problem_responses(503),
)
async def jwks(db: DbSession) -> JSONResponse:
    document = keys.jwks_document(await keys.published(db))
    return JSONResponse(document, headers={"Cache-Control": "public, max-age=300"})


@router.get("/oauth2/authorize", summary="Authorization endpoint (code + PKCE)", include_in_schema=False)
async def authorize(request: Request, db: DbSession) -> Response:
    settings = settings_of(request)
    oauth_request = await read_request(request)
    signed_in = await sessions.current_session(request, db)
    context = Context(db, settings)
    try:
        grant = await anyio.to_thread.run_sync(
            lambda: run(context, lambda: SERVER.get_consent_grant(oauth_request))
        )
    except OAuth2Error as error:
        if error.redirect_uri:  # a registered redirect URI: the client hears of its mistake
            return to_response(*error())
        # The client or redirect URI cannot be trusted: answer here, never redirect.
        raise BadRequest(error.description or error.error) from error
    if signed_in is None:
        if oauth_request.payload.data.get("prompt") == "none":
            query = {"error": "login_required", "state": oauth_request.payload.state or ""}
            return RedirectResponse(f"{grant.redirect_uri}?{urlencode(query)}", status_code=302)
        sign_in = (
            f"{settings.public_base_url.rstrip('/')}/sign-in?{urlencode({'return_to': str(request.url)})}"
        )
        return RedirectResponse(sign_in, status_code=302)
    browser, person = signed_in
    user = await _user(db, person)
    context.session_id, context.auth_time, context.amr = browser.id, browser.auth_time, tuple(browser.amr)
    status, body, headers = await anyio.to_thread.run_sync(
        lambda: run(
            context, lambda: SERVER.create_authorization_response(oauth_request, grant_user=user, grant=grant)
        )
    )
    return to_response(status, body, headers)


async def _user(db: DbSession, person: Person) -> User:
    return User(person, await person_claims(db, person))


@router.post("/oauth2/token", summary="Token endpoint", include_in_schema=False)
async def token(request: Request, db: DbSession) -> Response:
    oauth_request = await read_request(request)
    context = Context(db, settings_of(request))
    status, body, headers = await anyio.to_thread.run_sync(
        lambda: run(context, lambda: SERVER.create_token_response(oauth_request))
    )
    return to_response(status, body, headers)


@router.post("/oauth2/revoke", summary="Token revocation (RFC 7009)", include_in_schema=False)
async def revoke(request: Request, db: DbSession) -> Response:
    oauth_request = await read_request(request)
    context = Context(db, settings_of(request))
    status, body, headers = await anyio.to_thread.run_sync(
        lambda: run(context, lambda: SERVER.create_endpoint_response("revocation", oauth_request))
    )
    return to_response(status, body, headers)


OpenIdPrincipal = Annotated[Principal, Depends(require_scopes("openid"))]


@router.get(
    "/oauth2/userinfo", summary="The signed-in person's OpenID claims", responses=problem_responses(401, 403)
)
async def userinfo(principal: OpenIdPrincipal, db: DbSession) -> dict[str, Any]:
    person = await db.get(Person, principal.person_id) if principal.person_id else None
    if person is None or person.status != "active":
        raise NotFound("No such person")
    return dict(user_info(person, " ".join(principal.scopes)))


@router.get("/oauth2/logout", summary="RP-initiated logout", include_in_schema=False)
async def logout(
    request: Request,
    db: DbSession,
    id_token_hint: str | None = None,
    post_logout_redirect_uri: str | None = None,
    state: str | None = None,
) -> Response:
    settings = settings_of(request)
    client_id = None
    if id_token_hint:
        client_id = await _hinted_client(db, id_token_hint, issuer(request))
    target = settings.public_base_url.rstrip("/") + "/"
    if post_logout_redirect_uri:
        client = (
            await db.scalar(select(OAuthClient).where(OAuthClient.client_id == client_id))
            if client_id
            else None
        )
        if client is None or post_logout_redirect_uri not in client.post_logout_redirect_uris:
            raise BadRequest(
                "post_logout_redirect_uri needs a valid id_token_hint of a client that registered it"
            )
        target = post_logout_redirect_uri + (f"?{urlencode({'state': state})}" if state else "")
    signed_in = await sessions.current_session(request, db)
    if signed_in is not None:
        browser, _ = signed_in
        await sessions.end_session(db, browser.id)
        # Refresh tokens of that sign-in end with it.
        await db.execute(
            update(RefreshToken)
            .where(RefreshToken.session_id == browser.id, RefreshToken.revoked_at.is_(None))
            .values(revoked_at=datetime.now(UTC))
        )
    response = RedirectResponse(target, status_code=302)
    sessions.clear_cookie(response, settings)
    return response


async def _hinted_client(db: DbSession, hint: str, expected_issuer: str) -> str:
    """The client an ID token we signed was issued to (expired hints are fine, forged ones are not)."""
    key_set = KeySet([RSAKey.import_key(dict(row.public_jwk)) for row in await keys.published(db)])
    try:
        decoded = jwt.decode(hint, key_set, algorithms=["RS256"])
    except (JoseError, ValueError) as exc:
        raise BadRequest("id_token_hint is not an ID token issued here") from exc
    audience = decoded.claims.get("aud")
    client = audience[0] if isinstance(audience, list) and audience else audience
    if decoded.claims.get("iss") != expected_issuer or not isinstance(client, str):
        raise BadRequest("id_token_hint is not an ID token issued here")
    return client


class KeyOut(BaseModel):
    kid: str
    alg: str
    status: str


@router.get("/keys", summary="Signing keys and their status", responses=problem_responses(401, 403))
async def list_keys(principal: CurrentPrincipal, db: DbSession) -> list[KeyOut]:
    _platform_admin(principal)
    rows = await db.scalars(select(SigningKey).order_by(SigningKey.created_at))
    return [KeyOut(kid=row.kid, alg=row.alg, status=row.status) for row in rows]


@router.post("/keys/rotate", summary="Rotate the signing key", responses=problem_responses(401, 403))
async def rotate_keys(principal: CurrentPrincipal, request: Request, db: DbSession) -> KeyOut:
    _platform_admin(principal)
    settings = settings_of(request)
    keep = max(settings.access_token_seconds, settings.id_token_seconds) + settings.auth_leeway_seconds
    new = await keys.rotate(db, keep_seconds=keep)
    await record(
        db,
        actor=principal.subject,
        actor_kind="person",
        action="signing_key.rotated",
        target_type="signing_key",
        target_id=new.kid,
    )
    return KeyOut(kid=new.kid, alg=new.alg, status=new.status)


def _platform_admin(principal: Principal) -> None:
    if not principal.is_platform_admin:
        raise Forbidden("Only platform administrators manage signing keys")
