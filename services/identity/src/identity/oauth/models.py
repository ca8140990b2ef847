"""The OAuth 2.0 / OpenID Connect provider's state: signing keys, clients, codes, refresh tokens."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import CheckConstraint, DateTime, ForeignKey, Index, String, func
from sqlalchemy.dialects.postgresql import ARRAY, JSONB, UUID
from sqlalchemy.orm import Mapped, mapped_column

from identity.database import Base


class SigningKey(Base):
    """A token-signing key. Rotation: a `next` key is published in the JWKS before it signs; then
    it becomes `active` (the one signing key) and the old one `retired`, still published until
    every token it signed has expired (`retire_after`), then removed from the JWKS."""

    __tablename__ = "signing_key"
    __table_args__ = (
        CheckConstraint("status IN ('next', 'active', 'retired')", name="status"),
        Index("uq_signing_key_one_active", "status", unique=True, postgresql_where="status = 'active'"),
    )

    kid: Mapped[str] = mapped_column(String(64), primary_key=True)
    alg: Mapped[str] = mapped_column(String(16), server_default="RS256")
    private_jwk: Mapped[dict[str, Any]] = mapped_column(JSONB)
    public_jwk: Mapped[dict[str, Any]] = mapped_column(JSONB)
    status: Mapped[str] = mapped_column(String(16))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    activated_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    retired_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    retire_after: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class OAuthClient(Base):
    """An OAuth client: the SPA (public, code + PKCE), an HR system or a service (confidential,
    client credentials). A confidential client's secret is stored as an argon2id hash only; it
    is shown once when created or rotated. `organisation_id` bounds what an HR client reaches."""

    __tablename__ = "oauth_client"
    __table_args__ = (
        CheckConstraint("kind IN ('public', 'confidential')", name="kind"),
        CheckConstraint("status IN ('active', 'revoked')", name="status"),
        CheckConstraint("(kind = 'public') = (secret_hash IS NULL)", name="secret"),
    )

    id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True), primary_key=True, default=uuid.uuid4)
    client_id: Mapped[str] = mapped_column(String(100), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(16))
    secret_hash: Mapped[str | None] = mapped_column(String(256))
    grant_types: Mapped[list[str]] = mapped_column(ARRAY(String(64)))
    redirect_uris: Mapped[list[str]] = mapped_column(ARRAY(String(2000)), server_default="{}")
    post_logout_redirect_uris: Mapped[list[str]] = mapped_column(ARRAY(String(2000)), server_default="{}")
    scopes: Mapped[list[str]] = mapped_column(ARRAY(String(64)))
    organisation_id: Mapped[uuid.UUID | None] = mapped_column(
        UUID(as_uuid=True), ForeignKey("organisation.id", ondelete="RESTRICT"), index=True
    )
    status: Mapped[str] = mapped_column(String(16), server_default="active")
    created_by: Mapped[str] = mapped_column(String(100))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    secret_rotated_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    revoked_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class AuthorizationCode(Base):
    """A one-time authorization code (hash only), bound to the client, redirect URI and PKCE."""

    __tablename__ = "authorization_code"

    code_hash: Mapped[str] = mapped_column(String(128), primary_key=True)
    client_id: Mapped[str] = mapped_column(String(100))
    person_id: Mapped[uuid.UUID] = mapped_column(
        UUID(as_uuid=True), ForeignKey("person.id", ondelete="CASCADE")
    )
    session_id: Mapped[uuid.UUID | None] = mapped_column(
        UUID(as_uuid=True), ForeignKey("browser_session.id", ondelete="CASCADE")
    )
    redirect_uri: Mapped[str] = mapped_column(String(2000))
    scope: Mapped[str] = mapped_column(String(1000))
    nonce: Mapped[str | None] = mapped_column(String(500))
    code_challenge: Mapped[str | None] = mapped_column(String(128))
    code_challenge_method: Mapped[str | None] = mapped_column(String(16))
    auth_time: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    extra: Mapped[dict[str, object]] = mapped_column(JSONB, server_default="{}")
    expires_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    used_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class RefreshToken(Base):
    """A refresh token (hash only). Each use rotates it: the used one is marked and a child is
    issued in the same `family_id`. Presenting a used token again is reuse: the whole family is
    revoked."""

    __tablename__ = "refresh_token"

    id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True), primary_key=True, default=uuid.uuid4)
    token_hash: Mapped[str] = mapped_column(String(128), unique=True)
    family_id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True), index=True)
    client_id: Mapped[str] = mapped_column(String(100), index=True)
    person_id: Mapped[uuid.UUID] = mapped_column(
        UUID(as_uuid=True), ForeignKey("person.id", ondelete="CASCADE"), index=True
    )
    session_id: Mapped[uuid.UUID | None] = mapped_column(
        UUID(as_uuid=True), ForeignKey("browser_session.id", ondelete="SET NULL"), index=True
    )
    scope: Mapped[str] = mapped_column(String(1000))
    auth_time: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    expires_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    used_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    revoked_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
