"""The identity service's app factory."""

from __future__ import annotations

import os

from fastapi import APIRouter, FastAPI

from identity.accounts.altcha import check_settings as check_altcha_settings
from identity.accounts.router import router as accounts_router
from identity.audit.router import router as audit_router
from identity.database import events
from identity.mail.router import router as mail_router
from identity.mail.sender import mail_sender
from identity.notifications.service import Notifier
from identity.oauth.admin_router import router as oauth_admin_router
from identity.oauth.keys import LocalKeySource
from identity.oauth.lifespan import provider_ready
from identity.oauth.router import router as oidc_router
from identity.organisations.router import router as organisations_router
from identity.organisations.router import webhooks as organisation_webhooks
from identity.people.events import webhooks as people_webhooks
from identity.people.invitations_router import router as invitations_router
from identity.people.me_router import router as me_router
from identity.people.router import router as people_router
from identity.privacy.router import router as privacy_router
from identity.profiles.router import router as profiles_router
from identity.scim.events import webhooks as scim_webhooks
from identity.scim.router import router as scim_router
from identity.settings import IdentitySettings
from kit.app import create_service_app
from kit.settings import ServiceSettings


def webhooks() -> APIRouter:
    """Every event identity publishes, for the OpenAPI `webhooks`."""
    declared = APIRouter()
    declared.include_router(organisation_webhooks)
    declared.include_router(people_webhooks)
    declared.include_router(scim_webhooks)
    return declared


def create_app(settings: ServiceSettings | None = None) -> FastAPI:
    """Build the identity app; `uvicorn --factory identity.app:create_app`."""
    settings = settings or IdentitySettings()
    if not isinstance(settings, IdentitySettings):
        raise TypeError("the identity app needs IdentitySettings")
    if settings.environment != "production":
        # authlib refuses plain-HTTP URLs unless told otherwise; production runs behind TLS.
        os.environ.setdefault("AUTHLIB_INSECURE_TRANSPORT", "1")
    check_altcha_settings(settings)
    key_source = LocalKeySource()
    app = create_service_app(
        settings,
        title="DLA identity",
        description=(
            "Organisations, people and their digital profiles; the OAuth 2.0 / OpenID Connect provider "
            "and password sign-in."
        ),
        routers=[
            organisations_router,
            me_router,
            profiles_router,
            privacy_router,
            people_router,
            invitations_router,
            audit_router,
            accounts_router,
            oidc_router,
            oauth_admin_router,
            mail_router,
            scim_router,
        ],
        events=events,
        event_handlers=Notifier(settings).handlers(),
        webhooks=webhooks(),
        key_source=key_source,
        lifespan_hooks=[provider_ready, mail_sender],
    )
    key_source.app = app
    return app
