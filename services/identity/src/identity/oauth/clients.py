"""OAuth clients: the SPA (public), and confidential clients for HR systems and services."""

from __future__ import annotations

import secrets
import uuid

import anyio.to_thread
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from identity.accounts.passwords import hash_secret
from identity.oauth.models import OAuthClient
from identity.settings import IdentitySettings

SPA_SCOPES = ["openid", "profile", "email", "offline_access", "dla"]


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
    row.status = "active"
    await db.flush()
    return row


def new_secret() -> str:
    return secrets.token_urlsafe(32)


async def create_confidential(
    db: AsyncSession,
    settings: IdentitySettings,
    *,
    client_id: str,
    name: str,
    organisation_id: uuid.UUID | None,
    scopes: list[str],
    created_by: str,
    secret: str | None = None,
) -> tuple[OAuthClient, str]:
    """A client-credentials client; returns it with its secret (only its hash is stored)."""
    secret = secret or new_secret()
    hashed = await anyio.to_thread.run_sync(hash_secret, settings, secret)
    row = OAuthClient(
        client_id=client_id,
        name=name,
        kind="confidential",
        secret_hash=hashed,
        grant_types=["client_credentials"],
        scopes=scopes,
        organisation_id=organisation_id,
        created_by=created_by,
    )
    db.add(row)
    await db.flush()
    return row, secret
