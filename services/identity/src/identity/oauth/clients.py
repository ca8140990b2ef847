"""OAuth clients: the SPA (public), and confidential clients for HR systems and services.

Who manages a confidential client: a platform admin, or an org admin of the client's
organisation subtree. Anyone else does not see it at all (404), as with every cross-tenant
object. A secret is stored as an argon2id hash and shown once, when created or rotated.
"""

from __future__ import annotations

import re
import secrets
import uuid
from collections.abc import Sequence
from datetime import UTC, datetime

import anyio.to_thread
from sqlalchemy import func, select, true
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.sql.elements import ColumnElement

from identity.accounts.passwords import hash_secret
from identity.audit.service import record
from identity.oauth.models import OAuthClient
from identity.oauth.schemas import ClientCreate
from identity.oauth.tokens import revoke_client_tokens
from identity.organisations.models import Organisation
from identity.settings import IdentitySettings
from kit.auth import Principal, governs
from kit.pagination import PageParams
from kit.problems import Conflict, Forbidden, NotFound

SPA_SCOPES = ["openid", "profile", "email", "offline_access", "dla"]
MANAGER = "org_admin"


async def ensure_spa_client(db: AsyncSession, settings: IdentitySettings) -> OAuthClient:
    """The SPA's public client, kept in line with the settings (redirect URIs follow the deployment)."""
    row = await db.scalar(select(OAuthClient).where(OAuthClient.client_id == settings.spa_client_id))
    if row is None:
        row = OAuthClient(
            client_id=settings.spa_client_id,
            name="DLA web app",
            kind="public",
            secret_hash=None,
            created_by="system",
        )
        db.add(row)
    row.grant_types = ["authorization_code", "refresh_token"]
    row.redirect_uris = list(settings.spa_redirect_uris)
    row.post_logout_redirect_uris = list(settings.spa_post_logout_redirect_uris)
    row.scopes = list(SPA_SCOPES)
    row.status, row.revoked_at = "active", None
    await db.flush()
    return row


def new_secret() -> str:
    return secrets.token_urlsafe(32)


async def _hash(settings: IdentitySettings, secret: str) -> str:
    return await anyio.to_thread.run_sync(hash_secret, settings, secret)


async def create_confidential(
    db: AsyncSession,
    settings: IdentitySettings,
    *,
    client_id: str,
    name: str,
    organisation_id: uuid.UUID | None,
    scopes: Sequence[str],
    created_by: str,
    secret: str | None = None,
) -> tuple[OAuthClient, str]:
    """A client-credentials client; returns it with its secret (only its hash is stored)."""
    secret = secret or new_secret()
    row = OAuthClient(
        client_id=client_id,
        name=name,
        kind="confidential",
        secret_hash=await _hash(settings, secret),
        grant_types=["client_credentials"],
        scopes=list(scopes),
        organisation_id=organisation_id,
        created_by=created_by,
    )
    db.add(row)
    await db.flush()
    await db.refresh(row)
    return row, secret


# ---------------------------------------------------------------- administration


def require_manager(principal: Principal) -> None:
    """Only people who may manage some client get past (403 for everyone else)."""
    if principal.is_machine or not (
        principal.is_platform_admin or any(grant.role == MANAGER for grant in principal.grants)
    ):
        raise Forbidden("Only organisation or platform administrators manage API clients")


def _managed(principal: Principal) -> ColumnElement[bool]:
    if principal.is_platform_admin:
        return true()
    roots = [grant.org_id for grant in principal.grants if grant.role == MANAGER]
    in_subtree = select(Organisation.id).where(Organisation.path.overlap(roots))
    return OAuthClient.organisation_id.in_(in_subtree)


async def _path(db: AsyncSession, organisation_id: uuid.UUID | None) -> list[uuid.UUID]:
    if organisation_id is None:
        return []
    return list(await db.scalar(select(Organisation.path).where(Organisation.id == organisation_id)) or [])


