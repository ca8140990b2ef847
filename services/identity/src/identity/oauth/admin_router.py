"""Administration of the OAuth provider: API clients (org and platform admins), signing keys
(platform admins). Every change is audited."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Depends, Request

from identity.audit.service import record
from identity.oauth import clients, keys
from identity.oauth.models import OAuthClient
from identity.oauth.schemas import ClientCreate, ClientOut, ClientWithSecret, KeyOut
from identity.people.models import Person
from identity.settings import IdentitySettings
from kit.auth import Principal, require_scopes
from kit.db import DbSession
from kit.pagination import Page, Pagination
from kit.problems import Forbidden, Unauthorized, problem_responses

router = APIRouter(tags=["oauth-admin"])


async def _signed_in_person(
    principal: Annotated[Principal, Depends(require_scopes("dla"))], db: DbSession
) -> Principal:
    """A person acting through the web app, still allowed in (a suspended admin's token is not
    good here even before it expires)."""
    if principal.person_id is None:
        raise Forbidden("This needs a person's token")
    person = await db.get(Person, principal.person_id)
    if person is None or person.status != "active":
        raise Unauthorized("This account cannot use DLA")
    return principal


Admin = Annotated[Principal, Depends(_signed_in_person)]


def _settings(request: Request) -> IdentitySettings:
    settings: IdentitySettings = request.app.state.settings
    return settings


def _ip(request: Request) -> str | None:
    return request.client.host if request.client else None


def _with_secret(row: OAuthClient, secret: str) -> ClientWithSecret:
    return ClientWithSecret.model_validate(
        {**ClientOut.model_validate(row).model_dump(), "client_secret": secret}
    )


@router.get("/clients", summary="API clients the caller manages", responses=problem_responses(401, 403))
async def list_clients(principal: Admin, db: DbSession, page: Pagination) -> Page[ClientOut]:
    rows, total = await clients.list_clients(db, principal, page)
    return Page(
        items=[ClientOut.model_validate(row) for row in rows],
        total=total,
        limit=page.limit,
        offset=page.offset,
    )


@router.post(
    "/clients",
    status_code=201,
    summary="Create a confidential client (its secret is shown once)",
    responses=problem_responses(401, 403, 404, 422),
)
async def create_client(
    principal: Admin, data: ClientCreate, request: Request, db: DbSession
) -> ClientWithSecret:
    row, secret = await clients.create_client(db, _settings(request), principal, data, ip=_ip(request))
    return _with_secret(row, secret)


@router.get("/clients/{client_uuid}", summary="One API client", responses=problem_responses(401, 403, 404))
async def get_client(principal: Admin, client_uuid: uuid.UUID, db: DbSession) -> ClientOut:
    return ClientOut.model_validate(await clients.get_client(db, principal, client_uuid))


@router.post(
    "/clients/{client_uuid}/secret",
    summary="Rotate a client's secret (the new one is shown once)",
    responses=problem_responses(401, 403, 404, 409),
)
async def rotate_client_secret(
    principal: Admin, client_uuid: uuid.UUID, request: Request, db: DbSession
) -> ClientWithSecret:
    row, secret = await clients.rotate_secret(db, _settings(request), principal, client_uuid, ip=_ip(request))
    return _with_secret(row, secret)


@router.post(
    "/clients/{client_uuid}/revoke",
    summary="Revoke a client: it gets no more tokens",
    responses=problem_responses(401, 403, 404, 409),
)
async def revoke_client(
    principal: Admin, client_uuid: uuid.UUID, request: Request, db: DbSession
) -> ClientOut:
    row = await clients.revoke_client(db, _settings(request), principal, client_uuid, ip=_ip(request))
    return ClientOut.model_validate(row)


def _platform_admin(principal: Principal) -> None:
    if not principal.is_platform_admin:
        raise Forbidden("Only platform administrators manage signing keys")


@router.get("/keys", summary="Signing keys and their status", responses=problem_responses(401, 403))
async def list_keys(principal: Admin, db: DbSession) -> list[KeyOut]:
    _platform_admin(principal)
    return [KeyOut.model_validate(row) for row in await keys.all_keys(db)]


@router.post(
    "/keys/rotate",
    summary="Rotate the signing key: next becomes active, active retires",
    responses=problem_responses(401, 403),
)
async def rotate_keys(principal: Admin, request: Request, db: DbSession) -> KeyOut:
    _platform_admin(principal)
    new = await keys.rotate(db, keep_seconds=keys.longest_token_seconds(_settings(request)))
    await record(
        db,
        actor=principal.subject,
        actor_kind="person",
        action="signing_key.rotated",
        target_type="signing_key",
        target_id=new.kid,
        ip=_ip(request),
    )
    await db.flush()
    await db.refresh(new)
    return KeyOut.model_validate(new)