async def list_clients(
    db: AsyncSession, principal: Principal, page: PageParams
) -> tuple[list[OAuthClient], int]:
    require_manager(principal)
    condition = _managed(principal)
    total = await db.scalar(select(func.count()).select_from(OAuthClient).where(condition))
    rows = await db.scalars(
        select(OAuthClient)
        .where(condition)
        .order_by(OAuthClient.created_at.desc(), OAuthClient.client_id)
        .limit(page.limit)
        .offset(page.offset)
    )
    return list(rows.all()), int(total or 0)


async def get_client(db: AsyncSession, principal: Principal, client_uuid: uuid.UUID) -> OAuthClient:
    """A client the caller manages; 404 for any other, existing or not."""
    require_manager(principal)
    row = await db.scalar(select(OAuthClient).where(OAuthClient.id == client_uuid, _managed(principal)))
    if row is None:
        raise NotFound("No such client")
    return row


def _client_id(code: str) -> str:
    slug = re.sub(r"[^a-z0-9-]", "", code.lower())[:60] or "client"
    return f"{slug}-{secrets.token_hex(4)}"


async def create_client(
    db: AsyncSession, settings: IdentitySettings, principal: Principal, data: ClientCreate, *, ip: str | None
) -> tuple[OAuthClient, str]:
    """Create a confidential client for an organisation the caller administers."""
    require_manager(principal)
    organisation = await db.get(Organisation, data.organisation_id)
    if organisation is None or not governs(principal, MANAGER, organisation.path):
        raise NotFound("No such organisation")
    scopes = list(dict.fromkeys(data.scopes))
    if "service" in scopes and not principal.is_platform_admin:
        raise Forbidden("Only platform administrators create service-to-service clients")
    row, secret = await create_confidential(
        db,
        settings,
        client_id=_client_id(organisation.code),
        name=data.name,
        organisation_id=organisation.id,
        scopes=scopes,
        created_by=principal.subject,
    )
    await _audit(db, principal, "oauth_client.created", row, organisation.path, ip)
    return row, secret


async def rotate_secret(
    db: AsyncSession,
    settings: IdentitySettings,
    principal: Principal,
    client_uuid: uuid.UUID,
    *,
    ip: str | None,
) -> tuple[OAuthClient, str]:
    """A new secret; the old one stops working at once."""
    row = await get_client(db, principal, client_uuid)
    if row.kind != "confidential":
        raise Conflict("A public client has no secret")
    if row.status != "active":
        raise Conflict("The client is revoked")
    secret = new_secret()
    row.secret_hash = await _hash(settings, secret)
    row.secret_rotated_at = datetime.now(UTC)
    await db.flush()
    await _audit(db, principal, "oauth_client.secret_rotated", row, await _path(db, row.organisation_id), ip)
    return row, secret


async def revoke_client(
    db: AsyncSession,
    settings: IdentitySettings,
    principal: Principal,
    client_uuid: uuid.UUID,
    *,
    ip: str | None,
) -> OAuthClient:
    """The client can get no more tokens (revoking twice changes nothing)."""
    row = await get_client(db, principal, client_uuid)
    if row.client_id == settings.spa_client_id:
        raise Conflict("The web app's own client cannot be revoked")
    if row.status == "revoked":
        return row
    row.status, row.revoked_at = "revoked", datetime.now(UTC)
    await revoke_client_tokens(db, row.client_id)
    await db.flush()
    await _audit(db, principal, "oauth_client.revoked", row, await _path(db, row.organisation_id), ip)
    return row


async def _audit(
    db: AsyncSession,
    principal: Principal,
    action: str,
    row: OAuthClient,
    path: list[uuid.UUID],
    ip: str | None,
) -> None:
    await record(
        db,
        actor=principal.subject,
        actor_kind="person",
        action=action,
        target_type="oauth_client",
        target_id=row.id,
        org_path=path,
        ip=ip,
        details={"client_id": row.client_id, "name": row.name, "scopes": list(row.scopes)},
    )
